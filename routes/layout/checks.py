"""What makes a layout readable, measured: the geometry tests and the figures in the closing note use these.

Each function returns the problems it finds (empty: none), so a failing test names them.
"""

from __future__ import annotations

from .geometry import (
    bends,
    boxes_overlap,
    grow,
    is_octilinear,
    polyline_hits_box,
    polylines_cross,
    polylines_overlap,
)
from .model import LINE_WIDTH, Layout


def not_octilinear(layout: Layout, tolerance: float = 1.0) -> list[str]:
    """Pieces of any segment (links included) that are not at a multiple of 45°."""
    return [
        f"{seg.source} → {seg.target} ({seg.line or seg.kind}): {a} → {b}"
        for seg in layout.segments
        for a, b in zip(seg.points, seg.points[1:], strict=False)
        if not is_octilinear(a, b, tolerance)
    ]


def label_overlaps(layout: Layout) -> list[str]:
    """Labels that overlap another label, a station symbol or a drawn line."""
    problems = []
    stations = layout.stations
    for i, s in enumerate(stations):
        box = s.label.box
        for t in stations[i + 1 :]:
            if boxes_overlap(box, t.label.box):
                problems.append(f"label {s.id} overlaps label {t.id}")
        for t in stations:
            if boxes_overlap(box, grow((t.x, t.y, t.x, t.y), t.radius)):
                problems.append(f"label {s.id} overlaps station {t.id}")
        for seg in layout.drawn():
            if polyline_hits_box(seg.points, grow(box, LINE_WIDTH / 2)):
                problems.append(f"label {s.id} overlaps {seg.line or seg.kind} {seg.source} → {seg.target}")
    return problems


def line_problems(layout: Layout) -> dict[str, list[str]]:
    """Crossings, stretches where two drawn segments lie on top of each other, and segments through a station."""
    drawn = layout.drawn()
    crossings, overlaps, through = [], [], []
    symbols = {s.id: grow((s.x, s.y, s.x, s.y), s.radius) for s in layout.stations}
    for i, s in enumerate(drawn):
        for sid, box in symbols.items():
            if sid not in (s.source, s.target) and polyline_hits_box(s.points, box):
                through.append(f"{s.line or s.kind} {s.source} → {s.target} runs through {sid}")
        for t in drawn[i + 1 :]:
            name = f"{s.line or s.kind} {s.source} → {s.target} and {t.line or t.kind} {t.source} → {t.target}"
            shared = [symbols[x] for x in {s.source, s.target} & {t.source, t.target}]
            if n := polylines_cross(s.points, t.points, shared):
                crossings.append(f"{name} cross {n}×")
            if polylines_overlap(s.points, t.points):
                overlaps.append(f"{name} overlap")
    return {"crossings": crossings, "overlaps": overlaps, "through_station": through}


def figures(layout: Layout) -> dict[str, int]:
    """The numbers a reader of the closing note wants: bends, crossings, overlaps, label problems."""
    lines = line_problems(layout)
    return {
        "stations": len(layout.stations),
        "lines": len(layout.lines),
        "segments_drawn": len(layout.drawn()),
        "bends": sum(bends(s.points) for s in layout.drawn()),
        "crossings": len(lines["crossings"]),
        "line_overlaps": len(lines["overlaps"]),
        "through_station": len(lines["through_station"]),
        "not_octilinear": len(not_octilinear(layout)),
        "label_overlaps": len(label_overlaps(layout)),
    }
