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
    bends,
    grow,
    offset_polyline,
    polyline_hits_box,
    polylines_cross,
    polylines_overlap,
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

    >>> [len(points) for points, _ in candidates((0, 0), (100, 0))]
    [2]
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

    >>> corridor_candidates((0, 0), (300, 100), [75.0])
    [(((0, 0), (75.0, 75.0), (275.0, 75.0), (300, 100)), 2)]
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
    placement: Placement, colours: dict[str, str], *, time_limit: float = 20.0
) -> tuple[tuple[Segment, ...], dict[str, float], dict[str, int]]:
    """Route every line and branch segment; return them, each station's symbol radius, and figures.

    Figures: ``bends``, ``crossings``, ``overlaps`` (two routes on top of each other) and
    ``through_station`` (a route running through a station that is not its own).
    """
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
    own_cost: list[list[int]] = []
    for pair, opts in zip(pairs, options, strict=True):
        costs = []
        for points, cost in opts:
            through = sum(
                1 for sid, box in boxes.items() if sid not in (pair.a, pair.b) and polyline_hits_box(points, box)
            )
            costs.append(cost + COST_THROUGH_STATION * through)
        own_cost.append(costs)

    model = cp_model.CpModel()
    choice = [[model.new_bool_var(f"c{i}_{k}") for k in range(len(opts))] for i, opts in enumerate(options)]
    for row in choice:
        model.add_exactly_one(row)
    terms = [
        cost * var for costs, row in zip(own_cost, choice, strict=True) for cost, var in zip(costs, row, strict=True)
    ]
    bbox = [[_bbox(points) for points, _ in opts] for opts in options]
    for i in range(len(pairs)):
        for j in range(i + 1, len(pairs)):
            for k, (p, _) in enumerate(options[i]):
                for m, (q, _) in enumerate(options[j]):
                    if not _bbox_touch(bbox[i][k], bbox[j][m]):
                        continue
                    shared = [boxes[sid] for sid in {pairs[i].a, pairs[i].b} & {pairs[j].a, pairs[j].b}]
                    cost = COST_CROSSING * polylines_cross(p, q, shared)
                    if polylines_overlap(p, q):
                        cost += COST_OVERLAP
                    if cost:
                        both = model.new_bool_var(f"x{i}_{k}_{j}_{m}")
                        model.add_bool_and([choice[i][k], choice[j][m]]).only_enforce_if(both)
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
    chosen = [next(k for k, var in enumerate(row) if solver.value(var)) for row in choice]

    segments: list[Segment] = []
    routed = [opts[k][0] for opts, k in zip(options, chosen, strict=True)]
    drawn_pairs = set()
    for i, (pair, points) in enumerate(zip(pairs, routed, strict=True)):
        if pair.kind == "branch":
            # a grey branch is drawn only where it runs clear; otherwise it is a link, shown on demand
            clear = own_cost[i][chosen[i]] < COST_THROUGH_STATION and not any(
                polylines_overlap(points, other)
                or polylines_cross(points, other, [boxes[s] for s in {pair.a, pair.b} & {pairs[j].a, pairs[j].b}])
                for j, other in enumerate(routed)
                if j != i
            )
            if clear:
                segments.append(Segment(pair.a, pair.b, None, NEUTRAL, "branch", points))
                drawn_pairs.add(frozenset((pair.a, pair.b)))
            continue
        drawn_pairs.add(frozenset((pair.a, pair.b)))
        n = len(pair.lines)
        for i, lid in enumerate(pair.lines):
            shifted = offset_polyline(points, ((n - 1) / 2 - i) * LANE)
            segments.append(Segment(pair.a, pair.b, lid, colours[lid], "line", shifted))
    figures = _figures(segments, boxes)
    return tuple(segments), radius, figures


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
    pieces = [(s.points, _bbox(s.points)) for s in segments]
    grouped: dict[tuple[str, str], list] = {}
    for u, v, step, kind, low, high in placement.edges:
        if u == v or frozenset((u, v)) in drawn_pairs:
            continue
        grouped.setdefault((u, v), []).append((step, kind, low, high))

    def cost(points, own: tuple[str, str], base: int) -> int:
        area = _bbox(points)
        total = base
        for sid, box in boxes.items():
            if sid not in own and _bbox_touch(area, box) and polyline_hits_box(points, box):
                total += 10
        for box in labels.values():
            if _bbox_touch(area, box) and polyline_hits_box(points, box):
                total += 3
        for other, other_box in pieces:
            if _bbox_touch(area, other_box) and polylines_overlap(points, other):
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


def _figures(segments: list[Segment], boxes: dict) -> dict[str, int]:
    drawn = [s for s in segments if s.kind != "link"]
    crossings = overlaps = through = 0
    for i, s in enumerate(drawn):
        through += sum(
            1 for sid, box in boxes.items() if sid not in (s.source, s.target) and polyline_hits_box(s.points, box)
        )
        for t in drawn[i + 1 :]:
            shared = [boxes[x] for x in {s.source, s.target} & {t.source, t.target}]
            crossings += polylines_cross(s.points, t.points, shared)
            overlaps += polylines_overlap(s.points, t.points)
    return {
        "bends": sum(bends(s.points) for s in drawn),
        "crossings": crossings,
        "overlaps": overlaps,
        "through_station": through,
    }


def _bbox(points) -> tuple[float, float, float, float]:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _bbox_touch(a, b, pad: float = 2.0) -> bool:
    return a[0] - pad <= b[2] and b[0] - pad <= a[2] and a[1] - pad <= b[3] and b[1] - pad <= a[3]
