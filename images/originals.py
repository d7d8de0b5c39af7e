"""How an uploaded picture is kept: upright, without private metadata, at an address no page gives away.

Cameras and phones write where and when a photograph was taken, the device and its serial number, often a
thumbnail of the uncropped frame; editing tools add comments and XMP. None of it is for readers, so the
stored original and every rendition carry the pixels, turned the way the picture is shown, and at most a
colour profile and transparency. An original is stored as `<name>.<secret>.<ext>` (32 random hex digits);
its renditions are named from `<name>` and a digest of the whole stored name, so knowing a rendition's
address tells nothing of where the original is.
"""

import hashlib
import re
import secrets
from io import BytesIO
from pathlib import PurePosixPath

from PIL import Image, ImageOps, JpegImagePlugin

from .checks import EXTENSION_FORMATS

SECRET_HEX_DIGITS = 32
_PRIVATE_STEM = re.compile(rf"(?P<public>.+)\.[0-9a-f]{{{SECRET_HEX_DIGITS}}}")
# The only metadata a stored picture keeps: what drawing it correctly needs.
KEPT_INFO = ("icc_profile", "transparency")
ORIGINAL_SAVE_OPTIONS = {
    "JPEG": {"quality": 95, "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 90, "method": 4},
}
GREY_MODES = {"1", "L", "LA", "La", "I", "I;16", "I;16B", "I;16L", "I;16N", "F"}
# The modes each format is written in as they are; a picture in any other mode is converted first.
# Renditions are for browsers; an original keeps what its format can hold (CMYK, palettes, 16 bits).
BROWSER_MODES = {"JPEG": {"RGB", "L"}, "PNG": {"RGB", "RGBA", "L", "LA"}, "WEBP": {"RGB", "RGBA", "L", "LA"}}
ORIGINAL_MODES = {
    "JPEG": {"RGB", "L", "CMYK"},
    "PNG": {"1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"},
    "WEBP": {"RGB", "RGBA"},
}


def original_format(*, name: str) -> str:
    """The format a stored picture is in, from its name (which the upload form sets from its content)."""
    return EXTENSION_FORMATS.get(PurePosixPath(name).suffix.lstrip(".").lower(), "JPEG")


def original_name(*, name: str, max_length: int | None = None) -> str:
    """`name` with a random secret before its extension, shortened to fit `max_length` with the secret whole."""
    path = PurePosixPath(name)
    secret = secrets.token_hex(SECRET_HEX_DIGITS // 2)
    stem = path.stem
    if max_length:
        excess = len(str(path.with_name(f"{stem}.{secret}{path.suffix}"))) - max_length
        if excess > 0:
            stem = stem[: max(len(stem) - excess, 1)]
    return str(path.with_name(f"{stem}.{secret}{path.suffix}"))


def original_is_private(*, name: str) -> bool:
    """Whether a stored picture's name has a secret in it (pictures uploaded before this was done have none)."""
    return _PRIVATE_STEM.fullmatch(PurePosixPath(name).stem) is not None


def public_stem(*, name: str) -> str:
    """The part of a stored picture's name its renditions are named by: never the original's secret."""
    stem = PurePosixPath(name).stem
    match = _PRIVATE_STEM.fullmatch(stem)
    if match is None:  # stored before originals had a secret: its renditions keep the names they have
        return stem
    return f"{match['public']}-{hashlib.sha256(name.encode()).hexdigest()[:12]}"


def upright_without_metadata(image: Image.Image) -> Image.Image:
    """A copy of the picture turned as its EXIF orientation says, carrying only a colour profile and transparency."""
    upright = ImageOps.exif_transpose(image)
    upright.info = {key: image.info[key] for key in KEPT_INFO if key in image.info}
    return upright


def _colour_space(mode: str) -> str:
    return "CMYK" if mode == "CMYK" else "grey" if mode in GREY_MODES else "RGB"


def picture_encode(image: Image.Image, *, image_format: str, modes=BROWSER_MODES, **options) -> bytes:
    """The picture's bytes in `image_format`, in one of `modes` (converted if need be), with no metadata written.

    The colour profile goes along only while the colours stay in its space: a CMYK profile on the RGB
    pixels a browser gets would show wrong colours.
    """
    converted = image
    if image.mode not in modes[image_format]:
        has_alpha = "A" in image.getbands() or "transparency" in image.info
        converted = image.convert("RGBA" if has_alpha and image_format != "JPEG" else "RGB")
    profile = image.info.get("icc_profile")
    if _colour_space(image.mode) != _colour_space(converted.mode):
        profile = None
    buffer = BytesIO()
    converted.save(buffer, format=image_format, icc_profile=profile, **options)
    return buffer.getvalue()


def original_clean(*, file, name: str) -> bytes:
    """What Newsroom stores of an uploaded picture: turned upright, without metadata, in the format `name` says.

    A JPEG is written again with its own quantisation tables and chroma subsampling, so it loses next to
    nothing of the quality it came with.
    """
    image_format = original_format(name=name)
    options = dict(ORIGINAL_SAVE_OPTIONS[image_format])
    file.seek(0)
    with Image.open(file) as source:
        if image_format == "JPEG" and source.format == "JPEG":
            options.pop("quality")
            options.update(qtables=source.quantization, subsampling=JpegImagePlugin.get_sampling(source))
        image = upright_without_metadata(source)
    file.seek(0)
    return picture_encode(image, image_format=image_format, modes=ORIGINAL_MODES, **options)
