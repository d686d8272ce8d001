"""Stage 4 of the layout: place every station's name, horizontally, wrapped only at spaces.

Each station gets candidate boxes: below, above, right, left and the four corners, at a near
and a far distance, each with a few wrap widths. A candidate that overlaps a drawn line, a
branch or a station symbol is dropped; CP-SAT then picks one per station so that no two
labels overlap, preferring short distance, few text lines and the usual places (below or
above on a line, right of a start position).
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from .geometry import Box, GridIndex, bbox, boxes_overlap, components, grow, segment_hits_box, text_width, wrap
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
MAX_OPTIONS = 14  # the cheapest candidates per station that go to the solver
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
    time_limit: float = 3.0,
) -> tuple[dict[str, Label], int]:
    """A label for every station, and how many labels could only be placed with an overlap (0 is the aim).

    Labels only compete with their neighbours, so each group of labels that can collide is
    solved on its own: the work grows with the map, not with its square.
    """
    drawn = [s for s in segments if s.kind != "link"]
    ids = sorted(texts)
    symbols = GridIndex()
    symbol_box = {}
    for n, sid in enumerate(ids):
        x, y = position[sid]
        symbol_box[sid] = grow((x, y, x, y), radius[sid] + 1)
        symbols.add(symbol_box[sid], n)
    pieces = GridIndex()
    piece_list = [(a, b) for s in drawn for a, b in zip(s.points, s.points[1:], strict=False)]
    for n, (a, b) in enumerate(piece_list):
        pieces.add(bbox((a, b)), n)
    line_pad = LINE_WIDTH / 2 + 1

    def free(box: Box) -> bool:
        padded = grow(box, PAD)
        if symbols.near(padded):
            return False
        around = grow(box, line_pad)
        return not any(segment_hits_box(*piece_list[n], around) for n in pieces.near(around))

    options: dict[str, list[tuple[Box, tuple[str, ...], str, int]]] = {}
    for sid in ids:
        x, y = position[sid]
        r = radius[sid]
        wraps = list(dict.fromkeys(wrap(texts[sid], width) for width in WRAP_WIDTHS))
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
        options[sid] = sorted(found, key=lambda o: o[3])[:MAX_OPTIONS]

    # which candidates of different stations collide
    flat = [(sid, k) for sid in ids for k in range(len(options[sid]))]
    index = GridIndex()
    for n, (sid, k) in enumerate(flat):
        index.add(options[sid][k][0], n)
    conflicts: list[tuple[int, int]] = []
    for n, (sid, k) in enumerate(flat):
        for m in index.near(options[sid][k][0], PAD):
            other = options[flat[m][0]][flat[m][1]][0]
            if m > n and flat[m][0] != sid and boxes_overlap(options[sid][k][0], other, PAD):
                conflicts.append((n, m))
    position_of = {sid: i for i, sid in enumerate(ids)}
    groups = components(len(ids), [(position_of[flat[n][0]], position_of[flat[m][0]]) for n, m in conflicts])
    picked: dict[str, int | None] = {}
    for group in groups:
        members = [ids[i] for i in group]
        picked.update(_solve(members, options, flat, conflicts, time_limit))

    labels: dict[str, Label] = {}
    missing = 0
    for sid in ids:
        k = picked.get(sid)
        if k is not None:
            box, lines, align, _ = options[sid][k]
        else:  # nothing free: below the symbol, counted so a test and the figures show it
            missing += 1
            x, y = position[sid]
            lines = wrap(texts[sid], WRAP_WIDTHS[1])
            w, h = label_size(lines)
            box, align = _box(x, y, radius[sid], "S", w, h, PAD)
        labels[sid] = Label(*box, lines=lines, align=align)
    return labels, missing


def _solve(members, options, flat, conflicts, time_limit: float) -> dict[str, int | None]:
    """One candidate per station of a group (or none, at a high price), no two colliding."""
    if len(members) == 1:
        sid = members[0]
        return {sid: 0 if options[sid] else None}
    model = cp_model.CpModel()
    inside = set(members)
    choice = {sid: [model.new_bool_var(f"{sid}_{k}") for k in range(len(options[sid]))] for sid in members}
    unplaced = {sid: model.new_bool_var(f"{sid}_none") for sid in members}
    for sid in members:
        model.add_exactly_one([*choice[sid], unplaced[sid]])
    for n, m in conflicts:
        (a, k), (b, j) = flat[n], flat[m]
        if a in inside:
            model.add_bool_or([choice[a][k].Not(), choice[b][j].Not()])
    model.minimize(
        sum(opt[3] * var for sid in members for opt, var in zip(options[sid], choice[sid], strict=True))
        + sum(100_000 * unplaced[sid] for sid in members)
    )
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1  # deterministic: same data, same map
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = time_limit
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):  # pragma: no cover - "unplaced" is always feasible
        raise RuntimeError("the layout solver found no label placement")
    result: dict[str, int | None] = {}
    for sid in members:
        result[sid] = next((k for k, var in enumerate(choice[sid]) if solver.value(var)), None)
    return result
