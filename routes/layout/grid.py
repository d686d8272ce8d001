"""Stages 1 and 2 of the layout: order the lines, then place the stations.

``x`` runs by level of education (start positions on the left, then mbo-1 … mbo-4, Ad,
hbo and wo/master), ``y`` by metro line: every line gets its own horizontal track, in an
order that keeps lines sharing stations close together. A station on several lines (an
*interchange*) sits on the track of the line that bends least to reach it. Stations on no
line go in a neutral band below the tracks; start positions stand in their own column.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..dataset import Dataset
from ..errors import UnknownStation
from ..graph import ACCESS, STATION_KINDS
from ..models import LEVEL_RANK, Certificate, Function, Level, Start

# Column index -> level key. wo and master share the last column (as in LEVEL_RANK).
COLUMN_LEVELS: tuple[str, ...] = ("start", "mbo-1", "mbo-2", "mbo-3", "mbo-4", "ad", "hbo", "wo")
COLUMN_LABELS = {
    "nl": ("Start", "mbo 1", "mbo 2", "mbo 3", "mbo 4", "Ad", "hbo", "wo / master"),
    "en": ("Start", "mbo 1", "mbo 2", "mbo 3", "mbo 4", "Associate", "bachelor", "university / master"),
}

SLOT = 125.0  # distance between two station slots in a level column
TRACK = 130.0  # distance between two line tracks
START_WIDTH = 250.0  # the start column (its labels stand right of the symbols)
BLOCK_GAP = 0.45  # empty space between two level columns, in slots
NEUTRAL_GAP = 1.0  # from the last track to the first row of the neutral band, in tracks
NEUTRAL_ROW = 0.8  # between two rows of the neutral band, in tracks
BACKWARD_DROP = 0.5  # a station that lies left of its predecessor on the line drops below the track
ORDER_WEIGHT = 0.05  # cost of moving a line away from its place in the data, against the spread of interchanges
TOP = 60.0  # room above the first track for the column headings


@dataclass(frozen=True)
class Placement:
    """Where stage 2 put every station, and what the later stages need to know about it."""

    ids: tuple[str, ...]  # reading order
    position: dict[str, tuple[float, float]]
    column: dict[str, int]
    member_of: dict[str, tuple[str, ...]]
    order: tuple[str, ...]  # line ids, top to bottom
    lines: dict[str, list[str]]
    edges: list[tuple[str, str, str | None, str, int, int]]
    column_span: dict[int, tuple[float, float]]
    track: dict[str, float]  # line id -> height of its track
    width: float
    height: float


def short_label(name: str) -> str:
    """The name as written on the map: the level is already shown by the column.

    >>> short_label("Helpende zorg en welzijn (mbo niveau 2)")
    'Helpende zorg en welzijn'
    >>> short_label("Maatschappelijke zorg niveau 3 (Begeleider)")
    'Maatschappelijke zorg niveau 3 (Begeleider)'
    """
    return re.sub(r"\s*\(mbo[- ]niveau \d\)\s*$", "", name).strip() or name


def _connections(dataset: Dataset) -> list[tuple[str, str, str | None, str, int, int]]:
    """Every step and access edge as ``(from, to, step id, kind, months_min, months_max)``."""
    edges = []
    for step in dataset.steps.values():
        for source in step.from_:
            for target in (step.to, *step.also_gives):
                edges.append((source, target, step.id, step.kind.value, step.months.min, step.months.max))
    for function in dataset.functions.values():
        for ref in function.access:
            edges.append((ref, function.id, None, ACCESS, 0, 0))
    return [e for e in edges if dataset.kinds.get(e[0]) in STATION_KINDS and dataset.kinds.get(e[1]) in STATION_KINDS]


def _line_stations(dataset: Dataset) -> dict[str, list[str]]:
    """Each line's stations (in order), keeping only ids that are stations, each once."""
    result = {}
    for line in dataset.lines.values():
        seen: list[str] = []
        for sid in line.stations:
            if dataset.kinds.get(sid) in STATION_KINDS and sid not in seen:
                seen.append(sid)
        result[line.id] = seen
    return result


