"""What the story editor's tag fields offer as an editor types: actors and countries by name or alias."""

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from articles.names import name_clean, name_fold

from .models import Actor, Country
from .services.countries import countries_all

AUTOCOMPLETE_LIMIT = 10


@dataclass(frozen=True)
class TagOption:
    """One suggestion of a tag field: the name that goes in the field, and a word on what it is."""

    name: str
    detail: str


def _matching(queryset: QuerySet, term: str, *, limit: int) -> list:
    """Rows whose name or an alias contains `term`; names starting with it first, then by name."""
    starts_first = Case(When(name__istartswith=term, then=Value(0)), default=Value(1), output_field=IntegerField())
    found = queryset.filter(Q(name__icontains=term) | Q(aliases__icontains=term))
    return list(found.annotate(starts=starts_first).order_by("starts", "name")[:limit])


def _alias_matched(tag, term: str) -> str:
    """How a row was found when its name does not hold `term`: "also “Haftar”"; otherwise nothing."""
    if name_fold(term) in name_fold(tag.name):
        return ""
    alias = next((alias for alias in tag.alias_list if name_fold(term) in name_fold(alias)), "")
    return f" · also “{alias}”" if alias else ""


def actors_autocomplete(*, term: str, limit: int = AUTOCOMPLETE_LIMIT) -> list[TagOption]:
    """The actors whose name or alias contains `term` (at most `limit`), names starting with it first."""
    term = name_clean(term or "")
    if not term:
        return []
    actors = _matching(Actor.objects.only("name", "kind", "aliases"), term, limit=limit)
    return [TagOption(actor.name, actor.get_kind_display().lower() + _alias_matched(actor, term)) for actor in actors]


def countries_autocomplete(*, term: str, limit: int = AUTOCOMPLETE_LIMIT) -> list[TagOption]:
    """The countries whose name, alias or ISO code matches `term`: those in the table, then the other
    ISO 3166 countries (created the first time a story is tagged with one)."""
    term = name_clean(term or "")
    if not term:
        return []
    rows = Country.objects.only("name", "code", "aliases")
    by_code = rows.filter(code__iexact=term) if len(term) == 2 else rows.none()
    found = list(by_code) + [c for c in _matching(rows, term, limit=limit) if c.code.upper() != term.upper()]
    options = [TagOption(c.name, f"country · {c.code}" + _alias_matched(c, term)) for c in found]
    known = {country.code for country in found}
    folded = name_fold(term)
    others = [c for c in countries_all() if c.code not in known and folded in name_fold(c.name)]
    others.sort(key=lambda country: (not name_fold(country.name).startswith(folded), country.name))
    others = others[: max(0, limit - len(options))]
    # A country already in the table under another name ("Türkiye" for "Turkey") is offered by that name.
    stored = {country.code: country for country in rows.filter(code__in=[country.code for country in others])}
    options += [TagOption(stored.get(c.code, c).name, f"country · {c.code}") for c in others]
    return options[:limit]
