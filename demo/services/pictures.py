"""Photograph-like pictures for demos and benchmarks, drawn with Pillow from a seed.

A sky graded from one colour to another, a sun or moon, hills and a skyline or a harbour's boats
against it: enough texture that a picture weighs and looks like a news photograph at card size,
and the same seed always draws the same picture.
"""

import random
from io import BytesIO

from PIL import Image, ImageDraw, ImageFilter

SKIES = [
    ((31, 58, 110), (244, 162, 97), "at dusk"),
    ((120, 170, 220), (230, 240, 250), "at midday"),
    ((40, 30, 70), (220, 110, 90), "at sunset"),
    ((90, 110, 120), (200, 205, 200), "under an overcast sky"),
    ((15, 30, 60), (70, 100, 150), "at night"),
]


def _mix(a: tuple, b: tuple, t: float) -> tuple:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def picture_draw(*, seed: int, width: int = 1600, height: int = 900) -> tuple[Image.Image, str]:
    """A landscape-like RGB picture `width` × `height` and its description (alt text), the same for the same seed."""
    rng = random.Random(seed)
    top, bottom, when = SKIES[rng.randrange(len(SKIES))]
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    horizon = int(height * rng.uniform(0.55, 0.75))
    for y in range(horizon):
        draw.line([(0, y), (width, y)], fill=_mix(top, bottom, y / horizon))
    sun_x, sun_y, radius = rng.uniform(0.15, 0.85) * width, horizon * rng.uniform(0.3, 0.8), height * 0.07
    sun = [sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius]
    draw.ellipse(sun, fill=_mix(bottom, (255, 240, 200), 0.7))
    image = image.filter(ImageFilter.GaussianBlur(radius=height / 150))
    draw = ImageDraw.Draw(image)
    ground = _mix(top, (20, 20, 20), 0.6)
    for layer in range(3):  # hills, farther ones paler
        colour = _mix(ground, bottom, 0.5 - layer * 0.2)
        base = horizon - height * 0.08 * (2 - layer)
        points = [(0, height)]
        for x in range(0, width + 80, 80):
            points.append((x, base + rng.uniform(-0.05, 0.05) * height))
        points.append((width, height))
        draw.polygon(points, fill=colour)
    city = rng.random() < 0.5
    if city:  # a skyline
        x = 0
        while x < width:
            w, h = rng.uniform(0.03, 0.08) * width, rng.uniform(0.05, 0.3) * height
            draw.rectangle([x, horizon - h, x + w, height], fill=_mix(ground, (0, 0, 0), 0.3))
            for wy in range(int(horizon - h + 8), horizon, 14):
                for wx in range(int(x + 4), int(x + w - 4), 10):
                    if rng.random() < 0.3:
                        draw.rectangle([wx, wy, wx + 4, wy + 6], fill=(250, 220, 150))
            x += w + rng.uniform(0, 0.02) * width
    else:  # water and boats
        draw.rectangle([0, horizon, width, height], fill=_mix(top, bottom, 0.6))
        for y in range(horizon, height, 6):
            draw.line([(0, y), (width, y)], fill=_mix(top, bottom, 0.45 + rng.uniform(0, 0.2)), width=2)
        for _ in range(rng.randrange(3, 8)):
            bx, by, bw = rng.uniform(0, width), rng.uniform(horizon, height * 0.95), rng.uniform(0.05, 0.12) * width
            hull = [(bx, by), (bx + bw, by), (bx + bw * 0.85, by + bw * 0.15), (bx + bw * 0.15, by + bw * 0.15)]
            draw.polygon(hull, fill=_mix(ground, (120, 30, 30), rng.random()))
            draw.line([(bx + bw / 2, by), (bx + bw / 2, by - bw * 0.8)], fill=(40, 40, 40), width=3)
    # Film grain: photographs are never flat colour, and it gives JPEGs a realistic weight.
    noise = Image.effect_noise((width, height), 24).convert("RGB")
    scene = "A city skyline in front of the hills" if city else "Boats on the water below the hills"
    return Image.blend(image, noise, 0.06), f"{scene} {when}"


def picture_jpeg(*, seed: int, width: int = 1600, height: int = 900) -> bytes:
    """The picture for `seed` as JPEG bytes, as a camera or an agency would send it."""
    buffer = BytesIO()
    picture_draw(seed=seed, width=width, height=height)[0].save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()