def _columns(dataset: Dataset, ids: list[str], lines: dict[str, list[str]], edges) -> dict[str, int]:
    """The level column of every station.

    Own level first; else (certificates, jobs without a level) the level of the
    diploma it is part of, of its neighbour on a line, of what leads to it, or just
    before what it leads to; a start position's own column is 0.
    """
    column: dict[str, int] = {}
    for sid in ids:
        entity = dataset.entities[sid]
        if isinstance(entity, Start):
            column[sid] = 0
        elif getattr(entity, "level", None) is not None:
            column[sid] = LEVEL_RANK[Level(entity.level)]
    sources: dict[str, list[str]] = defaultdict(list)
    targets: dict[str, list[str]] = defaultdict(list)
    for u, v, *_ in edges:
        sources[v].append(u)
        targets[u].append(v)
    neighbours: dict[str, list[str]] = defaultdict(list)
    for stations in lines.values():
        for i, sid in enumerate(stations):
            if i > 0:
                neighbours[sid].append(stations[i - 1])
        for i, sid in enumerate(stations):
            if i + 1 < len(stations):
                neighbours[sid].append(stations[i + 1])

    def known(refs: Iterable[str], starts: bool = False) -> list[int]:
        return [column[r] for r in refs if r in column and (starts or column[r] > 0)]

    def guess(sid: str) -> int | None:
        entity = dataset.entities[sid]
        if isinstance(entity, Certificate) and entity.part_of and entity.part_of in column:
            return column[entity.part_of]
        for ref in neighbours[sid]:
            if ref in column and column[ref] > 0:
                return column[ref]
        refs = list(sources[sid]) + (list(entity.access) if isinstance(entity, Function) else [])
        if levels := known(refs):
            return min(levels)
        if levels := known(targets[sid]):
            return max(1, min(levels) - 1)
        return None

    pending = sorted(sid for sid in ids if sid not in column)
    while pending:
        changed = True
        while changed:
            changed = False
            for sid in list(pending):
                if (col := guess(sid)) is not None:
                    column[sid] = col
                    pending.remove(sid)
                    changed = True
        if pending:  # only start positions lead here: the level they admit to, else mbo-1
            sid = pending.pop(0)
            admits = [
                LEVEL_RANK[dataset.entities[r].admits]
                for r in sources[sid]
                if isinstance(dataset.entities[r], Start) and dataset.entities[r].admits is not None
            ]
            column[sid] = max(1, min(admits, default=1))
    return column


def _band_order(line_ids: list[str], lines: dict[str, list[str]]) -> list[str]:
    """Order the tracks so lines that share stations lie close together.

    Cost: for each station on several lines, the distance between its outermost
    tracks; plus a small cost for moving a line away from its place in the data.
    Local search by moving one line at a time; deterministic.
    """
    shared = [
        [lid for lid in line_ids if sid in lines[lid]]
        for sid in sorted({s for lid in line_ids for s in lines[lid]})
        if sum(sid in lines[lid] for lid in line_ids) > 1
    ]
    home = {lid: i for i, lid in enumerate(line_ids)}

    def cost(order: list[str]) -> float:
        pos = {lid: i for i, lid in enumerate(order)}
        spread = sum(max(pos[lid] for lid in group) - min(pos[lid] for lid in group) for group in shared)
        return spread + ORDER_WEIGHT * sum(abs(pos[lid] - home[lid]) for lid in order)

    order = list(line_ids)
    best = cost(order)
    for _ in range(200):
        candidate = None
        for i in range(len(order)):
            for j in range(len(order)):
                if i == j:
                    continue
                trial = order[:i] + order[i + 1 :]
                trial.insert(j, order[i])
                c = cost(trial)
                if c < best - 1e-9:
                    best, candidate = c, trial
        if candidate is None:
            break
        order = candidate
    return order


