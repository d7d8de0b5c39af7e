"""{% search_snippet article query %}: the highlighted excerpt under a search result."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from ..models import Article
from ..search import search_snippet as snippet_for

register = template.Library()


@register.simple_tag
def search_snippet(article: Article, query: str) -> SafeString:
    # search_snippet escapes every character of the story and adds only <mark> elements.
    return mark_safe(snippet_for(article=article, text=query))  # noqa: S308
