"""A world map coloured by number of stories, drawn from pygal_maps_world's openly licensed SVG.

pygal_maps_world (LGPL-3.0-or-later) ships worldmap.svg: one <g class="xx country"> per
country, xx being the ISO 3166-1 alpha-2 code in lower case. Newsroom only reads the paths and
draws its own SVG around them, so pygal itself is never imported at run time.
"""

import re
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib.resources import files

# Light to dark blues (ColorBrewer "Blues"), one per band of story counts.
PALETTE = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
NO_STORIES = "#e5e5e5"

_COUNTRY = re.compile(r'<g class="([a-z]{2}) country map-element">(.*?)</g>', re.S)
VIEWBOX = "0 0 2475 1240"


@dataclass(frozen=True)
class MapCountry:
    code: str  # ISO alpha-2, upper case
    name: str
    count: int
    url: str


_TOKEN = re.compile(r"[mclshvMCLSHVzZ]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?")
_PATH_D = re.compile(r'<path d="([^"]+)"\s*/>')
# Points per command: the last pair (or single value) is where the pen ends up.
_ARITY = {"m": 2, "l": 2, "c": 6, "s": 4, "h": 1, "v": 1}
# Douglas-Peucker tolerance in map units: the map is drawn at about a third of a pixel per unit.
TOLERANCE = 0.8


def _subpaths(d: str) -> list[list[tuple[float, float]]]:
    """The outline of each subpath of a relative SVG path as absolute points (curves by their end points)."""
    tokens = _TOKEN.findall(d)
    subpaths: list[list[tuple[float, float]]] = []
    x = y = 0.0
    command = ""
    i = 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command in "zZ":
                x, y = subpaths[-1][0]  # closing a subpath takes the pen back to its start
                continue
        lower = command.lower()
        values = [float(v) for v in tokens[i : i + _ARITY[lower]]]
        i += _ARITY[lower]
        relative = command.islower()
        if lower == "h":
            x = x + values[0] if relative else values[0]
        elif lower == "v":
            y = y + values[0] if relative else values[0]
        else:
            x, y = (x + values[-2], y + values[-1]) if relative else (values[-2], values[-1])
        if lower == "m":
            subpaths.append([(x, y)])
            command = "l" if relative else "L"  # further pairs after a moveto are line-tos
        else:
            subpaths[-1].append((x, y))
    return subpaths


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iteratively: keep the points that stray more than `tolerance` from the chord."""
    if len(points) < 3:
        return points
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = (dx * dx + dy * dy) ** 0.5
        farthest, distance = None, tolerance
        for index in range(first + 1, last):
            px, py = points[index]
            if length > 1e-6:
                d = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / length
            else:  # a closed ring: measure from its start
                d = ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
            if d > distance:
                farthest, distance = index, d
        if farthest is not None:
            keep.add(farthest)
            stack += [(first, farthest), (farthest, last)]
    return [points[index] for index in sorted(keep)]


def _compact_path(paths: list[str]) -> str:
    """One path drawing the same outlines in far fewer bytes: straight segments between rounded points.

    Moves are relative to the previous subpath's start (where "z" leaves the pen)."""
    parts = []
    pen = (0, 0)
    for subpath in (subpath for d in paths for subpath in _subpaths(d)):
        points = []
        for x, y in _simplify(subpath, TOLERANCE):
            point = (round(x), round(y))
            if not points or point != points[-1]:
                points.append(point)
        if len(points) < 3:
            continue  # a speck smaller than a pixel
        (sx, sy) = points[0]
        steps = " ".join(f"{bx - ax} {by - ay}" for (ax, ay), (bx, by) in zip(points, points[1:], strict=False))
        parts.append(f"m{sx - pen[0]} {sy - pen[1]}l{steps}z")
        pen = (sx, sy)
    return "".join(parts).replace(" -", "-")


@cache
def world_shapes() -> tuple[str, dict[str, str]]:
    """The map's viewBox and each country's path markup by upper-case ISO code (read once)."""
    svg = files("pygal_maps_world").joinpath("worldmap.svg").read_text(encoding="utf-8")
    shapes = {}
    for code, paths in _COUNTRY.findall(svg):
        if code == "aq":  # Antarctica fills the bottom eighth of the drawing: cropped off (see VIEWBOX)
            continue
        compact = _compact_path(_PATH_D.findall(paths))
        # Smaller than a pixel once simplified (Monaco, Vatican City): keep the original outline.
        shapes[code.upper()] = f'<path d="{compact}"/>' if compact else " ".join(paths.split())
    return VIEWBOX, shapes


def bands_for(*, maximum: int) -> list[tuple[int, int]]:
    """Up to five (low, high) bands of story counts covering 1..maximum, roughly doubling."""
    if maximum <= 0:
        return []
    edges = [1]
    while edges[-1] < maximum and len(edges) < len(PALETTE):
        edges.append(edges[-1] * 2)
    # Stretch so the top band always ends at the maximum.
    if len(edges) == len(PALETTE) and edges[-1] < maximum:
        ratio = (maximum / edges[0]) ** (1 / len(PALETTE))
        edges = [1] + [max(round(ratio**i), 1) for i in range(1, len(PALETTE))]
        edges = sorted(set(edges))
    bands = []
    for index, low in enumerate(edges):
        high = edges[index + 1] - 1 if index + 1 < len(edges) else maximum
        if high >= low:
            bands.append((low, high))
    return bands


def colour_for(*, count: int, bands: list[tuple[int, int]]) -> str:
    for index, (low, high) in enumerate(bands):
        if low <= count <= high:
            return PALETTE[index]
    return NO_STORIES


def world_map_svg(*, countries: list[MapCountry], title: str, desc: str, map_id: str) -> str:
    """The world map as an inline SVG string: each country with stories coloured by count and linked."""
    viewbox, shapes = world_shapes()
    by_code = {c.code.upper(): c for c in countries}
    bands = bands_for(maximum=max((c.count for c in countries), default=0))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="world-map" viewBox="{viewbox}" '
        # A group, not an img: an img's children are hidden from screen readers, and these are links.
        f'role="group" aria-labelledby="{map_id}-title {map_id}-desc">',
        f'<title id="{map_id}-title">{escape(title)}</title>',
        f'<desc id="{map_id}-desc">{escape(desc)}</desc>',
        '<g stroke="#ffffff" stroke-width="0.8" stroke-linejoin="round">',
    ]
    for code, paths in shapes.items():
        country = by_code.get(code)
        if country is None:
            parts.append(f'<g class="country" data-code="{code}" fill="{NO_STORIES}">{paths}</g>')
            continue
        colour = colour_for(count=country.count, bands=bands)
        noun = "story" if country.count == 1 else "stories"
        parts.append(
            f'<a href="{escape(country.url)}" class="country-link">'
            f'<g class="country" data-code="{code}" data-count="{country.count}" fill="{colour}">'
            f"<title>{escape(country.name)}: {country.count} {noun}</title>{paths}</g></a>"
        )
    parts.append("</g></svg>")
    return "".join(parts)


def legend_items(*, countries: list[MapCountry]) -> list[tuple[str, str]]:
    """(colour, label) pairs for the map's legend, "No stories" first."""
    bands = bands_for(maximum=max((c.count for c in countries), default=0))
    items = [(NO_STORIES, "No stories")]
    for index, (low, high) in enumerate(bands):
        items.append((PALETTE[index], str(low) if low == high else f"{low}–{high}"))
    return items
