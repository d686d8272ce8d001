"""The metro map as an A3 poster (landscape, 420 × 297 mm), as SVG and as PDF, for print and the classroom wall.

The poster draws the same :class:`~routes.layout.Layout` as the interactive map, scaled to fit
the page: level columns as light bands with headings, every drawn segment (metro lines solid in
their colour with round joins, branches dashed grey; links only where a route uses them),
station symbols by kind, and every label exactly in the box the layout computed for it (the
layout measures text in Helvetica, the PDF sets it in Helvetica, so the boxes match).

It prints well in black and white: every line carries a letter code (a badge at both ends and in
the legend) and its own white inner pattern, so no line is told apart by colour alone.

Both formats are drawn from one list of shapes (:func:`_scene`), so SVG and PDF show the same.
Every text in the SVG is XML-escaped and the SVG loads nothing from outside.

>>> from routes import load_dataset
>>> from routes.loader import default_data_dir
>>> from routes.layout import metro_layout
>>> mini = load_dataset(default_data_dir().parent / "tests" / "fixtures" / "mini")
>>> layout = metro_layout(mini)
>>> map_svg(mini, layout).startswith('<?xml version="1.0" encoding="UTF-8"?>')
True
>>> map_pdf(mini, layout)[:5]
b'%PDF-'
>>> line_codes(layout)
{'lijn-vvt': 'A'}
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .dataset import Dataset
from .layout import COLUMN_LABELS, STATION_KIND_LABELS, Layout, Segment
from .layout.geometry import boxes_overlap, grow, polyline_hits_box, text_width
from .layout.model import FONT_SIZE, LINE_HEIGHT, LINE_WIDTH

__all__ = ["PAGE_H", "PAGE_W", "line_codes", "line_pattern", "map_pdf", "map_svg", "poster_frame"]

PAGE_W, PAGE_H = 420.0, 297.0  # A3 landscape, millimetres
MARGIN = 12.0
PT_PER_MM = 72.0 / 25.4
INK = "#1a1a1a"
GREY = "#8c8c8c"
FADED_TEXT = "#9a9a9a"
BANDS = ("#eef1f5", "#f8f9fb")
FONT_FAMILY = "Helvetica, Arial, 'Liberation Sans', sans-serif"
TITLE = "Metrokaart Zorg & Welzijn"

BADGE_FONT = 2.3  # mm: a line's code at its ends, the same size on paper whatever the map's scale
BADGE_H = 3.4  # mm
# In layout units (px at 100 %): the map's own symbols, scaled with the map.
BRANCH_WIDTH = 2.0
BRANCH_DASH = (7.0, 5.0)
PATTERN_WIDTH = 0.38  # of a line's width: the white inner pattern
STEP_RADIUS = 1.2  # mm: the numbered disc on a stop of the route

# A line's inner pattern, in units of the line's width; () is a plain line.
PATTERNS: tuple[tuple[float, ...], ...] = (
    (),
    (0.01, 1.6),  # dots
    (2.0, 1.6),  # dashes
    (5.0, 1.6),  # long dashes
    (4.0, 1.4, 0.01, 1.4),  # dash dot
    (0.0,),  # a continuous white core
    (0.01, 1.0, 0.01, 3.0),  # pairs of dots
    (7.0, 1.4, 1.5, 1.4),  # long short
    (1.0, 1.0),  # short dashes
    (3.0, 1.0, 3.0, 4.0),  # pairs of dashes
    (4.0, 1.2, 0.01, 1.2, 0.01, 1.2),  # dash dot dot
    (9.0, 3.0),  # very long dashes
    (6.0, 1.4, 2.0, 1.4, 2.0, 1.4),  # long short short
    (3.0, 1.2, 0.01, 1.2, 0.01, 1.2, 0.01, 1.2),  # dash and three dots
)

TEXTS = {
    "nl": {
        "subtitle": "Van links naar rechts: van startpunt naar hoger niveau. "
        "Elke lijn is een loopbaan, met een letter en een eigen patroon (zie legenda).",
        "route": "Jouw route (genummerde stappen)",
        "lines": "Lijnen",
        "symbols": "Haltes",
        "interchange": "overstapstation",
        "branch": "zijstap buiten de lijnen",
    },
    "en": {
        "subtitle": "Left to right: from starting point to higher level. "
        "Each line is a career path, with a letter and its own pattern (see legend).",
        "route": "Your route (numbered steps)",
        "lines": "Lines",
        "symbols": "Stations",
        "interchange": "interchange",
        "branch": "side step off the lines",
    },
}

Point = tuple[float, float]
Box = tuple[float, float, float, float]

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


# --- the shapes both formats draw ------------------------------------------------------------


@dataclass(frozen=True)
class _Path:
    points: tuple[Point, ...]
    stroke: str | None = None
    width: float = 0.0
    fill: str | None = None
    dash: tuple[float, ...] = ()
    closed: bool = False
    round: bool = True  # round caps and joins
    ident: str = ""
    line: str = ""  # the metro line drawn (``data-line`` in the SVG)
    title: str = ""  # a station's full name (a tooltip in the SVG)


@dataclass(frozen=True)
class _Circle:
    x: float
    y: float
    r: float
    fill: str | None
    stroke: str | None = None
    width: float = 0.0
    ident: str = ""
    title: str = ""


@dataclass(frozen=True)
class _Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str | None
    stroke: str | None = None
    width: float = 0.0
    rx: float = 0.0


@dataclass(frozen=True)
class _Text:
    x: float
    y: float  # baseline
    text: str
    size: float
    anchor: str = "start"  # start | middle | end
    bold: bool = False
    fill: str = INK


Shape = _Path | _Circle | _Rect | _Text


@dataclass(frozen=True)
class PosterFrame:
    """Where the layout lands on the page: ``page = (offset + layout * scale)`` in millimetres."""

    scale: float
    dx: float
    dy: float

    def point(self, x: float, y: float) -> Point:
        return self.dx + x * self.scale, self.dy + y * self.scale

    def box(self, box: Box) -> Box:
        x0, y0 = self.point(box[0], box[1])
        x1, y1 = self.point(box[2], box[3])
        return x0, y0, x1, y1


# --- public ----------------------------------------------------------------------------------


def line_codes(layout: Layout) -> dict[str, str]:
    """A short code for every line, by its place on the map: A, B, … Z, AA, AB, …"""
    codes = {}
    for i, line in enumerate(layout.lines):
        code, n = "", i
        while True:
            code = chr(ord("A") + n % 26) + code
            n = n // 26 - 1
            if n < 0:
                break
        codes[line.id] = code
    return codes


def line_pattern(rank: int) -> tuple[float, ...]:
    """The inner pattern of the line at ``rank`` (in units of its width); ``()`` is plain."""
    return PATTERNS[rank % len(PATTERNS)]


def map_svg(
    dataset: Dataset,
    layout: Layout,
    *,
    highlight: Sequence[str] = (),
    title: str = TITLE,
    lang: str = "nl",
) -> str:
    """The layout as an A3-landscape SVG poster (``viewBox="0 0 420 297"``, millimetres).

    ``highlight`` is a route (station ids in order): its segments are drawn thick and its stops
    numbered, the rest faded. Raises :class:`~routes.errors.UnknownStation` for an unknown id.
    """
    groups = _scene(layout, highlight, title, lang)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(PAGE_W)}mm" height="{_n(PAGE_H)}mm" '
        f'viewBox="0 0 {_n(PAGE_W)} {_n(PAGE_H)}" font-family="{FONT_FAMILY}" role="img" '
        f"aria-label={_attr(title)}>",
        f"<title>{_esc(title)}</title>",
        f'<rect x="0" y="0" width="{_n(PAGE_W)}" height="{_n(PAGE_H)}" fill="#ffffff"/>',
    ]
    for name, shapes in groups:
        extra = ' fill="none" stroke-linejoin="round" stroke-linecap="round"' if name in ("lines", "route") else ""
        out.append(f'<g id="{name}"{extra}>')
        out.extend(_svg_shape(shape) for shape in shapes)
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def map_pdf(
    dataset: Dataset,
    layout: Layout,
    *,
    highlight: Sequence[str] = (),
    title: str = TITLE,
    lang: str = "nl",
) -> bytes:
    """The same poster as :func:`map_svg`, as a one-page A3-landscape PDF in Helvetica."""
    from reportlab.lib.colors import HexColor
    from reportlab.pdfgen import canvas

    groups = _scene(layout, highlight, title, lang)
    buffer = io.BytesIO()
    width, height = PAGE_W * PT_PER_MM, PAGE_H * PT_PER_MM
    pdf = canvas.Canvas(buffer, pagesize=(width, height), invariant=1, pageCompression=1)
    pdf.setTitle(_clean(title))
    pdf.setSubject("Metrokaart Zorg & Welzijn, A3")
    k = PT_PER_MM

    def colour(value: str | None):
        return HexColor(value) if value else None

    for _, shapes in groups:
        for shape in shapes:
            if isinstance(shape, _Text):
                pdf.setFont("Helvetica-Bold" if shape.bold else "Helvetica", shape.size * k)
                pdf.setFillColor(colour(shape.fill))
                x, y, text = shape.x * k, height - shape.y * k, _clean(shape.text)
                if shape.anchor == "middle":
                    pdf.drawCentredString(x, y, text)
                elif shape.anchor == "end":
                    pdf.drawRightString(x, y, text)
                else:
                    pdf.drawString(x, y, text)
                continue
            stroke, fill = shape.stroke is not None and shape.width > 0, shape.fill is not None
            if stroke:
                pdf.setStrokeColor(colour(shape.stroke))
                pdf.setLineWidth(shape.width * k)
            if fill:
                pdf.setFillColor(colour(shape.fill))
            if isinstance(shape, _Circle):
                pdf.setDash([])
                pdf.circle(shape.x * k, height - shape.y * k, shape.r * k, stroke=int(stroke), fill=int(fill))
            elif isinstance(shape, _Rect):
                pdf.setDash([])
                args = (shape.x * k, height - (shape.y + shape.h) * k, shape.w * k, shape.h * k)
                if shape.rx:
                    pdf.roundRect(*args, shape.rx * k, stroke=int(stroke), fill=int(fill))
                else:
                    pdf.rect(*args, stroke=int(stroke), fill=int(fill))
            else:
                pdf.setLineCap(1 if shape.round else 0)
                pdf.setLineJoin(1 if shape.round else 0)
                pdf.setDash([d * k for d in shape.dash] if shape.dash else [])
                path = pdf.beginPath()
                (x0, y0), *rest = shape.points
                path.moveTo(x0 * k, height - y0 * k)
                for x, y in rest:
                    path.lineTo(x * k, height - y * k)
                if shape.closed:
                    path.close()
                pdf.drawPath(path, stroke=int(stroke), fill=int(fill))
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def poster_frame(layout: Layout) -> PosterFrame:
    """Where :func:`map_svg` and :func:`map_pdf` put the layout on the page."""
    return _placement(layout)[0]


# --- the scene -------------------------------------------------------------------------------

TITLE_SIZE, SUBTITLE_SIZE, HEADING_SIZE = 7.0, 3.2, 3.4
TOP = MARGIN + 17.0  # below title and subtitle
HEADING_ROOM = 6.0
LEGEND_ROW = 5.2
LEGEND_TEXT = 3.0
SYMBOLS_WIDTH = 105.0


def _legend_columns(layout: Layout) -> int:
    return min(6, max(3, math.ceil(len(layout.lines) / 8)))


def _legend_height(layout: Layout) -> float:
    rows = max(3, math.ceil(len(layout.lines) / _legend_columns(layout)))
    return 8.0 + rows * LEGEND_ROW


def _bounds(layout: Layout, badges: dict) -> Box:
    boxes: list[Box] = [s.label.box for s in layout.stations]
    boxes += [grow((s.x, s.y, s.x, s.y), s.radius) for s in layout.stations]
    boxes += [(x, y, x, y) for seg in layout.drawn() for x, y in seg.points]
    boxes += [box for places in badges.values() for box in places]
    if not boxes:
        return 0.0, 0.0, 1.0, 1.0
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _placement(layout: Layout) -> tuple[PosterFrame, dict[str, list[Box]], float]:
    """The frame, the line badges (layout units) and the top of the legend (mm).

    Badges have a fixed size on paper, so they are placed after a first fit of the map; the
    legend follows right below the map.
    """
    legend_h = _legend_height(layout)
    first = _frame(layout, {}, legend_h)
    badges = _badges(layout, line_codes(layout), 1.0 / first.scale)
    frame = _frame(layout, badges, legend_h)
    map_bottom = frame.point(0.0, _bounds(layout, badges)[3])[1]
    return frame, badges, min(PAGE_H - MARGIN - legend_h, map_bottom + 6.0)


def _frame(layout: Layout, badges: dict, legend_h: float) -> PosterFrame:
    x0, y0, x1, y1 = _bounds(layout, badges)
    left, right = MARGIN, PAGE_W - MARGIN
    top, bottom = TOP + HEADING_ROOM, PAGE_H - MARGIN - legend_h - 4.0
    scale = min((right - left) / max(x1 - x0, 1.0), (bottom - top) / max(y1 - y0, 1.0))
    dx = left + ((right - left) - (x1 - x0) * scale) / 2 - x0 * scale
    dy = top - y0 * scale
    return PosterFrame(scale, dx, dy)


def _badge_box(centre: Point, code: str, unit: float) -> Box:
    h = BADGE_H * unit
    w = max(h, (text_width(code, BADGE_FONT) + 1.6) * unit)
    return centre[0] - w / 2, centre[1] - h / 2, centre[0] + w / 2, centre[1] + h / 2


def _badges(layout: Layout, codes: dict[str, str], unit: float) -> dict[str, list[Box]]:
    """For every line, a badge box (layout units) next to each of its two end stations.

    Each badge is pushed outwards along the line's last piece and takes the first of eight
    directions where it touches no label, station, drawn segment or other badge.
    """
    drawn = layout.drawn()
    obstacles: list[Box] = [grow(s.label.box, 2.0) for s in layout.stations]
    obstacles += [grow((s.x, s.y, s.x, s.y), s.radius + 2.0) for s in layout.stations]
    placed: dict[str, list[Box]] = {}
    for line in layout.lines:
        code = codes[line.id]
        ends = list(dict.fromkeys((line.stations[0], line.stations[-1]))) if line.stations else []
        own = [g for g in drawn if g.line == line.id and g.kind == "line"]
        for end in ends:
            station = layout.station(end)
            outward = (1.0, 0.0) if end == ends[-1] and len(ends) > 1 else (-1.0, 0.0)
            for seg in own:
                if len(seg.points) < 2 or end not in (seg.source, seg.target):
                    continue
                a, b = (seg.points[-2], seg.points[-1]) if seg.target == end else (seg.points[1], seg.points[0])
                length = math.hypot(b[0] - a[0], b[1] - a[1])
                if length > 1e-6:
                    outward = ((b[0] - a[0]) / length, (b[1] - a[1]) / length)
                break
            base = math.atan2(outward[1], outward[0])
            candidates = []
            for turn in (0, 1, -1, 2, -2, 3, -3, 4):
                angle = base + turn * math.pi / 4
                for reach in (1.0, 1.8, 2.6):
                    distance = station.radius + 4.0 + reach * BADGE_H * unit * 0.75
                    centre = (station.x + math.cos(angle) * distance, station.y + math.sin(angle) * distance)
                    candidates.append(_badge_box(centre, code, unit))
            best, best_hits = candidates[0], None
            for box in candidates:
                hits = sum(boxes_overlap(box, o) for o in obstacles)
                hits += sum(boxes_overlap(box, o, 2.0) for boxes in placed.values() for o in boxes)
                hits += sum(polyline_hits_box(g.points, grow(box, LINE_WIDTH / 2 + 1.0)) for g in drawn)
                if best_hits is None or hits < best_hits:
                    best, best_hits = box, hits
                if hits == 0:
                    break
            placed.setdefault(line.id, []).append(best)
    return placed


def _faded(colour: str, amount: float = 0.75) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    r, g, b = (round(c + (255 - c) * amount) for c in (r, g, b))
    return f"#{r:02x}{g:02x}{b:02x}"


def _colour(value: str) -> str:
    return value if _HEX.match(value or "") else "#6b6b6b"


def _route_segments(layout: Layout, route: Sequence[str]) -> list[tuple[Segment | None, str, str]]:
    """The segment drawn for each step of the route (a line before a branch before a link)."""
    rank = {"line": 0, "branch": 1, "link": 2}
    out = []
    for a, b in zip(route, route[1:], strict=False):
        if a == b:
            continue
        found = [g for g in layout.segments if {g.source, g.target} == {a, b}]
        found.sort(key=lambda g: rank.get(g.kind, 3))
        out.append((found[0] if found else None, a, b))
    return out


def _symbol(
    x: float, y: float, r: float, kind: str, interchange: bool, ink: str, ident: str, s: float, title: str = ""
) -> Shape:
    """A station's symbol in page units (``r`` already scaled): shape by kind, interchange a ring."""
    if interchange:
        width = max(3.0 * s, r * 0.32)
        return _Circle(x, y, r - width / 2, "#ffffff", ink, width, ident, title)
    width = 1.8 * s
    r -= width / 2
    if kind == "function":  # a job: a square
        h = r * 0.86
        points = ((x - h, y - h), (x + h, y - h), (x + h, y + h), (x - h, y + h))
    elif kind == "certificate":  # a diamond
        points = ((x, y - r), (x + r, y), (x, y + r), (x - r, y))
    elif kind == "start":  # a triangle pointing forward (right)
        points = ((x + r, y), (x - r * 0.5, y - r * 0.87), (x - r * 0.5, y + r * 0.87))
    else:  # a diploma (and anything else): a circle
        return _Circle(x, y, r * 0.92, "#ffffff", ink, width, ident, title)
    return _Path(points, ink, width, "#ffffff", closed=True, round=False, ident=ident, title=title)