def _sub_ranks(members: list[str], before: set[tuple[str, str]], late: set[str]) -> dict[str, int]:
    """Slot of each station inside its level column: longest path over 'comes before' pairs.

    Pairs that would close a cycle are dropped (first come, first kept). Stations in
    ``late`` (reached from a higher column) are pushed as far right as they can go.
    """
    succ: dict[str, list[str]] = {m: [] for m in members}
    pred: dict[str, list[str]] = {m: [] for m in members}

    def reaches(a: str, b: str) -> bool:
        stack, seen = [a], {a}
        while stack:
            node = stack.pop()
            if node == b:
                return True
            for nxt in succ[node]:
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return False

    for a, b in sorted(before, key=lambda p: (members.index(p[0]), members.index(p[1]))):
        if b not in succ[a] and not reaches(b, a):
            succ[a].append(b)
            pred[b].append(a)
    rank: dict[str, int] = {}

    def asap(node: str) -> int:
        if node not in rank:
            rank[node] = max((asap(p) + 1 for p in pred[node]), default=0)
        return rank[node]

    for m in members:
        asap(m)
    width = max(rank.values(), default=0) + 1
    tail: dict[str, int] = {}

    def to_end(node: str) -> int:
        if node not in tail:
            tail[node] = max((to_end(s) + 1 for s in succ[node]), default=0)
        return tail[node]

    for m in members:
        if m in late and not pred[m]:
            rank[m] = width - 1 - to_end(m)
    return rank


def _neutral_slots(members: list[str], edges: set[tuple[str, str]], width: int) -> dict[str, tuple[int, int]]:
    """(slot, row) for the stations on no line in one level column.

    Rows are filled left to right; a chain inside the column (a diploma and the job
    it gives access to) stays on one row, the diploma left of the job.
    """
    before = {(a, b) for a, b in edges if a in members and b in members and a != b}
    rank = _sub_ranks(members, before, set())
    kept = {(a, b) for a, b in before if rank[a] < rank[b]}
    children: dict[str, list[str]] = defaultdict(list)
    has_parent = set()
    for a, b in sorted(kept, key=lambda p: (members.index(p[0]), members.index(p[1]))):
        children[a].append(b)
        has_parent.add(b)
    depth: dict[str, int] = {}

    def chain(node: str) -> int:
        if node not in depth:
            depth[node] = 1 + max((chain(c) for c in children[node]), default=0)
        return depth[node]

    taken: set[tuple[int, int]] = set()
    place: dict[str, tuple[int, int]] = {}

    def first_free(min_slot: int, need: int) -> tuple[int, int]:
        row = 0
        while True:
            for slot in range(min(min_slot, width - 1), width):
                if all((slot + k, row) not in taken for k in range(min(need, width - slot))):
                    if slot + need <= width or need > width - min_slot:
                        return slot, row
            row += 1

    def put(node: str, at: tuple[int, int]) -> None:
        taken.add(at)
        place[node] = at
        for child in children[node]:
            if child in place:
                continue
            want = (at[0] + 1, at[1])
            put(child, want if want[0] < width and want not in taken else first_free(at[0] + 1, chain(child)))

    for sid in members:
        if sid not in has_parent and sid not in place:
            put(sid, first_free(0, chain(sid)))
    for sid in members:  # stations only reached inside a cycle
        if sid not in place:
            put(sid, first_free(0, 1))
    return place


# --------------------------------------------------------------------------- the layout



