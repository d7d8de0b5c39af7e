"""{% author_json_ld author %}: the structured data of an author's page."""

from django import template
from django.http import HttpRequest
from django.utils.safestring import SafeString

from articles.structured_data import SCHEMA_CONTEXT, json_ld_script, person_json_ld, publisher_json_ld

from ..models import Author

register = template.Library()


def author_page_json_ld(*, author: Author, request: HttpRequest) -> dict:
    """An author's page: the Person, working for the publication."""
    return {
        "@context": SCHEMA_CONTEXT,
        **person_json_ld(author=author, request=request),
        "worksFor": publisher_json_ld(request=request),
    }


@register.simple_tag(takes_context=True)
def author_json_ld(context, author: Author) -> SafeString:
    return json_ld_script(data=author_page_json_ld(author=author, request=context["request"]))
