"""Pictures made in memory for tests: real ones, and files that only pretend to be."""

import struct
import zlib
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


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
