"""Draw the site's icons, logo and share image into static/brand/ (run once; the files are committed).

`python -m tools.brand_images [site name]`: a white initial on the accent red for the icons, the
name in full for the logo and the 1200 × 630 picture shared for stories that have none.
"""

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

BRAND = Path(__file__).resolve().parents[1] / "static" / "brand"
ACCENT, INK, PAPER = (164, 22, 26), (26, 26, 26), (255, 255, 255)
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"


def _centred(draw: ImageDraw.ImageDraw, box: tuple[int, int], text: str, size: int, fill) -> None:
    font = ImageFont.truetype(FONT, size)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    x = (box[0] - (right - left)) / 2 - left
    y = (box[1] - (bottom - top)) / 2 - top
    draw.text((x, y), text, font=font, fill=fill)


def icon(size: int, initial: str) -> Image.Image:
    image = Image.new("RGB", (size, size), ACCENT)
    _centred(ImageDraw.Draw(image), (size, size), initial, round(size * 0.72), PAPER)
    return image


def main(name: str = "Newsroom") -> None:
    BRAND.mkdir(parents=True, exist_ok=True)
    initial = name[:1].upper()
    for size, file in [(180, "apple-touch-icon.png"), (192, "icon-192.png"), (512, "icon-512.png")]:
        icon(size, initial).save(BRAND / file, optimize=True)
    icon(48, initial).save(BRAND / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    logo = Image.new("RGB", (600, 120), PAPER)
    _centred(ImageDraw.Draw(logo), (600, 120), name, 72, INK)
    logo.save(BRAND / "logo.png", optimize=True)
    share = Image.new("RGB", (1200, 630), PAPER)
    draw = ImageDraw.Draw(share)
    draw.rectangle([0, 0, 1200, 24], fill=ACCENT)
    draw.rectangle([0, 606, 1200, 630], fill=INK)
    _centred(draw, (1200, 630), name, 150, INK)
    share.save(BRAND / "share.png", optimize=True)


if __name__ == "__main__":
    main(*sys.argv[1:2])
