"""Stage 4 of the layout: place every station's name, horizontally, wrapped only at spaces.

Each station gets candidate boxes: below, above, right, left and the four corners, at a near
and a far distance, each with a few wrap widths. A candidate that overlaps a drawn line, a
branch or a station symbol is dropped; CP-SAT then picks one per station so that no two
labels overlap, preferring short distance, few text lines and the usual places (below or
above on a line, right of a start position).
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from .geometry import Box, boxes_overlap, grow, polyline_hits_box, text_width, wrap
from .grid import SLOT
from .model import FONT_SIZE, LINE_HEIGHT, LINE_WIDTH, Label, Segment

PAD = 3.0  # free space kept around every label
WRAP_WIDTHS = (SLOT * 0.45, SLOT * 0.82, SLOT * 1.2, SLOT * 1.7, 10_000.0)
PLACES = {  # place: (dx sign, dy sign, cost for a station on a line, cost for a start or a station on no line)
    "S": (0, 1, 0, 1),
    "N": (0, -1, 1, 2),
    "E": (1, 0, 3, 0),
    "W": (-1, 0, 5, 3),
    "SE": (1, 1, 2, 2),
    "NE": (1, -1, 3, 3),
    "SW": (-1, 1, 4, 4),
    "NW": (-1, -1, 4, 4),
}
DISTANCES = ((1.0, 0), (2.6, 4), (4.5, 9), (8.0, 14), (13.0, 20))  # gap multiplier, extra cost


def _box(x: float, y: float, r: float, place: str, w: float, h: float, gap: float) -> tuple[Box, str]:
    sx, sy, _, _ = PLACES[place]
    reach = r + gap
    if sx == 0:
        x0, align = x - w / 2, "middle"
    elif sx > 0:
        x0, align = (x + reach if sy == 0 else x + r * 0.4), "start"
    else:
        x0, align = (x - reach - w if sy == 0 else x - r * 0.4 - w), "end"
    if sy == 0:
        y0 = y - h / 2
    elif sy > 0:
        y0 = y + reach
    else:
        y0 = y - reach - h
    return (round(x0, 2), round(y0, 2), round(x0 + w, 2), round(y0 + h, 2)), align


def label_size(lines: tuple[str, ...]) -> tuple[float, float]:
    """Width and height of a label's box for these text lines."""
    width = max((text_width(line) for line in lines), default=0.0)
    return width, FONT_SIZE + (len(lines) - 1) * LINE_HEIGHT + 2


def place_labels(
    texts: dict[str, str],
    position: dict[str, tuple[float, float]],
    radius: dict[str, float],
    on_line: set[str],
    segments: tuple[Segment, ...],
    *,
    time_limit: float = 20.0,
) -> tuple[dict[str, Label], int]:
    """A label for every station, and how many labels could only be placed with an overlap (0 is the aim)."""
    drawn = [s for s in segments if s.kind != "link"]
    symbol = {sid: grow((x, y, x, y), radius[sid] + 1) for sid, (x, y) in position.items()}
    line_pad = LINE_WIDTH / 2 + 1

    def free(box: Box) -> bool:
        padded = grow(box, PAD)
        if any(boxes_overlap(padded, other) for other in symbol.values()):
            return False
        return not any(polyline_hits_box(s.points, grow(box, line_pad)) for s in drawn)

    options: dict[str, list[tuple[Box, tuple[str, ...], str, int]]] = {}
    for sid, text in texts.items():
        x, y = position[sid]
        r = radius[sid]
        wraps = list(dict.fromkeys(wrap(text, width) for width in WRAP_WIDTHS))
        found = []
        for distance, extra in DISTANCES:
            for place, (_, _, cost_line, cost_other) in PLACES.items():
                for n, lines in enumerate(wraps):
                    w, h = label_size(lines)
                    box, align = _box(x, y, r, place, w, h, PAD * distance)
                    if free(box):
                        base = cost_line if sid in on_line else cost_other
                        found.append((box, lines, align, 10 * base + 10 * extra + 3 * len(lines) + n))
            if len(found) >= 6:
                break
        options[sid] = found

    model = cp_model.CpModel()
    ids = sorted(options)
    choice = {sid: [model.new_bool_var(f"{sid}_{k}") for k in range(len(options[sid]))] for sid in ids}
    unplaced = {sid: model.new_bool_var(f"{sid}_none") for sid in ids}
    for sid in ids:
        model.add_exactly_one([*choice[sid], unplaced[sid]])
    envelope = {sid: _envelope([opt[0] for opt in options[sid]]) for sid in ids}
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            if envelope[a] is None or envelope[b] is None or not boxes_overlap(envelope[a], envelope[b], PAD):
                continue
            for k, opt_a in enumerate(options[a]):
                for m, opt_b in enumerate(options[b]):
                    if boxes_overlap(opt_a[0], opt_b[0], PAD):
                        model.add_bool_or([choice[a][k].Not(), choice[b][m].Not()])
    model.minimize(
        sum(opt[3] * var for sid in ids for opt, var in zip(options[sid], choice[sid], strict=True))
        + sum(100_000 * unplaced[sid] for sid in ids)
    )
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = time_limit
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):  # pragma: no cover - "unplaced" is always feasible
        raise RuntimeError("the layout solver found no label placement")
    labels: dict[str, Label] = {}
    missing = 0
    for sid in ids:
        picked = [opt for opt, var in zip(options[sid], choice[sid], strict=True) if solver.value(var)]
        if picked:
            box, lines, align, _ = picked[0]
        else:  # nothing free: below the symbol, counted so a test and the figures show it
            missing += 1
            x, y = position[sid]
            lines = wrap(texts[sid], WRAP_WIDTHS[0])
            w, h = label_size(lines)
            box, align = _box(x, y, radius[sid], "S", w, h, PAD)
        labels[sid] = Label(*box, lines=lines, align=align)
    return labels, missing


def _envelope(boxes: list[Box]) -> Box | None:
    if not boxes:
        return None
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)
