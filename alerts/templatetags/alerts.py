from django import template

from ..groups import group_key

register = template.Library()


@register.simple_tag
def follow_keys(*, group=None, article=None) -> list[str]:
    """The "kind:id" of a page's group, or of a story's section, authors, actors and countries (prefetched)."""
    if group:
        return [group_key(group)]
    if not article:
        return []
    groups = [
        article.section,
        *(b.author for b in article.bylines.all()),
        *article.actors.all(),
        *article.countries.all(),
    ]
    return [group_key(g) for g in groups]
