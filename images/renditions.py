"""Responsive renditions of stored pictures: several widths, in WebP and in the original format.

Rendition names are derived from the original's name and width alone, so a page can list them in
`srcset` without asking the storage anything, yet they do not reveal the original's address (see
originals.py); they are written once, by a worker after the picture is saved (images/tasks.py) or by
`manage.py renditions_generate`, never while a page is served, and carry no metadata.
"""

from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from PIL import Image

from .checks import FORMAT_EXTENSIONS
from .originals import original_format, picture_encode, public_stem, upright_without_metadata

WIDTHS = (160, 320, 640, 960, 1280, 1920)
# Search engines show a story's picture cropped to each of these shapes (Google asks for all three);
# each crop is the largest box of that shape around the picture's centre, at most CROP_WIDTH wide.
CROP_RATIOS = ((16, 9), (4, 3), (1, 1))
CROP_WIDTH = 1200
RENDITIONS_DIR = "renditions"
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
SAVE_OPTIONS = {
    "JPEG": {"quality": 82, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 80, "method": 4},
}


@dataclass(frozen=True)
class Rendition:
    name: str
    width: int
    height: int
    format: str


def rendition_widths(*, width: int) -> list[int]:
    """The widths made for a picture `width` pixels wide: the standard ones below it, and itself if smaller."""
    widths = [w for w in WIDTHS if w < width]
    if width <= WIDTHS[-1]:
        widths.append(width)
    return widths


def rendition_formats(*, name: str) -> list[str]:
    """WebP first (smaller, for browsers that take it), then the original format unless it is WebP."""
    fallback = original_format(name=name)
    return ["WEBP"] if fallback == "WEBP" else ["WEBP", fallback]


def renditions_for(*, name: str, width: int, height: int) -> dict[str, list[Rendition]]:
    """Every rendition of the picture stored at `name`, by format, narrowest first. Pure: no storage access."""
    path = PurePosixPath(name)
    stem = public_stem(name=name)
    result = {}
    for image_format in rendition_formats(name=name):
        extension = FORMAT_EXTENSIONS[image_format]
        result[image_format] = [
            Rendition(
                name=str(PurePosixPath(RENDITIONS_DIR) / path.parent / f"{stem}-{w}w.{extension}"),
                width=w,
                height=max(round(height * w / width), 1),
                format=image_format,
            )
            for w in rendition_widths(width=width)
        ]
    return result


@dataclass(frozen=True)
class Crop:
    rendition: Rendition
    box: tuple[int, int, int, int]  # left, top, right, bottom in the upright picture


def crops_for(*, name: str, width: int, height: int) -> list[Crop]:
    """The 16:9, 4:3 and 1:1 crops of the picture at `name`, in its original format. Pure: no storage access."""
    path = PurePosixPath(name)
    stem = public_stem(name=name)
    image_format = original_format(name=name)
    extension = FORMAT_EXTENSIONS[image_format]
    crops = []
    for across, down in CROP_RATIOS:
        box_width = min(width, height * across // down)
        box_height = min(height, box_width * down // across)
        left, top = (width - box_width) // 2, (height - box_height) // 2
        out_width = min(box_width, CROP_WIDTH)
        out_height = max(round(box_height * out_width / box_width), 1)
        rendition_name = str(
            PurePosixPath(RENDITIONS_DIR) / path.parent / f"{stem}-{across}x{down}-{out_width}w.{extension}"
        )
        crops.append(
            Crop(
                rendition=Rendition(name=rendition_name, width=out_width, height=out_height, format=image_format),
                box=(left, top, left + box_width, top + box_height),
            )
        )
    return crops


def _crops_generate(*, storage, image: Image.Image, crops: list[Crop], replace: bool) -> list[Rendition]:
    written = []
    for crop in crops:
        rendition = crop.rendition
        if storage.exists(rendition.name):
            if not replace:
                continue
            storage.delete(rendition.name)
        cropped = image.crop(crop.box).resize((rendition.width, rendition.height), Image.Resampling.LANCZOS)
        data = picture_encode(cropped, image_format=rendition.format, **SAVE_OPTIONS[rendition.format])
        storage.save(rendition.name, ContentFile(data))
        written.append(rendition)
    return written


def renditions_generate(*, field_file: FieldFile, replace: bool = False) -> list[Rendition]:
    """Write the renditions of a saved picture through its storage; existing ones are kept unless `replace`.

    Widest first, each width resized once for all its formats from the previous, wider one: far
    quicker than going back to a large original every time, and just as sharp.
    """
    if not field_file:
        return []
    storage = field_file.storage
    width, height = field_file.width, field_file.height  # as shown, after any EXIF rotation
    by_width: dict[int, list[Rendition]] = {}
    for renditions in renditions_for(name=field_file.name, width=width, height=height).values():
        for rendition in renditions:
            if replace or not storage.exists(rendition.name):
                by_width.setdefault(rendition.width, []).append(rendition)
    wants_crops = getattr(field_file.field, "search_crops", False)
    crops = [
        crop
        for crop in (crops_for(name=field_file.name, width=width, height=height) if wants_crops else [])
        if replace or not storage.exists(crop.rendition.name)
    ]
    if not by_width and not crops:
        return []
    with field_file.open("rb") as handle, Image.open(handle) as source:
        image = upright_without_metadata(source)
    written = _crops_generate(storage=storage, image=image, crops=crops, replace=replace)
    for width in sorted(by_width, reverse=True):
        wanted = by_width[width]
        image = image.resize((width, wanted[0].height), Image.Resampling.LANCZOS)
        for rendition in wanted:
            if storage.exists(rendition.name):
                storage.delete(rendition.name)
            data = picture_encode(image, image_format=rendition.format, **SAVE_OPTIONS[rendition.format])
            storage.save(rendition.name, ContentFile(data))
            written.append(rendition)
    return written


def rendition_for_sharing(*, name: str, width: int, height: int, target: int = 1280) -> Rendition:
    """The original-format rendition closest to `target` pixels wide: what social networks and search
    engines fetch (a sensible size, in a format every one of them reads)."""
    by_format = renditions_for(name=name, width=width, height=height)
    return min(by_format[original_format(name=name)], key=lambda r: (abs(r.width - target), -r.width))


def renditions_for_search(*, name: str, width: int, height: int) -> list[Rendition]:
    """The 16:9, 4:3 and 1:1 crops: the images a NewsArticle lists, as search engines ask."""
    return [crop.rendition for crop in crops_for(name=name, width=width, height=height)]


def picture_delete(*, storage, name: str, width: int | None, height: int | None) -> None:
    """Remove a stored picture and every rendition made of it."""
    if width and height:
        for renditions in renditions_for(name=name, width=width, height=height).values():
            for rendition in renditions:
                storage.delete(rendition.name)
        for crop in crops_for(name=name, width=width, height=height):
            storage.delete(crop.rendition.name)
    storage.delete(name)
