from django.db.models.fields.files import FieldFile
from django.utils.html import format_html

from .fields import picture_ready
from .renditions import rendition_for_sharing


def picture_preview(*, image: FieldFile, width: int | None, height: int | None) -> str:
    """A small rendition of a stored picture for admin forms, or a dash when there is none."""
    if not image or not width or not height:
        return "–"
    if not picture_ready(image):
        return "Its sizes are being made; pages show the picture once they are ready (usually within a minute)."
    small = rendition_for_sharing(name=image.name, width=width, height=height, target=320)
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="">',
        image.storage.url(small.name),
        small.width,
        small.height,
    )
