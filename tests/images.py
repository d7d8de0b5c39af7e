"""Pictures made in memory for tests: real ones, and files that only pretend to be."""

import functools
import struct
import zlib
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageCms, PngImagePlugin


def image_bytes(*, width: int = 1000, height: int = 600, image_format: str = "JPEG") -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (width, height), (30, 90, 160)).save(buffer, format=image_format)
    return buffer.getvalue()


def image_upload(name: str = "harbour.jpg", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes(**kwargs), content_type="image/jpeg")


def png_claiming_size(*, width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` × `height`: what a decompression bomb looks like to a reader."""
    data = bytearray(image_bytes(width=1, height=1, image_format="PNG"))
    # The IHDR chunk starts at byte 8: length (4), type (4), then width and height, then its CRC.
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


CAMERA = "Newsroom Test Camera"
COMMENT = b'<script>alert("comment")</script>'
SHOWN_TOP, SHOWN_BOTTOM = (220, 30, 30), (30, 60, 220)


@functools.cache  # one profile for the whole run: a new one would carry a new creation time
def srgb_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def camera_photo(*, width: int = 400, height: int = 300, image_format: str = "JPEG") -> bytes:
    """A photograph as a phone writes it: GPS position, camera make, a comment with HTML, XMP, a colour profile,
    and pixels stored sideways with EXIF orientation 6 ("turn 90° clockwise"). Shown upright it is
    `height` × `width`, red at the top and blue at the bottom."""
    image = Image.new("RGB", (width, height), SHOWN_BOTTOM)
    image.paste(SHOWN_TOP, (0, 0, width // 2, height))  # the stored left half is the shown top half
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = CAMERA
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (32.0, 53.0, 12.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (13.0, 11.0, 2.25)
    options = {"exif": exif, "icc_profile": srgb_profile()}
    if image_format == "PNG":
        text = PngImagePlugin.PngInfo()
        text.add_text("Comment", COMMENT.decode())
        options["pnginfo"] = text
    else:
        options["xmp"] = b"<x:xmpmeta><exif:GPSLatitude>32,53.2N</exif:GPSLatitude></x:xmpmeta>"
    if image_format == "JPEG":
        options["comment"] = COMMENT
    buffer = BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()
