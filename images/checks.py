"""What an uploaded picture must be before Newsroom stores it.

Only JPEG, PNG and WebP pictures are accepted, up to a size in bytes and in pixels set in
settings. Pillow reads the header first, so a file that claims to be enormous (a decompression
bomb) is refused before any pixel is decoded; then the whole picture is decoded once, so a
truncated or damaged file is refused too.
"""

import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

# Pillow format name -> the file extension Newsroom stores it under.
FORMAT_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
EXTENSION_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
ACCEPTED = "JPEG, PNG or WebP"


@dataclass(frozen=True)
class ImageFacts:
    format: str
    width: int
    height: int

    @property
    def extension(self) -> str:
        return FORMAT_EXTENSIONS[self.format]


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:g} million"


def image_check(file) -> ImageFacts:
    """Check an uploaded file is a picture Newsroom accepts; raise ValidationError saying why not."""
    max_bytes = settings.NEWSROOM_IMAGE_MAX_BYTES
    max_pixels = settings.NEWSROOM_IMAGE_MAX_PIXELS
    size = file.size
    if size is not None and size > max_bytes:
        raise ValidationError(
            f"This file is {filesizeformat(size)}; pictures may be at most {filesizeformat(max_bytes)}.",
            code="file_too_large",
        )
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice its limit: make that a refusal too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            file.seek(0)
            with Image.open(file) as image:
                facts = ImageFacts(format=image.format, width=image.width, height=image.height)
                if facts.format not in FORMAT_EXTENSIONS:
                    raise ValidationError(
                        f"This is a {facts.format} file; upload a {ACCEPTED} picture.", code="image_format"
                    )
                if facts.width * facts.height > max_pixels:
                    raise ValidationError(
                        f"This picture is {facts.width} × {facts.height} pixels; pictures may have at most "
                        f"{_megapixels(max_pixels)} pixels. Resize it and upload it again.",
                        code="too_many_pixels",
                    )
                image.verify()
            file.seek(0)
            with Image.open(file) as image:
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            "This file claims to be a picture far larger than any photograph (a possible decompression bomb) "
            "and was refused.",
            code="decompression_bomb",
        ) from None
    except UnidentifiedImageError:
        raise ValidationError(
            f"This file is not a picture, whatever its name says. Upload a {ACCEPTED} picture.", code="not_an_image"
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(
            "This picture is damaged or incomplete and cannot be read. Export it again and upload the new file.",
            code="damaged_image",
        ) from None
    finally:
        file.seek(0)
    return facts