def _scene(layout: Layout, highlight: Sequence[str], title: str, lang: str) -> list[tuple[str, list[Shape]]]:
    texts = TEXTS.get(lang, TEXTS["nl"])
    route = list(highlight)
    for sid in route:
        layout.station(sid)  # raises UnknownStation with suggestions
    on_route = set(route)
    dimming = bool(route)
    codes = line_codes(layout)
    colours = {m.id: _colour(m.colour) for m in layout.lines}
    ranks = {m.id: i for i, m in enumerate(layout.lines)}
    legend_h = _legend_height(layout)
    frame, badges, legend_top = _placement(layout)
    s = frame.scale
    P = frame.point

    def fade(colour: str) -> str:
        return _faded(colour) if dimming else colour

    # title
    head: list[Shape] = [_Text(MARGIN, MARGIN + 6.0, title, TITLE_SIZE, bold=True)]
    subtitle = texts["subtitle"]
    if route:
        names = [layout.station(sid).name for sid in dict.fromkeys(route)]
        subtitle = f"{texts['route']}: " + " → ".join(names)
        if text_width(subtitle, SUBTITLE_SIZE) > PAGE_W - 2 * MARGIN:
            subtitle = f"{texts['route']}: {names[0]} → … → {names[-1]}"
    head.append(_Text(MARGIN, MARGIN + 12.5, subtitle, SUBTITLE_SIZE, fill="#444444"))

    # level columns: bands tiling the map, headings above
    bx0, by0, bx1, by1 = _bounds(layout, badges)
    columns: list[Shape] = []
    cols = sorted(layout.columns, key=lambda c: c.x_min)
    labels = COLUMN_LABELS.get(lang, COLUMN_LABELS["nl"])
    for i, col in enumerate(cols):
        left = bx0 if i == 0 else (cols[i - 1].x_max + col.x_min) / 2
        right = bx1 if i == len(cols) - 1 else (col.x_max + cols[i + 1].x_min) / 2
        (x0, y0), (x1, y1) = P(left, by0), P(right, by1)
        columns.append(_Rect(x0, y0 - HEADING_ROOM, x1 - x0, y1 - y0 + HEADING_ROOM + 2.0, BANDS[i % 2]))
        label = labels[col.index] if 0 <= col.index < len(labels) else col.label
        columns.append(_Text((x0 + x1) / 2, y0 - 2.0, label, HEADING_SIZE, "middle", True, "#4a4a4a"))

    # segments: branches, then lines, then each line's inner pattern
    branches: list[Shape] = []
    lines: list[Shape] = []
    patterns: list[Shape] = []
    width = LINE_WIDTH * s
    for seg in layout.drawn():
        points = tuple(P(x, y) for x, y in seg.points)
        if len(points) < 2:
            continue
        if seg.kind == "line" and seg.line in colours:
            lines.append(_Path(points, fade(colours[seg.line]), width, line=seg.line))
            dash = line_pattern(ranks[seg.line])
            if dash:
                patterns.append(
                    _Path(
                        points,
                        fade("#ffffff") if dimming else "#ffffff",
                        width * PATTERN_WIDTH,
                        dash=tuple(d * width for d in dash if d) if dash != (0.0,) else (),
                    )
                )
        else:
            branches.append(
                _Path(points, fade(GREY), BRANCH_WIDTH * s, dash=tuple(d * s for d in BRANCH_DASH), round=False)
            )

    # the route on top: thick, in the lines' colours, numbered
    highlighted: list[Shape] = []
    if route:
        for seg, a, b in _route_segments(layout, route):
            if seg is None:
                points = (P(*layout.position(a)), P(*layout.position(b)))
                highlighted.append(_Path(points, INK, 2.5 * s, dash=(6 * s, 4 * s)))
            elif seg.kind == "line" and seg.line in colours:
                points = tuple(P(x, y) for x, y in seg.points)
                highlighted.append(_Path(points, INK, width * 2.4))
                highlighted.append(_Path(points, colours[seg.line], width * 1.8))
            else:
                points = tuple(P(x, y) for x, y in seg.points)
                highlighted.append(_Path(points, INK, 3.0 * s, dash=(8 * s, 4 * s)))

    # stations and labels
    stations: list[Shape] = []
    label_shapes: list[Shape] = []
    size = FONT_SIZE * s
    for st in layout.stations:
        x, y = P(st.x, st.y)
        lit = not dimming or st.id in on_route
        ink = INK if lit else "#c4c4c4"
        stations.append(_symbol(x, y, st.radius * s, st.kind, st.interchange, ink, f"st-{st.id}", s, st.name))
        lab = st.label
        anchor, lx = {
            "start": ("start", lab.x0),
            "end": ("end", lab.x1),
        }.get(lab.align, ("middle", (lab.x0 + lab.x1) / 2))
        if highlighted:  # a route may use links, which the labels were not placed around: keep labels readable
            x0, y0, x1, y1 = frame.box(grow(lab.box, 1.0))
            label_shapes.append(_Rect(x0, y0, x1 - x0, y1 - y0, "#ffffff"))
        for i, text in enumerate(lab.lines):
            px, py = P(lx, lab.y0 + FONT_SIZE - 2 + i * LINE_HEIGHT)
            label_shapes.append(_Text(px, py, text, size, anchor, False, INK if lit else FADED_TEXT))

    # numbered stops of the route
    steps: list[Shape] = []
    for number, sid in enumerate(dict.fromkeys(route), 1):
        st = layout.station(sid)
        x, y = P(st.x, st.y)
        r = max(st.radius * s, STEP_RADIUS)
        steps.append(_Circle(x, y, r, INK, "#ffffff", 1.2 * s))
        steps.append(_Text(x, y + r * 0.42, str(number), r * 1.15, "middle", True, "#ffffff"))

    # line codes at both ends of every line
    badge_shapes: list[Shape] = []
    for line in layout.lines:
        for box in badges.get(line.id, []):
            x0, y0, x1, y1 = frame.box(box)
            colour = fade(colours[line.id])
            badge_shapes.append(_Rect(x0, y0, x1 - x0, y1 - y0, colour, fade(INK), 0.2, (y1 - y0) / 2))
            badge_shapes.append(
                _Text(
                    (x0 + x1) / 2,
                    (y0 + y1) / 2 + BADGE_FONT * 0.36,
                    codes[line.id],
                    BADGE_FONT,
                    "middle",
                    True,
                    "#ffffff",
                )
            )

    legend = _legend(layout, codes, colours, legend_top, legend_h, texts, lang)
    return [
        ("title", head),
        ("columns", columns),
        ("branches", branches),
        ("lines", lines),
        ("patterns", patterns),
        ("route", highlighted),
        ("stations", stations),
        ("labels", label_shapes),
        ("steps", steps),
        ("badges", badge_shapes),
        ("legend", legend),
    ]


