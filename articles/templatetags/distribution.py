"""Template tags for what pages publish to machines: feed links and structured data."""

from django import template
from django.conf import settings
from django.db.models import Model

from ..feeds import feed_urls

register = template.Library()


@register.inclusion_tag("includes/_feed_links.html")
def feed_links(obj: Model | None = None) -> dict:
    """<link rel="alternate"> elements for the RSS and Atom feeds of `obj`, or of the latest stories."""
    name = settings.NEWSROOM_SITE_NAME if obj is None else f"{obj.name} · {settings.NEWSROOM_SITE_NAME}"
    return {"feed_name": name, "feed": feed_urls(obj=obj)}


@register.simple_tag(name="feed_urls")
def feed_urls_tag(obj: Model | None = None) -> dict[str, str]:
    """The feed addresses of `obj`, for a visible "subscribe" link: {% feed_urls section as feed %}."""
    return feed_urls(obj=obj)