def place_stations(dataset: Dataset, *, line_order: Sequence[str] | None = None) -> Placement:
    """Place every station that is on a line or connected by a step or access.

    Parameters
    ----------
    dataset : a loaded :class:`~routes.dataset.Dataset`.
    line_order : line ids from top to bottom; default: the data's order, rearranged
        so that lines sharing stations lie next to each other.

    Returns
    -------
    Placement : same input, same places (no randomness, no dependence on set order).
    """
    lines = _line_stations(dataset)
    line_models = dataset.lines
    edges = _connections(dataset)
    on_line = {sid for stations in lines.values() for sid in stations}
    connected = {u for u, *_ in edges} | {v for _, v, *_ in edges}
    ids = [
        sid for kind in STATION_KINDS for sid, k in dataset.kinds.items() if k == kind and sid in on_line | connected
    ]
    if line_order is None:
        order = _band_order([lid for lid in line_models if len(lines[lid]) > 0], lines)
    else:
        unknown = [lid for lid in line_order if lid not in line_models]
        if unknown:
            raise UnknownStation(unknown[0], [lid for lid in line_models if unknown[0] in lid][:3])
        order = list(dict.fromkeys(line_order)) + [lid for lid in line_models if lid not in line_order]
    track = {lid: float(i) for i, lid in enumerate(order)}
    member_of: dict[str, tuple[str, ...]] = {sid: tuple(lid for lid in order if sid in lines[lid]) for sid in ids}
    column = _columns(dataset, ids, lines, edges)

    # x: level blocks, with slots inside a block ordered along the lines.
    blocks: dict[int, list[str]] = defaultdict(list)
    for sid in ids:
        blocks[column[sid]].append(sid)
    slot: dict[str, int] = {}
    neutral_place: dict[str, tuple[int, int]] = {}
    width: dict[int, int] = {}
    plain_edges = {(u, v) for u, v, *_ in edges}
    for col in range(len(COLUMN_LEVELS)):
        members = blocks.get(col, [])
        if col == 0:
            width[col] = 1
            continue
        line_members = [m for m in members if member_of[m]]
        before, late = set(), set()
        for lid in order:
            stations = lines[lid]
            for i, a in enumerate(stations):
                for b in stations[i + 1 :]:
                    if column[a] == col and column[b] == col:
                        before.add((a, b))
                if i > 0 and column[a] == col and column[stations[i - 1]] > col:
                    late.add(a)
        ranks = _sub_ranks(line_members, before, late)
        slot.update(ranks)
        line_width = max(ranks.values(), default=-1) + 1
        neutral = [m for m in members if not member_of[m]]
        neutral_rank = _sub_ranks(neutral, {(a, b) for a, b in plain_edges if a in neutral and b in neutral}, set())
        needed = max(neutral_rank.values(), default=-1) + 1
        width[col] = max(1, line_width, needed, math.ceil(len(neutral) / 4))
        neutral_place.update(_neutral_slots(neutral, plain_edges, width[col]))
    start_x: dict[int, float] = {}
    x = 0.0
    for col in range(len(COLUMN_LEVELS)):
        start_x[col] = round(x, 4)
        x += width[col] + BLOCK_GAP

    # y: interchanges sit on the track of one of their lines, chosen so the lines bend least.
    band: dict[str, str] = {sid: member_of[sid][0] for sid in ids if len(member_of[sid]) == 1}
    multi = [sid for sid in ids if len(member_of[sid]) > 1]
    for sid in multi:
        lids = member_of[sid]
        band[sid] = lids[(len(lids) - 1) // 2]
    neighbours: dict[str, list[str]] = defaultdict(list)
    for lid in order:
        stations = lines[lid]
        for a, b in zip(stations, stations[1:], strict=False):
            neighbours[a].append(b)
            neighbours[b].append(a)
    for _ in range(10):
        changed = False
        for sid in multi:

            def bends(lid: str, sid: str = sid) -> tuple[float, int, int]:
                # least bending; on a tie the line that runs through the station (rather than ending there)
                y = track[lid]
                through = -sum(1 for n in neighbours[sid] if n in lines[lid])
                return sum(abs(y - track[band[n]]) for n in neighbours[sid]), through, order.index(lid)

            best = min(member_of[sid], key=bends)
            if best != band[sid]:
                band[sid], changed = best, True
        if not changed:
            break

    position: dict[str, tuple[float, float]] = {}
    n_tracks = len(order)
    for sid in ids:
        col = column[sid]
        if member_of[sid]:
            position[sid] = (start_x[col] + slot[sid], track[band[sid]])
    # a station whose neighbours on its only line both sit on another track joins that track (a straight run)
    taken = {(round(p[0], 3), round(p[1], 3)) for p in position.values()}
    for lid in order:
        stations = lines[lid]
        for prev, sid, nxt in zip(stations, stations[1:], stations[2:], strict=False):
            y = position[prev][1]
            x = position[sid][0]
            if (
                len(member_of[sid]) == 1
                and position[nxt][1] == y != position[sid][1]
                and position[prev][0] < x < position[nxt][0]
                and (round(x, 3), round(y, 3)) not in taken
            ):
                taken.discard((round(x, 3), round(position[sid][1], 3)))
                position[sid] = (x, y)
                taken.add((round(x, 3), round(y, 3)))
                band[sid] = band[prev]
    # a station left of its predecessor on the line drops below the track, so the line visibly turns back
    for lid in order:
        stations = lines[lid]
        for a, b in zip(stations, stations[1:], strict=False):
            if position[b][0] < position[a][0] and band[b] == lid:
                position[b] = (position[b][0], position[b][1] + BACKWARD_DROP)
    neutral_top = (n_tracks - 1) + NEUTRAL_GAP if n_tracks else 0.0
    for sid, (s, row) in neutral_place.items():
        position[sid] = (start_x[column[sid]] + s, neutral_top + row * NEUTRAL_ROW)
    starts = sorted(
        blocks.get(0, []),
        key=lambda s: (
            LEVEL_RANK.get(dataset.entities[s].admits, 9) if dataset.entities[s].admits else 9,
            ids.index(s),
        ),
    )
    span = max(n_tracks - 1, 1)
    for i, sid in enumerate(starts):
        position[sid] = (0.0, span * i / max(len(starts) - 1, 1))

    _resolve_collisions(position, ids)

    # reading order: starts, then line by line, then the neutral band by column
    reading: list[str] = list(starts)
    for lid in order:
        reading += [s for s in lines[lid] if s not in reading]
    reading += sorted((s for s in ids if s not in reading), key=lambda s: (column[s], position[s][1], position[s][0]))

    # from slots and tracks to map units
    def unit_x(col: int, x_slots: float) -> float:
        return 0.0 if col == 0 else START_WIDTH + (x_slots - start_x[1]) * SLOT

    units = {
        sid: (round(unit_x(column[sid], x), 2), round(TOP + y * TRACK, 2)) for sid, (x, y) in position.items()
    }
    span = {0: (0.0, 0.0)}
    for col in range(1, len(COLUMN_LEVELS)):
        span[col] = (round(unit_x(col, start_x[col]), 2), round(unit_x(col, start_x[col] + width[col] - 1), 2))
    return Placement(
        ids=tuple(reading),
        position=units,
        column=column,
        member_of=member_of,
        order=tuple(order),
        lines=lines,
        edges=edges,
        column_span=span,
        track={lid: round(TOP + y * TRACK, 2) for lid, y in track.items()},
        width=max((x for x, _ in units.values()), default=0.0),
        height=max((y for _, y in units.values()), default=0.0),
    )


def _level_value(entity) -> str | None:
    level = getattr(entity, "level", None)
    return level.value if level is not None else None


def _resolve_collisions(position: dict[str, tuple[float, float]], ids: list[str]) -> None:
    """No two stations share a place: a later one moves down by a third of a track until free."""
    seen: set[tuple[float, float]] = set()
    for sid in ids:
        x, y = position[sid]
        while (round(x, 3), round(y, 3)) in seen:
            y += 1 / 3
        position[sid] = (x, y)
        seen.add((round(x, 3), round(y, 3)))