def _legend(
    layout: Layout, codes: dict, colours: dict, top: float, legend_h: float, texts: dict, lang: str
) -> list[Shape]:
    """Every line (sample with its pattern, its code, its name) and the station symbols."""
    out: list[Shape] = [
        _Rect(MARGIN - 2, top - 1, PAGE_W - 2 * MARGIN + 4, legend_h + 2, "#ffffff", "#cccccc", 0.2, 1.5),
        _Text(MARGIN, top + 4.5, texts["lines"], 3.6, bold=True),
    ]
    ncols = _legend_columns(layout)
    col_w = (PAGE_W - 2 * MARGIN - SYMBOLS_WIDTH) / ncols
    rows = math.ceil(len(layout.lines) / ncols) if layout.lines else 0
    lw = 1.4  # sample line width, mm
    for i, line in enumerate(layout.lines):
        x = MARGIN + (i // max(rows, 1)) * col_w
        y = top + 8.0 + (i % max(rows, 1)) * LEGEND_ROW + 1.8
        sample = ((x, y), (x + 12.0, y))
        out.append(_Path(sample, colours[line.id], lw))
        dash = line_pattern(i)
        if dash:
            out.append(
                _Path(
                    sample,
                    "#ffffff",
                    lw * PATTERN_WIDTH,
                    dash=tuple(d * lw for d in dash if d) if dash != (0.0,) else (),
                )
            )
        code = codes[line.id]
        bw = max(4.2, text_width(code, 2.6) + 2.2)
        out.append(_Rect(x + 14.0, y - 2.1, bw, 4.2, colours[line.id], INK, 0.2, 2.1))
        out.append(_Text(x + 14.0 + bw / 2, y + 0.95, code, 2.6, "middle", True, "#ffffff"))
        tx = x + 15.5 + bw
        room = col_w - (tx - x) - 2.0
        size = min(LEGEND_TEXT, room / max(text_width(line.name, 1.0), 1e-6))
        out.append(_Text(tx, y + size * 0.36, line.name, size))

    # station symbols and the dashed side step
    sx = PAGE_W - MARGIN - SYMBOLS_WIDTH + 6.0
    out.append(_Text(sx, top + 4.5, texts["symbols"], 3.6, bold=True))
    kinds = STATION_KIND_LABELS.get(lang, STATION_KIND_LABELS["nl"])
    entries = [("interchange", texts["interchange"])] + [
        (k, kinds[k]) for k in ("qualification", "function", "certificate", "start")
    ]
    entries.append(("branch", texts["branch"]))
    for i, (kind, text) in enumerate(entries):
        x = sx + (i // 3) * (SYMBOLS_WIDTH / 2 - 3.0)
        y = top + 8.0 + (i % 3) * LEGEND_ROW + 1.8
        if kind == "branch":
            out.append(_Path(((x - 2.0, y), (x + 4.0, y)), GREY, 0.35, dash=(1.0, 0.7), round=False))
        else:
            r = 2.0 if kind == "interchange" else 1.5
            out.append(_symbol(x + 1.0, y, r, kind, kind == "interchange", INK, "", 0.25))
        out.append(_Text(x + 6.0, y + 1.05, text, LEGEND_TEXT))
    return out


# --- SVG -------------------------------------------------------------------------------------


def _n(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") or "0"


def _clean(text: str) -> str:
    """Text without characters XML cannot hold (control characters, lone surrogates)."""
    return _NOT_XML.sub("\ufffd", str(text))


def _esc(text: str) -> str:
    return _clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    return '"' + _esc(text).replace('"', "&quot;").replace("'", "&#39;") + '"'


def _paint(shape: _Path | _Circle | _Rect) -> str:
    parts = [f"fill={_attr(shape.fill or 'none')}"]
    if shape.stroke and shape.width > 0:
        parts.append(f'stroke={_attr(shape.stroke)} stroke-width="{_n(shape.width)}"')
    return " ".join(parts)


def _closing(shape: _Path | _Circle, tag: str) -> str:
    return f"><title>{_esc(shape.title)}</title></{tag}>" if shape.title else "/>"


def _svg_shape(shape: Shape) -> str:
    if isinstance(shape, _Text):
        anchor = "" if shape.anchor == "start" else f' text-anchor="{shape.anchor}"'
        bold = ' font-weight="bold"' if shape.bold else ""
        return (
            f'<text x="{_n(shape.x)}" y="{_n(shape.y)}" font-size="{_n(shape.size)}"{anchor}{bold} '
            f"fill={_attr(shape.fill)}>{_esc(shape.text)}</text>"
        )
    ident = f" id={_attr(shape.ident)}" if getattr(shape, "ident", "") else ""
    if isinstance(shape, _Circle):
        return f'<circle{ident} cx="{_n(shape.x)}" cy="{_n(shape.y)}" r="{_n(shape.r)}" {_paint(shape)}' + _closing(
            shape, "circle"
        )
    if isinstance(shape, _Rect):
        rx = f' rx="{_n(shape.rx)}"' if shape.rx else ""
        return (
            f'<rect x="{_n(shape.x)}" y="{_n(shape.y)}" width="{_n(shape.w)}" height="{_n(shape.h)}"{rx} '
            f"{_paint(shape)}/>"
        )
    points = " ".join(f"{_n(x)},{_n(y)}" for x, y in shape.points)
    tag = "polygon" if shape.closed else "polyline"
    extra = f" data-line={_attr(shape.line)}" if shape.line else ""
    if shape.dash:
        extra += f' stroke-dasharray="{" ".join(_n(d) for d in shape.dash)}"'
    if shape.round:
        extra += ' stroke-linecap="round" stroke-linejoin="round"'
    else:
        extra += ' stroke-linecap="butt" stroke-linejoin="miter"'
    return f'<{tag}{ident} points="{points}" {_paint(shape)}{extra}' + _closing(shape, tag)
