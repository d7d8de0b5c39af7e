"""Template tags for what pages publish to machines: feed links and structured data."""

from django import template
from django.conf import settings
from django.db.models import Model
from django.utils.safestring import SafeString

from .. import structured_data
from ..extensions import story_json_ld
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


@register.simple_tag(takes_context=True)
def article_json_ld(context, article) -> SafeString:
    """NewsArticle JSON-LD for a published story; nothing for a staff preview of an unpublished one."""
    if not article.is_public:
        return ""
    request = context["request"]
    data = structured_data.article_json_ld(article=article, request=request)
    data = story_json_ld(article=article, data=data, request=request)
    return structured_data.json_ld_script(data=data)


@register.simple_tag(takes_context=True)
def collection_json_ld(context, group, articles, page_obj=None) -> SafeString:
    first_position = page_obj.start_index() if page_obj else 1
    data = structured_data.collection_page_json_ld(
        group=group, articles=articles, request=context["request"], first_position=first_position
    )
    return structured_data.json_ld_script(data=data)


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    """`path` as a full address on this site, as previews and crawlers need: {% absolute_url obj.get_absolute_url %}."""
    return context["request"].build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def site_json_ld(context) -> SafeString:
    """The front page's WebSite and NewsMediaOrganization JSON-LD."""
    return structured_data.json_ld_script(data=structured_data.site_json_ld(request=context["request"]))


@register.simple_tag(takes_context=True)
def site_share_image(context) -> dict:
    """The picture shared for a page or story that has none of its own: {"url", "width", "height"}."""
    return structured_data.site_image(image=structured_data.SHARE_IMAGE, request=context["request"])
