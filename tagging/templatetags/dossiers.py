"""Server-rendered SVG for dossiers and the countries index: a monthly chart and a world map."""

from django import template
from django.utils.safestring import mark_safe

from ..charts import MonthCount, chart_monthly_svg
from ..worldmap import MapCountry, legend_items, world_map_svg

register = template.Library()


def _stories(count: int) -> str:
    return f"{count} {'story' if count == 1 else 'stories'}"


@register.simple_tag
def monthly_chart(months: list[MonthCount], subject: str, chart_id: str = "monthly-chart"):
    """A bar chart of stories per month about `subject`, with a title and a description that sums it up."""
    if not months:
        return ""
    total = sum(m.count for m in months)
    busiest = max(months, key=lambda m: (m.count, m.month))
    span = f"{months[0].month:%B %Y} to {months[-1].month:%B %Y}"
    desc = f"{_stories(total)} about {subject} from {span}."
    if total:
        desc += f" The busiest month was {busiest.month:%B %Y}, with {_stories(busiest.count)}."
    return mark_safe(  # noqa: S308 - the chart escapes every text it draws
        chart_monthly_svg(
            months=months, title=f"Stories about {subject} per month, {span}", desc=desc, chart_id=chart_id
        )
    )


def _map_countries(countries) -> list[MapCountry]:
    return [MapCountry(code=c.code, name=c.name, count=c.story_count, url=c.get_absolute_url()) for c in countries]


@register.simple_tag
def world_map(countries, map_id: str = "world-map"):
    """The world map with each country that has stories coloured by their number and linked to its page."""
    items = _map_countries(countries)
    covered = len(items)
    desc = (
        f"{covered} {'country has' if covered == 1 else 'countries have'} stories; darker means more stories. "
        "The table beside the map lists the same numbers."
    )
    return mark_safe(  # noqa: S308 - the map escapes every text it draws
        world_map_svg(countries=items, title="Stories by country", desc=desc, map_id=map_id)
    )


@register.simple_tag
def world_map_legend(countries):
    """(colour, label) pairs explaining the map's colours."""
    return legend_items(countries=_map_countries(countries))
