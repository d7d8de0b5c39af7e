"""`{% picture %}`: a stored picture as <picture> with WebP and original-format srcsets."""

from django import template
from django.db.models.fields.files import FieldFile

from ..renditions import CONTENT_TYPES, renditions_for

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
def picture_url(context, image, width, height, target=1280):
    """The absolute address of the original-format rendition closest to `target` pixels wide (for social cards)."""
    if not image or not width or not height:
        return ""
    by_format = renditions_for(name=image.name, width=width, height=height)
    renditions = by_format[list(by_format)[-1]]
    chosen = min(renditions, key=lambda r: abs(r.width - target))
    url = image.storage.url(chosen.name)
    request = context.get("request")
    return request.build_absolute_uri(url) if request is not None else url
