"""The metro map as a static SVG poster (A3 landscape), for print and the classroom wall.

Same :class:`~routes.layout.Layout` as the interactive map: level columns left to
right, one track per line, interchanges as white circles with a black ring. Lines
are coloured polylines with rounded joins; lines that share a stretch run side by
side. Every text is XML-escaped; the SVG loads nothing from outside.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from .dataset import Dataset
from .layout import COLUMN_LABELS, Layout, Segment

__all__ = ["map_svg"]

PAGE_W, PAGE_H = 420.0, 297.0  # A3 landscape, in mm
MARGIN = 10.0
FONT = "Arial, Helvetica, sans-serif"
LINE_MM = 1.5
LANE_MM = 1.8
LABEL_MM = 1.9
BADGE_MM = 2.4
DIM = "#d9d9d9"


def _x(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _wrap(text: str, width: int, lines: int = 5) -> list[str]:
    """Short lines for a label; a very long word is split with a hyphen.

    >>> _wrap("Wijkverpleegkundige in de thuiszorg", 12)
    ['Wijkverpleeg-', 'kundige in', 'de thuiszorg']
    >>> _wrap("Gespecialiseerd verzorgende", 12)
    ['Gespecialiseerd', 'verzorgende']
    """
    words = []
    for word in text.split():
        while len(word) > width + 4:
            words.append(word[:width] + "-")
            word = word[width:]
        words.append(word)
    wrapped: list[str] = []
    for word in words:
        if wrapped and not wrapped[-1].endswith("-") and len(wrapped[-1]) + 1 + len(word) <= width:
            wrapped[-1] += " " + word
        else:
            wrapped.append(word)
    wrapped = wrapped or [text]
    if len(wrapped) > lines:
        wrapped = wrapped[: lines - 1] + [" ".join(wrapped[lines - 1 :])]
    return wrapped


def _text(x: float, y: float, lines: list[str], size: float, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in attrs.items())
    spans = "".join(
        f'<tspan x="{_x(x)}" dy="{_x(0 if i == 0 else size * 1.12)}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text x="{_x(x)}" y="{_x(y)}" font-size="{_x(size)}"{extra}>{spans}</text>'


def map_svg(
    dataset: Dataset,
    layout: Layout,
    *,
    highlight: Sequence[str] = (),
    title: str = "Metrokaart Zorg & Welzijn",
) -> str:
    """The layout as an A3-landscape SVG poster (``viewBox="0 0 420 297"``, millimetres).

    ``highlight`` is a route (station ids in order): its stations and steps are drawn
    in full, the rest in light grey.
    """
    route = [sid for sid in dict.fromkeys(highlight)]
    for sid in route:
        layout.station(sid)  # raises UnknownStation
    on_route = set(route)
    route_pairs = {frozenset(p) for p in zip(highlight, list(highlight)[1:], strict=False) if p[0] != p[1]}
    dimming = bool(route)

    legend_h = 10.0 + 4.6 * math.ceil(len(layout.lines) / 4)
    top = MARGIN + 24.0
    bottom = PAGE_H - MARGIN - legend_h
    left, right = MARGIN + 2.0, PAGE_W - MARGIN
    x_min = min((s.x for s in layout.stations), default=0.0) - 0.5
    x_max = max((s.x for s in layout.stations), default=1.0) + 0.5
    y_min = min((s.y for s in layout.stations), default=0.0) - 0.55
    y_max = max((s.y for s in layout.stations), default=1.0) + 0.55
    sx = (right - left) / max(x_max - x_min, 1.0)
    for track in layout.lines:  # leave room for each line's name after its last station
        if track.stations:
            end = _terminus(layout, track)
            room = right - left - (2.6 + _badge_width(track.name))
            sx = min(sx, room / max(layout.station(end).x - x_min, 1.0))
    sy = (bottom - top) / max(y_max - y_min, 1.0)

    def px(x: float) -> float:
        return left + (x - x_min) * sx

    def py(y: float) -> float:
        return top + (y - y_min) * sy

    pos = {s.id: (px(s.x), py(s.y)) for s in layout.stations}
    chars = max(8, int(sx * 0.9 / (LABEL_MM * 0.5)))
    out: list[str] = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_x(PAGE_W)}mm" height="{_x(PAGE_H)}mm" '
        f'viewBox="0 0 {_x(PAGE_W)} {_x(PAGE_H)}" font-family="{FONT}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<rect x="0" y="0" width="{_x(PAGE_W)}" height="{_x(PAGE_H)}" fill="#ffffff"/>',
        _text(MARGIN, MARGIN + 6.5, [title], 8.5, font_weight="bold", fill="#1a1a1a"),
        _text(
            MARGIN,
            MARGIN + 13.0,
            ["Van links naar rechts: van startpunt naar hoger niveau. Elke kleur is een lijn (een loopbaan)."],
            3.2,
            fill="#444444",
        ),
    ]

    # level columns
    out.append('<g id="columns">')
    for i, col in enumerate(layout.columns):
        x0, x1 = px(col.x_min - 0.45), px(col.x_max + 0.45)
        out.append(
            f'<rect x="{_x(x0)}" y="{_x(top - 5)}" width="{_x(x1 - x0)}" height="{_x(bottom - top + 5)}" '
            f'fill="{"#f3f5f7" if i % 2 else "#fafbfc"}"/>'
        )
        out.append(
            _text(
                (x0 + x1) / 2,
                top - 1.6,
                [COLUMN_LABELS["nl"][col.index]],
                3.0,
                text_anchor="middle",
                font_weight="bold",
                fill="#4a4a4a",
            )
        )
    out.append("</g>")

    # connections off the lines (not from start positions: they would cover the map)
    out.append('<g id="connections" fill="none" stroke-linecap="round">')
    for seg in layout.segments:
        if not seg.lateral:
            continue
        in_route = frozenset((seg.source, seg.target)) in route_pairs
        if layout.station(seg.source).kind == "start" and not in_route:
            continue
        (ax, ay), (bx, by) = pos[seg.source], pos[seg.target]
        colour = "#2b2b2b" if in_route else ("#ececec" if dimming else "#c9c9c9")
        width = 0.9 if in_route else 0.25
        out.append(
            f'<line x1="{_x(ax)}" y1="{_x(ay)}" x2="{_x(bx)}" y2="{_x(by)}" stroke="{colour}" '
            f'stroke-width="{_x(width)}" stroke-dasharray="{"2 1.2" if in_route else "1 1"}"/>'
        )
    drawn = {frozenset((s.source, s.target)) for s in layout.segments}
    for u, v in zip(route, route[1:], strict=False):
        if frozenset((u, v)) not in drawn:
            (ax, ay), (bx, by) = pos[u], pos[v]
            out.append(
                f'<line x1="{_x(ax)}" y1="{_x(ay)}" x2="{_x(bx)}" y2="{_x(by)}" stroke="#2b2b2b" '
                'stroke-width="0.9" stroke-dasharray="2 1.2"/>'
            )
    out.append("</g>")

    # the lines: one polyline per line, lanes side by side where lines share a stretch
    out.append('<g id="lines" fill="none" stroke-linejoin="round" stroke-linecap="round">')
    by_line: dict[str, list[Segment]] = {}
    for seg in layout.segments:
        if not seg.lateral and seg.line is not None:
            by_line.setdefault(seg.line, []).append(seg)
    for track in layout.lines:
        points = _line_points(track.stations, by_line.get(track.id, []), pos)
        if not points:
            continue
        lit = not dimming or any(
            frozenset((a, b)) in route_pairs for a, b in zip(track.stations, track.stations[1:], strict=False)
        )
        colour = track.colour if lit else DIM
        out.append(
            f'<polyline id="{escape(track.id)}" points="{" ".join(f"{_x(x)},{_x(y)}" for x, y in points)}" '
            f'stroke="{colour}" stroke-width="{_x(LINE_MM)}"/>'
        )
        if dimming:  # the route's own stretches of this line in full colour on top
            for a, b in zip(track.stations, track.stations[1:], strict=False):
                if frozenset((a, b)) in route_pairs:
                    (ax, ay), (bx, by) = pos[a], pos[b]
                    out.append(
                        f'<polyline points="{_x(ax)},{_x(ay)} {_x(bx)},{_x(by)}" stroke="{track.colour}" '
                        f'stroke-width="{_x(LINE_MM * 1.6)}"/>'
                    )
    out.append("</g>")

    # line names at the end of each line's own track
    out.append('<g id="line-names">')
    for track in layout.lines:
        if not track.stations:
            continue
        end = _terminus(layout, track)
        x, y = pos[end][0] + 2.6, pos[end][1]
        size = BADGE_MM
        w = _badge_width(track.name)
        out.append(
            f'<rect x="{_x(x)}" y="{_x(y - 1.9)}" width="{_x(w)}" height="3.8" rx="1.9" '
            f'fill="{track.colour if not dimming else "#bdbdbd"}"/>'
        )
        out.append(_text(x + 1.2, y + 0.85, [track.name], size, fill="#ffffff", font_weight="bold"))
    out.append("</g>")

    # stations and their names
    out.append('<g id="stations">')
    for st in layout.stations:
        x, y = pos[st.id]
        lit = not dimming or st.id in on_route
        colour = next((t.colour for t in layout.lines if t.id in st.lines), "#8c8c8c")
        if st.interchange:
            r, fill, stroke, sw = 1.9, "#ffffff", "#1a1a1a" if lit else "#c4c4c4", 0.6
        elif st.lines:
            r, fill, stroke, sw = 1.2, colour if lit else DIM, "#ffffff", 0.35
        else:
            r, fill, stroke, sw = 1.0, "#ffffff", ("#3a3a3a" if st.kind == "start" else "#8c8c8c") if lit else DIM, 0.45
        if st.id in on_route:
            r *= 1.3
        out.append(
            f'<circle id="st-{escape(st.id)}" cx="{_x(x)}" cy="{_x(y)}" r="{_x(r)}" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{_x(sw)}"/>'
        )
        label = _wrap(st.label, chars)
        out.append(
            _text(
                x,
                y + r + LABEL_MM + 0.2,
                label,
                LABEL_MM,
                text_anchor="middle",
                fill="#1a1a1a" if lit else "#a6a6a6",
                font_weight="bold" if st.id in on_route else "normal",
            )
        )
    out.append("</g>")

    # legend
    out.append('<g id="legend">')
    ly = PAGE_H - MARGIN - legend_h + 6.0
    out.append(_text(MARGIN, ly, ["Lijnen"], 3.4, font_weight="bold", fill="#1a1a1a"))
    col_w = (PAGE_W - 2 * MARGIN - 95.0) / 4
    for i, track in enumerate(layout.lines):
        cx = MARGIN + (i % 4) * col_w
        cy = ly + 4.0 + (i // 4) * 4.6
        out.append(
            f'<line x1="{_x(cx)}" y1="{_x(cy - 1.0)}" x2="{_x(cx + 8)}" y2="{_x(cy - 1.0)}" '
            f'stroke="{track.colour}" stroke-width="{_x(LINE_MM * 1.3)}" stroke-linecap="round"/>'
        )
        out.append(_text(cx + 10, cy, [track.name], 3.0, fill="#1a1a1a"))
    kx = PAGE_W - MARGIN - 90.0
    out.append(
        f'<circle cx="{_x(kx + 2)}" cy="{_x(ly + 3)}" r="1.9" fill="#ffffff" stroke="#1a1a1a" stroke-width="0.6"/>'
    )
    out.append(_text(kx + 6, ly + 4, ["Overstapstation: hier komen lijnen samen"], 2.8, fill="#1a1a1a"))
    out.append(
        f'<circle cx="{_x(kx + 2)}" cy="{_x(ly + 8)}" r="1.2" fill="#6b6b6b" stroke="#ffffff" stroke-width="0.35"/>'
    )
    out.append(_text(kx + 6, ly + 9, ["Halte: diploma, certificaat of beroep"], 2.8, fill="#1a1a1a"))
    out.append(
        f'<line x1="{_x(kx)}" y1="{_x(ly + 13)}" x2="{_x(kx + 4)}" y2="{_x(ly + 13)}" stroke="#9a9a9a" '
        'stroke-width="0.4" stroke-dasharray="1 1"/>'
    )
    out.append(_text(kx + 6, ly + 14, ["Stap buiten de lijnen"], 2.8, fill="#1a1a1a"))
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _terminus(layout: Layout, track) -> str:
    """The rightmost station on the line's own track: the line's name goes right of it."""
    own = [s for s in track.stations if layout.station(s).y == track.y] or list(track.stations)
    return max(own, key=lambda s: layout.station(s).x)


def _badge_width(name: str) -> float:
    return len(name) * BADGE_MM * 0.56 + 2.4


def _line_points(
    stations: Sequence[str], segments: list[Segment], pos: dict[str, tuple[float, float]]
) -> list[tuple[float, float]]:
    """The polyline of one line: each segment shifted to its lane, bowed around stations in the way."""
    lookup = {frozenset((s.source, s.target)): s for s in segments}
    points: list[tuple[float, float]] = []
    for a, b in zip(stations, stations[1:], strict=False):
        seg = lookup.get(frozenset((a, b)))
        if seg is None:
            continue
        (x1, y1), (x2, y2) = pos[seg.source], pos[seg.target]  # left to right, as lanes are defined
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy) or 1.0
        nx, ny = -dy / length, dx / length  # points down for a left-to-right segment
        off = seg.lane * LANE_MM
        p1, p2 = (x1 + nx * off, y1 + ny * off), (x2 + nx * off, y2 + ny * off)
        piece = [p1]
        if seg.bend:
            bow = seg.bend * length
            # a parabola through quarter points: offset 3/4 of the bow at t = 1/4 and 3/4
            piece += [
                (p1[0] + dx * t + nx * bow * 4 * t * (1 - t), p1[1] + dy * t + ny * bow * 4 * t * (1 - t))
                for t in (0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875)
            ]
        piece.append(p2)
        if seg.source != a:  # the segment is stored left to right; walk it in line order
            piece.reverse()
        points.extend(piece)
    return points
