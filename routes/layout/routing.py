"""Stage 3 of the layout: route every segment with 0°, 45° and 90° pieces only.

Each pair of neighbouring stations gets a few candidate routes (straight; a 45° piece at the
start, in the middle or at the end; an L with a right angle as a last resort). CP-SAT picks one
per pair so that, over the whole map, routes cross, run on top of each other, pass through a
station that is not theirs and bend as little as possible. An exact optimiser is used because
these choices interact: a greedy pass fixes the first segment and pays for it later.

Lines that share a pair of stations then run in parallel lanes, in the order of their tracks,
so the lines of one corridor never swap places between two stations.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .geometry import (
    Box,
    GridIndex,
    bbox,
    bends,
    components,
    grow,
    offset_polyline,
    polyline_hits_box,
    polylines_cross,
    polylines_overlap,
    segment_hits_box,
    segments_overlap,
    simplify,
)
from .grid import Placement
from .model import LANE, STATION_RADIUS, Point, Segment

NEUTRAL = "#8a8a8a"

# Costs the optimiser weighs; a crossing is worth a few bends, running through a station is never worth it.
COST_BEND = 1
COST_RIGHT_ANGLE = 4
COST_CROSSING = 5
COST_OVERLAP = 40
COST_THROUGH_STATION = 200
BOW = 16.0  # how far a line bows out to pass beside a station


@dataclass(frozen=True)
class Pair:
    """Two neighbouring stations joined by one or more lines (or by a grey branch)."""

    a: str
    b: str
    lines: tuple[str, ...]  # empty: a branch
    kind: str  # "line" or "branch"


def candidates(a: Point, b: Point) -> list[tuple[tuple[Point, ...], int]]:
    """Octilinear routes from a to b with their own cost (bends, right angles).

    >>> sorted(len(points) for points, _ in candidates((0, 0), (100, 0)))
    [2, 4, 4]
    >>> sorted(len(points) for points, _ in candidates((0, 0), (100, 40)))
    [3, 3, 3, 3, 4]
    """
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    adx, ady = abs(dx), abs(dy)
    sx = 1 if dx >= 0 else -1
    sy = 1 if dy >= 0 else -1
    if ady < 0.5 or adx < 0.5 or abs(adx - ady) < 0.5:
        out = [((a, b), 0)]
        length = max(adx, ady)
        if (ady < 0.5 or adx < 0.5) and length > 4 * BOW:
            # bow out beside the straight run, for a line passing a station it does not serve
            ux, uy = (sx, 0) if ady < 0.5 else (0, sy)
            for side in (-1, 1):
                nx, ny = -uy * side * BOW, ux * side * BOW
                bow = (a, (ax + ux * BOW + nx, ay + uy * BOW + ny), (bx - ux * BOW + nx, by - uy * BOW + ny), b)
                out.append((simplify(bow), COST_BEND * 4))
        return out
    routes: list[tuple[Point, ...]] = []
    if adx > ady:
        routes.append((a, (ax + sx * ady, by), b))  # 45° first, then level
        routes.append((a, (bx - sx * ady, ay), b))  # level, then 45° into b
        middle = (adx - ady) / 2
        routes.append((a, (ax + sx * middle, ay), (ax + sx * (middle + ady), by), b))
    else:
        routes.append((a, (bx, ay + sy * adx), b))  # 45° first, then straight down/up
        routes.append((a, (ax, by - sy * adx), b))  # straight, then 45° into b
        middle = (ady - adx) / 2
        routes.append((a, (ax, ay + sy * middle), (bx, ay + sy * (middle + adx)), b))
    out = [(simplify(r), COST_BEND * bends(simplify(r))) for r in routes]
    for corner in ((bx, ay), (ax, by)):  # right angles: only when nothing else fits
        r = simplify((a, corner, b))
        out.append((r, COST_RIGHT_ANGLE + COST_BEND))
    return out


def corridor_candidates(a: Point, b: Point, corridors: list[float]) -> list[tuple[tuple[Point, ...], int]]:
    """Routes that leave at 45°, run level along a free corridor between two tracks, and arrive at 45°.

    For long links: the space between tracks holds no stations and (mostly) no labels.

    >>> [points for points, _ in corridor_candidates((0, 0), (300, 100), [75.0])][:2]
    [((0, 0), (75.0, 75.0), (275.0, 75.0), (300, 100)), ((0, 0), (0, 75.0), (275.0, 75.0), (300, 100))]
    """
    (ax, ay), (bx, by) = a, b
    sx = 1 if bx >= ax else -1
    out = []
    for yc in corridors:
        rise, fall = abs(yc - ay), abs(by - yc)
        if rise < 0.5 or fall < 0.5 or rise + fall > abs(bx - ax) - 1:
            continue
        points = (a, (ax + sx * rise, yc), (bx - sx * fall, yc), b)
        out.append((simplify(points), COST_BEND * 2))
    for yc in corridors:  # straight up or down into the corridor first (clear of a name beside the station)
        rise, fall = abs(yc - ay), abs(by - yc)
        if rise < 0.5 or fall < 0.5 or fall > abs(bx - ax) - 1:
            continue
        out.append((simplify((a, (ax, yc), (bx - sx * fall, yc), b)), COST_BEND * 3))
        out.append((simplify((a, (ax, yc), (bx, yc), b)), COST_BEND * 4))
    return out


def _corridors(placement: Placement) -> list[float]:
    ys = sorted({round(y, 1) for _, y in placement.position.values()})
    tracks = sorted({round(placement.position[sid][1], 1) for sid, lids in placement.member_of.items() if lids})
    gaps = [(lo + hi) / 2 for lo, hi in zip(tracks, tracks[1:], strict=False) if hi - lo > 60]
    if ys:
        gaps += [ys[0] - 75, ys[-1] + 75]
    return gaps


def _pairs(placement: Placement) -> list[Pair]:
    position = placement.position
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for lid in placement.order:
        stations = placement.lines[lid]
        for a, b in zip(stations, stations[1:], strict=False):
            if (position[b][0], position[b][1]) < (position[a][0], position[a][1]):
                a, b = b, a  # left to right, so lanes mean the same on every pair
            if lid not in shared[(a, b)]:
                shared[(a, b)].append(lid)
    pairs = [Pair(a, b, tuple(lids), "line") for (a, b), lids in shared.items()]
    on_line = {sid for sids in placement.lines.values() for sid in sids}
    starts = {sid for sid, col in placement.column.items() if col == 0}
    seen = {frozenset((p.a, p.b)) for p in pairs}
    for u, v, *_ in placement.edges:
        key = frozenset((u, v))
        if u == v or key in seen or u in on_line or v in on_line or u in starts or v in starts:
            continue
        seen.add(key)
        a, b = sorted((u, v), key=lambda s: position[s])
        pairs.append(Pair(a, b, (), "branch"))
    return pairs


def _station_boxes(placement: Placement, radius: dict[str, float]) -> dict[str, tuple[float, float, float, float]]:
    return {
        sid: grow((x, y, x, y), radius.get(sid, STATION_RADIUS) + 2) for sid, (x, y) in placement.position.items()
    }


def route_segments(
    placement: Placement, colours: dict[str, str], *, time_limit: float = 3.0
) -> tuple[tuple[Segment, ...], dict[str, float]]:
    """Route every line and branch segment; return them and each station's symbol radius
    (an interchange's symbol spans its lanes). :mod:`.checks` measures the result."""
    position = placement.position
    pairs = _pairs(placement)
    lanes_at: dict[str, int] = defaultdict(lambda: 1)
    for pair in pairs:
        for sid in (pair.a, pair.b):
            lanes_at[sid] = max(lanes_at[sid], len(pair.lines) or 1)
    through_lines: dict[str, int] = {sid: len(lids) for sid, lids in placement.member_of.items()}
    radius = {
        sid: STATION_RADIUS + (lanes_at[sid] - 1) * LANE / 2 + (2.0 if through_lines.get(sid, 0) > 1 else 0.0)
        for sid in position
    }
    boxes = _station_boxes(placement, radius)

    options = [candidates(position[p.a], position[p.b]) for p in pairs]
    station_ids = sorted(boxes)
    stations = GridIndex()
    for n, sid in enumerate(station_ids):
        stations.add(boxes[sid], n)
    own_cost: list[list[int]] = []
    for pair, opts in zip(pairs, options, strict=True):
        costs = []
        for points, cost in opts:
            through = sum(
                1
                for n in stations.near(bbox(points))
                if station_ids[n] not in (pair.a, pair.b) and polyline_hits_box(points, boxes[station_ids[n]])
            )
            costs.append(cost + COST_THROUGH_STATION * through)
        own_cost.append(costs)

    # what two candidates of different pairs cost together: crossings and stretches on top of each other
    flat = [(i, k) for i, opts in enumerate(options) for k in range(len(opts))]
    index = GridIndex()
    for n, (i, k) in enumerate(flat):
        index.add(bbox(options[i][k][0]), n)
    joint: list[tuple[int, int, int, int, int]] = []
    for i, k in flat:
        p = options[i][k][0]
        for m in index.near(bbox(p), 2.0):
            j, other = flat[m]
            if j <= i:
                continue
            q = options[j][other][0]
            shared = [boxes[sid] for sid in {pairs[i].a, pairs[i].b} & {pairs[j].a, pairs[j].b}]
            cost = COST_CROSSING * polylines_cross(p, q, shared) + (COST_OVERLAP if polylines_overlap(p, q) else 0)
            if cost:
                joint.append((i, k, j, other, cost))
    chosen = [0] * len(pairs)
    for group in components(len(pairs), [(i, j) for i, _, j, _, _ in joint]):
        inside = set(group)
        for i, k in _solve(group, own_cost, [t for t in joint if t[0] in inside], time_limit).items():
            chosen[i] = k

    segments: list[Segment] = []
    routed = [opts[k][0] for opts, k in zip(options, chosen, strict=True)]
    routed_index = GridIndex()
    for i, points in enumerate(routed):
        routed_index.add(bbox(points), i)
    drawn_pairs = set()
    for i, (pair, points) in enumerate(zip(pairs, routed, strict=True)):
        if pair.kind == "branch":
            # a grey branch is drawn only where it runs clear; otherwise it is a link, shown on demand
            clear = own_cost[i][chosen[i]] < COST_THROUGH_STATION and not any(
                polylines_overlap(points, routed[j])
                or polylines_cross(points, routed[j], [boxes[s] for s in {pair.a, pair.b} & {pairs[j].a, pairs[j].b}])
                for j in routed_index.near(bbox(points), 2.0)
                if j != i
            )
            if clear:
                segments.append(Segment(pair.a, pair.b, None, NEUTRAL, "branch", points, **_steps_of(placement, pair)))
                drawn_pairs.add(frozenset((pair.a, pair.b)))
            continue
        drawn_pairs.add(frozenset((pair.a, pair.b)))
        n = len(pair.lines)
        for i, lid in enumerate(pair.lines):
            shifted = offset_polyline(points, ((n - 1) / 2 - i) * LANE)
            segments.append(Segment(pair.a, pair.b, lid, colours[lid], "line", shifted))
    return tuple(segments), radius


def route_links(
    placement: Placement,
    segments: tuple[Segment, ...],
    labels: dict[str, Box],
    radius: dict[str, float],
) -> tuple[Segment, ...]:
    """Steps off the lines, drawn only on demand: each takes the candidate route that crosses the
    fewest stations, labels and lines (a link drawn through a name would hide it)."""
    drawn_pairs = {frozenset((s.source, s.target)) for s in segments}
    boxes = _station_boxes(placement, radius)
    station_ids = sorted(boxes)
    stations = GridIndex()
    for n, sid in enumerate(station_ids):
        stations.add(boxes[sid], n)
    label_ids = list(labels)
    label_list = [labels[sid] for sid in label_ids]
    label_index = GridIndex()
    for n, box in enumerate(label_list):
        label_index.add(box, n)
    piece_list = [(p, q) for seg in segments for p, q in zip(seg.points, seg.points[1:], strict=False)]
    pieces = GridIndex()
    for n, piece in enumerate(piece_list):
        pieces.add(bbox(piece), n)
    grouped: dict[tuple[str, str], list] = {}
    for u, v, step, kind, low, high in placement.edges:
        if u == v or frozenset((u, v)) in drawn_pairs:
            continue
        grouped.setdefault((u, v), []).append((step, kind, low, high))

    def cost(points, own: tuple[str, str], base: int) -> int:
        total = base
        for p, q in zip(points, points[1:], strict=False):
            area = bbox((p, q))
            for n in stations.near(area):
                if station_ids[n] not in own and segment_hits_box(p, q, boxes[station_ids[n]]):
                    total += 10
            for n in label_index.near(area):
                if segment_hits_box(p, q, label_list[n]):
                    total += 10 if label_ids[n] in own else 3  # never strike through its own ends' names
            for n in pieces.near(area, 1.0):
                if segments_overlap(p, q, *piece_list[n]):
                    total += 5
        return total

    corridors = _corridors(placement)
    out = []
    for (u, v), found in grouped.items():
        a, b = placement.position[u], placement.position[v]
        options = candidates(a, b) + corridor_candidates(a, b, corridors)
        points = min(options, key=lambda o: (cost(o[0], (u, v), o[1]), len(o[0])))[0]
        out.append(
            Segment(
                u,
                v,
                None,
                NEUTRAL,
                "link",
                points,
                kinds=tuple(dict.fromkeys(k for _, k, _, _ in found)),
                steps=tuple(s for s, _, _, _ in found if s),
                months_min=min(lo for _, _, lo, _ in found),
                months_max=max(hi for _, _, _, hi in found),
            )
        )
    return tuple(out)


def _steps_of(placement: Placement, pair: Pair) -> dict:
    """The steps behind a branch (either direction), as a link carries them."""
    found = [e for e in placement.edges if {e[0], e[1]} == {pair.a, pair.b}]
    return {
        "kinds": tuple(dict.fromkeys(kind for _, _, _, kind, _, _ in found)),
        "steps": tuple(step for _, _, step, _, _, _ in found if step),
        "months_min": min((e[4] for e in found), default=None),
        "months_max": max((e[5] for e in found), default=None),
    }


def _solve(group: list[int], own_cost, joint, time_limit: float) -> dict[int, int]:
    """One candidate per pair of a group, at the least total cost."""
    if len(group) == 1:
        i = group[0]
        return {i: min(range(len(own_cost[i])), key=lambda k: own_cost[i][k])}
    model = cp_model.CpModel()
    choice = {i: [model.new_bool_var(f"c{i}_{k}") for k in range(len(own_cost[i]))] for i in group}
    for i, row in choice.items():
        model.add_exactly_one(row)
        cheapest = min(range(len(row)), key=lambda k, i=i: own_cost[i][k])
        for k, var in enumerate(row):  # start from each pair's own cheapest route
            model.add_hint(var, k == cheapest)
    terms = [cost * var for i in group for cost, var in zip(own_cost[i], choice[i], strict=True)]
    for i, k, j, m, cost in joint:
        both = model.new_bool_var(f"x{i}_{k}_{j}_{m}")
        model.add_bool_or([choice[i][k].Not(), choice[j][m].Not(), both])
        terms.append(cost * both)
    model.minimize(sum(terms))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1  # deterministic: same data, same map
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = time_limit
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):  # pragma: no cover - a feasible start always exists
        raise RuntimeError("the layout solver found no routing")
    return {i: next(k for k, var in enumerate(choice[i]) if solver.value(var)) for i in group}


def _bbox(points) -> tuple[float, float, float, float]:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _bbox_touch(a, b, pad: float = 2.0) -> bool:
    return a[0] - pad <= b[2] and b[0] - pad <= a[2] and a[1] - pad <= b[3] and b[1] - pad <= a[3]
