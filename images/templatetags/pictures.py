"""`{% picture %}`: a stored picture as <picture> with WebP and original-format srcsets.

A picture whose renditions a worker has not made yet (images/fields.py, picture_ready) is left out:
readers get the page without it, never a broken image nor the original (its address is secret).
Staff see a note in its place on the pages they preview, so they know it is coming.
"""

from django import template
from django.db.models.fields.files import FieldFile

from ..fields import picture_ready
from ..renditions import CONTENT_TYPES, rendition_for_sharing, renditions_for

register = template.Library()

# Which rendition goes in `src` for browsers that ignore srcset: a sensible middle size.
FALLBACK_WIDTH = 960


def _srcset(storage, renditions) -> str:
    return ", ".join(f"{storage.url(r.name)} {r.width}w" for r in renditions)


def picture_context(*, image: FieldFile, width: int | None, height: int | None) -> dict | None:
    """What the picture template needs, computed from the stored name and size alone (no storage calls)."""
    if not image or not width or not height or not picture_ready(image):
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


def _staff_sees_pending(context, image) -> bool:
    """A staff member's page shows where a waiting picture will be; a reader's, or a shared piece
    (a story card kept for everyone, `picture_shared`), does not. The user is only looked at for such
    a picture, so readers' pages never touch the session."""
    if not image or picture_ready(image) or context.get("picture_shared"):
        return False
    request = context.get("request")
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_staff)


@register.filter(name="picture_ready")
def picture_ready_filter(image) -> bool:
    """{% if author.photo|picture_ready %}: there is a picture and pages may show it (its renditions exist)."""
    return picture_ready(image)


@register.simple_tag(takes_context=True)
def picture_shows(context, image) -> bool:
    """{% picture_shows article.lead_image as shows %}: whether {% picture %} will show something for this
    picture here (the picture, or staff's note that it is being prepared), so its frame and caption go too."""
    return picture_ready(image) or _staff_sees_pending(context, image)


@register.inclusion_tag("images/_picture.html", takes_context=True)
def picture(context, image, width, height, alt, sizes="100vw", css_class="", loading="lazy"):
    """Usage: {% picture article.lead_image article.lead_image_width article.lead_image_height
    article.lead_image_alt sizes="(min-width: 48rem) 42rem, 100vw" %}"""
    return {
        "picture": picture_context(image=image, width=width, height=height),
        "pending": _staff_sees_pending(context, image),
        "alt": alt,
        "sizes": sizes,
        "css_class": css_class,
        "loading": loading,
    }


@register.simple_tag(takes_context=True)
def shared_image(context, image, width, height):
    """The rendition social cards and search engines use: {"url": absolute address, "width", "height"}."""
    if not image or not width or not height or not picture_ready(image):
        return None  # the page then offers the site's own share image
    rendition = rendition_for_sharing(name=image.name, width=width, height=height)
    url = image.storage.url(rendition.name)
    request = context.get("request")
    return {
        "url": request.build_absolute_uri(url) if request is not None else url,
        "width": rendition.width,
        "height": rendition.height,
    }
