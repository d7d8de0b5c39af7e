"""`{% picture %}`: a stored picture as <picture> with WebP and original-format srcsets."""

from django import template
from django.db.models.fields.files import FieldFile

from ..renditions import CONTENT_TYPES, rendition_for_sharing, renditions_for

register = template.Library()

# Which rendition goes in `src` for browsers that ignore srcset: a sensible middle size.
FALLBACK_WIDTH = 960


def _srcset(storage, renditions) -> str:
    return ", ".join(f"{storage.url(r.name)} {r.width}w" for r in renditions)


def picture_context(*, image: FieldFile, width: int | None, height: int | None) -> dict | None:
    """What the picture template needs, computed from the stored name and size alone (no storage calls)."""
    if not image or not width or not height:
        return None
    by_format = renditions_for(name=image.name, width=width, height=height)
    storage = image.storage
    formats = list(by_format)
    fallback = by_format[formats[-1]]
    src = max((r for r in fallback if r.width <= FALLBACK_WIDTH), key=lambda r: r.width, default=fallback[0])
    return {
        "sources": [{"type": CONTENT_TYPES[f], "srcset": _srcset(storage, by_format[f])} for f in formats[:-1]],
        "srcset": _srcset(storage, fallback),
        "src": storage.url(src.name),
        "width": width,
        "height": height,
        "largest": storage.url(fallback[-1].name),
    }


@register.inclusion_tag("images/_picture.html")
def picture(image, width, height, alt, sizes="100vw", css_class="", loading="lazy"):
    """Usage: {% picture article.lead_image article.lead_image_width article.lead_image_height
    article.lead_image_alt sizes="(min-width: 48rem) 42rem, 100vw" %}"""
    return {
        "picture": picture_context(image=image, width=width, height=height),
        "alt": alt,
        "sizes": sizes,
        "css_class": css_class,
        "loading": loading,
    }


@register.simple_tag(takes_context=True)
def shared_image(context, image, width, height):
    """The rendition social cards and search engines use: {"url": absolute address, "width", "height"}."""
    if not image or not width or not height:
        return None
    rendition = rendition_for_sharing(name=image.name, width=width, height=height)
    url = image.storage.url(rendition.name)
    request = context.get("request")
    return {
        "url": request.build_absolute_uri(url) if request is not None else url,
        "width": rendition.width,
        "height": rendition.height,
    }
