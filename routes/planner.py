"""The route planner: from what a person holds to the job they want.

Works on the graph from :func:`routes.graph.build_graph` only, so it runs the
same on the real data and on generated graphs. The method is the one journey
planners use for alternatives ("via-node" alternatives): one search forward
from everything the person holds, one backward from the target; every node
``v`` then gives a candidate route "best way to ``v``, then best way from ``v``".

Rules a careers coach would apply, enforced on every route offered:

* **Gates.** A step is left out when the person is younger than its minimum age
  (``--age``; the 21+ admission test, certain jobs), or has fewer hours a week
  than the step needs at least (``--hours-per-week``). With fewer hours than the
  step is planned for, the step takes longer: every duration shown comes from
  that one computation (:func:`step_months`).
* **No level dip.** A route never takes a qualification of a lower level than
  one it gained earlier on the same route (say an hbo Associate degree used as
  the entry ticket for an mbo-3 course). What the person already holds does not
  count: a nurse from abroad may well take an mbo course. Only when no route
  without a dip reaches the target (the job asks for that lower diploma and
  nothing else leads there) is a route with a dip offered.
* **Admission only where needed.** A step that only serves as an entry ticket —
  the 21+ admission test, or a diploma gained on the route and then left by a
  regular programme (BOL, BBL, voltijd, deeltijd, duaal) or an admission hub, so
  used only for its level — appears only when what the person holds does not
  already admit to that level; an alternative uses only the quickest ticket to
  an admission hub. A shortened route (verkort, EVC, combi) uses a diploma for
  what it teaches: not a ticket.
* **Bounded, nameable alternatives.** An alternative is offered only when its
  middle duration ((min + max) / 2 months) is at most ``ALTERNATIVE_STRETCH``
  (1.5) times that of the best route, or at most ``ALTERNATIVE_SLACK`` (12)
  months more; it must not detour through a diploma used only as an entry ticket
  that lies on no metro line (career path) of the target; and it must
  differ from the best route in a way a person would name, and not in the same
  way as an alternative already chosen: another
  way of studying (werkend leren, school, deeltijd), another diploma on the way,
  a shortened route or EVC, a programme, paid versus unpaid. Its ``label`` says
  that difference in a few words. Fewer than ``k`` routes is a good answer when
  no such alternative exists.
* **Regional steps only in their region.** A step run by a regional programme
  is offered only to someone who names that region.
* **Uncertain shortcuts say so.** A route through an admission test (the 21+
  test, a school's own toelatingsonderzoek) is labelled as such, and among the
  alternatives sure routes are chosen before such shortcuts; without a
  known age, a route with a minimum age says from which age it is open.
* **Side-entrants first.** For adults changing careers (side-entrant, benefits,
  status holder, returner, jobseeker) routes you are paid for all the way come
  first, then the chosen sort.

Sorts: ``fastest``, ``fewest-steps``, ``cheapest`` (cost to the learner: first
the fewest steps whose cost is unknown, then the lowest known cost) and
``earn-most`` (fewest months without pay, then the quickest, then the highest
known average pay: pay amounts are known for few steps, so they only break ties
and a step of unknown pay is never pushed back for it).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import count
from typing import NamedTuple
from weakref import WeakKeyDictionary

import networkx as nx

from .errors import NoRoute, UnknownStation
from .explain import explain_step
from .graph import ACCESS, ADMISSION, programme_index
from .models import LEVEL_RANK, REGULAR_STEP_KINDS, Level, TargetGroup
from .programmes import fits

__all__ = [
    "ADULT_GROUPS",
    "ALTERNATIVE_SLACK",
    "ALTERNATIVE_STRETCH",
    "REACH_LIMIT",
    "REGIONS_NAMED",
    "SORTS",
    "Query",
    "Reach",
    "Route",
    "RouteStep",
    "assumed_holds",
    "plan",
    "reach",
    "route_programmes",
    "step_months",
]

SORTS = ("fastest", "fewest-steps", "cheapest", "earn-most")
ADMISSION_TEST = "toelatingstoets"  # the 21+ test, a school's own admission test: you may not pass
# Situations in which a person usually needs an income while learning.
ADULT_GROUPS = frozenset({"side-entrant", "benefits", "status-holder", "returner", "jobseeker"})
ALTERNATIVE_STRETCH = 1.5
ALTERNATIVE_SLACK = 12
REACH_LIMIT = 100  # jobs reach() returns unless asked for more (or for all, with limit=None)


@dataclass(frozen=True)
class Query:
    """Where someone stands, where they want to go, and what must hold on the way."""

    holds: tuple[str, ...]
    target: str | None = None
    region: str | None = None
    group: str | None = None  # a TargetGroup value: only programmes meant for this group
    paid_only: bool = False
    max_months: int | None = None
    max_level: str | None = None
    via: str | None = None
    avoid: frozenset[str] = frozenset()
    hours_per_week: int | None = None
    k: int = 3
    sort: str = "fastest"
    age: int | None = None


@dataclass(frozen=True)
class RouteStep:
    from_id: str
    to_id: str
    key: str
    step_id: str | None
    kind: str
    months_min: int
    months_max: int
    paid: bool
    cost_eur: int | None
    cost_note: str | None = None
    pay_eur_month: int | None = None
    programmes: tuple[str, ...] = ()
    why: str = ""
    regions: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    admission: tuple[str, str] | None = None  # (hub, edge key) passed when the step is open by level
    min_age: int | None = None
    min_hours_per_week: int | None = None
    vog: bool = False
    language: str | None = None
    off_ramps: tuple[str, ...] = ()  # jobs this step already lets you do (not the target)

    def edges(self) -> tuple[tuple[str, str, str], ...]:
        """The graph edges (u, v, key) this step stands for: one, or two through an admission hub."""
        if self.admission is None:
            return ((self.from_id, self.to_id, self.key),)
        hub, hub_key = self.admission
        return (self.from_id, hub, hub_key), (hub, self.to_id, self.key)

    def to_json(self) -> dict:
        return {
            "from": self.from_id,
            "to": self.to_id,
            "kind": self.kind,
            "months_min": self.months_min,
            "months_max": self.months_max,
            "cost_eur": self.cost_eur,
            "cost_note": self.cost_note,
            "paid": self.paid,
            "pay_eur_month": self.pay_eur_month,
            "programmes": list(self.programmes),
            "why": self.why,
            "step": self.step_id,
            "regions": list(self.regions),
            "conditions": list(self.conditions),
            "sources": list(self.sources),
            "min_age": self.min_age,
            "min_hours_per_week": self.min_hours_per_week,
            "vog": self.vog,
            "language": self.language,
            "off_ramps": list(self.off_ramps),
        }


@dataclass(frozen=True)
class Route:
    steps: tuple[RouteStep, ...]
    # What makes this route different, as (code, value) pairs: ("fastest", None),
    # ("via", qualification id), ("paid", None), ... ; worded by explain.route_label.
    label: tuple[tuple[str, str | None], ...] = ()
    relaxed: bool = False  # offered although it breaks a credibility rule: nothing else reaches the target
    detours: int = 0  # diplomas on none of the target's metro lines: fewer is better among equals
    months_min: int = field(init=False)
    months_max: int = field(init=False)
    cost_eur: int | None = field(init=False)
    paid: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "months_min", sum(s.months_min for s in self.steps))
        object.__setattr__(self, "months_max", sum(s.months_max for s in self.steps))
        costs = [s.cost_eur for s in self.steps]
        object.__setattr__(self, "cost_eur", None if None in costs else sum(costs))
        object.__setattr__(self, "paid", all(s.paid for s in self.steps))

    @property
    def nodes(self) -> tuple[str, ...]:
        return (self.steps[0].from_id,) + tuple(s.to_id for s in self.steps) if self.steps else ()

    @property
    def learning_steps(self) -> int:
        return sum(1 for s in self.steps if s.kind != ACCESS)

    @property
    def off_ramps(self) -> tuple[str, ...]:
        """Jobs you can already do on the way, in route order."""
        return tuple(dict.fromkeys(f for s in self.steps for f in s.off_ramps))

    @property
    def unpaid_months(self) -> int:
        return sum(s.months_max for s in self.steps if not s.paid)

    def average_pay(self) -> float:
        """Average gross pay per month while learning (unpaid or unknown months count 0)."""
        months = sum(s.months_max for s in self.steps)
        if months == 0:
            return 0.0
        return sum((s.pay_eur_month or 0) * s.months_max for s in self.steps if s.paid) / months

    def signature(self) -> tuple:
        return tuple((s.from_id, s.to_id, s.kind) for s in self.steps)

    def essence(self) -> tuple:
        """What a person would call "the route": the diplomas and certificates and how.

        Two routes with the same essence differ only in passing a job on the way
        (working as helpende between two diplomas, say): not a real alternative.
        """
        return tuple((s.to_id, s.kind) for s in self.steps if s.kind != ACCESS)

    def to_json(self) -> dict:
        from .explain import route_label

        return {
            "steps": [s.to_json() for s in self.steps],
            "months_min": self.months_min,
            "months_max": self.months_max,
            "cost_eur": self.cost_eur,
            "paid": self.paid,
            "label": route_label(self.label),
            "label_codes": [list(part) for part in self.label],
            "off_ramps": list(self.off_ramps),
            "relaxed": self.relaxed,
        }


# --- validation of a query -------------------------------------------------------------


def _check_query(G: nx.MultiDiGraph, query: Query) -> None:
    from .search import closest

    ids = list(query.holds) + [i for i in (query.target, query.via) if i] + sorted(query.avoid)
    for node in ids:
        if node not in G:
            raise UnknownStation(node, closest(node, list(G.nodes)))
    if not query.holds:
        raise ValueError("say where you start: at least one --from")
    regions = G.graph.get("regions", {})
    if query.region is not None and query.region not in regions:
        raise UnknownStation(query.region, closest(query.region, list(regions)))
    if query.group is not None and query.group not in {g.value for g in TargetGroup}:
        raise ValueError(f"unknown group {query.group!r}; choose from {', '.join(g.value for g in TargetGroup)}")
    if query.max_level is not None and query.max_level not in {lvl.value for lvl in Level}:
        raise ValueError(f"unknown level {query.max_level!r}; choose from {', '.join(lvl.value for lvl in Level)}")
    if query.sort not in SORTS:
        raise ValueError(f"unknown sort {query.sort!r}; choose from {', '.join(SORTS)}")
    if query.k < 1:
        raise ValueError("ask for at least one route")
    for name in ("max_months", "hours_per_week"):
        value = getattr(query, name)
        if value is not None and value < 1:
            raise ValueError(f"{name.replace('_', '-')} must be at least 1")
    if query.hours_per_week is not None and query.hours_per_week > 80:
        raise ValueError("hours-per-week must be at most 80")
    if query.age is not None and not 12 <= query.age <= 99:
        raise ValueError("age must be between 12 and 99")


def assumed_holds(G: nx.MultiDiGraph, holds: Iterable[str]) -> tuple[str, ...]:
    """What the planner starts from: ``holds`` plus, for previous work named without
    any diploma, the diploma that work usually comes with (``usual_start`` in the data).

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("winkel", kind="start", admits=None, previous_work=True, usual_start="mbo-2-andere-sector")
    >>> G.add_node("mbo-2-andere-sector", kind="start", admits="mbo-4")
    >>> assumed_holds(G, ["winkel"])
    ('winkel', 'mbo-2-andere-sector')
    """
    holds = tuple(dict.fromkeys(holds))
    if any(G.nodes[h].get("admits") or G.nodes[h].get("kind") != "start" for h in holds if h in G):
        return holds
    extra = [G.nodes[h].get("usual_start") for h in holds if h in G and G.nodes[h].get("previous_work")]
    return holds + tuple(x for x in dict.fromkeys(extra) if x and x in G and x not in holds)


# --- edge costs and filters ------------------------------------------------------------


def step_months(data: dict, hours_per_week: int | None) -> tuple[int, int]:
    """How long a step takes (min, max months) with this many hours a week.

    The one place durations come from: with fewer hours than the step is planned
    for, it takes proportionally longer (rounded up to whole months).

    >>> step_months({"months_min": 12, "months_max": 24, "hours_per_week": 24}, 16)
    (18, 36)
    >>> step_months({"months_min": 12, "months_max": 24, "hours_per_week": 24}, None)
    (12, 24)
    """
    low, high = data["months_min"], data["months_max"]
    needed = data.get("hours_per_week")
    if hours_per_week and needed and hours_per_week < needed:
        factor = needed / hours_per_week
        low, high = math.ceil(low * factor), math.ceil(high * factor)
    return low, high


def _months(data: dict, query: Query) -> tuple[int, int]:
    return step_months(data, query.hours_per_week)


_RANK = {level.value: rank for level, rank in LEVEL_RANK.items()}
_MBO_TOP = _RANK["mbo-4"]


def _rank(level: str | None) -> int:
    return _RANK[level] if level else 0


def _weight(G: nx.MultiDiGraph, query: Query) -> Callable[[str, str, dict], int | None]:
    """The cost of an edge ``u -> v`` for this query, or ``None`` when the query rules it out.

    One integer orders routes the way the chosen sort asks; ties on the main
    criterion fall to the next ones, then to one unit per step. (NetworkX's
    convention: a weight function returning ``None`` hides the edge.)
    """
    paid_only, region, avoid, sort = query.paid_only, query.region, query.avoid, query.sort
    max_rank = _RANK[query.max_level] if query.max_level else None
    hours, age = query.hours_per_week, query.age
    node_attrs = G._node  # the raw dict: the public view costs more than the lookup
    off_line = _off_line(G, query.target)

    def weight(u: str, v: str, d: dict) -> int | None:
        if paid_only and not d["paid"]:
            return None
        if v in avoid:
            return None
        if d["regions"] and region not in d["regions"]:
            return None  # a regional step: only for people who say they live there
        if max_rank is not None:
            level = node_attrs[v]["level"]
            if level and _RANK[level] > max_rank:
                return None
        if age is not None and ((d.get("min_age") or 0) > age or (node_attrs[v].get("min_age") or 0) > age):
            return None
        if hours:
            if (d.get("min_hours_per_week") or 0) > hours:
                return None
            low, high = step_months(d, hours)
        else:
            low, high = d["months_min"], d["months_max"]
        tie = 1 + off_line(v)  # among equals, a diploma on one of the target's metro lines comes first
        if sort == "fastest":
            return high * 1_000_000 + low * 1_000 + tie
        if sort == "fewest-steps":
            return (0 if d["kind"] in (ACCESS, ADMISSION) else 1_000_000_000) + high * 1_000 + tie
        if sort == "earn-most":
            return (0 if d["paid"] else high) * 1_000_000 + high * 1_000 + tie
        # cheapest: first as few steps of unknown cost as possible, then the lowest known cost
        unknown = d["cost_eur"] is None and d["kind"] not in (ACCESS, ADMISSION)
        return unknown * 10**15 + (d["cost_eur"] or 0) * 1_000_000 + high * 1_000 + tie

    weight.region = region  # type: ignore[attr-defined]  # the searches skip stations of other regions
    return weight


def _off_line(G: nx.MultiDiGraph, target: str | None) -> Callable[[str], int]:
    """1 for a diploma that is not :func:`related` to the target, else 0 (memoised per query)."""
    nodes = G._node
    memo: dict[str, int] = {}

    def off(node: str) -> int:
        if node not in memo:
            memo[node] = int(nodes[node]["kind"] == "qualification" and node != target and not related(G, node, target))
        return memo[node]

    return off


def _direct_rank(G: nx.MultiDiGraph, holds: Iterable[str]) -> int:
    """The highest level of education what the person holds admits to (as a rank)."""
    return max((_rank(G.nodes[h].get("admits")) for h in holds), default=0)


# --- keeping a regional question regional ----------------------------------------------

_ANYWHERE = object()  # a weight function without a region: no station is skipped
_UNKNOWN = object()


class _Regions:
    """Per graph: which stations a person in a region may enter, and what each may see of its neighbours.

    A station whose every incoming step is regional (a regional copy's diploma, say)
    can be entered only by a person who names one of those regions: :func:`_weight`
    rules out every step into it for anyone else. The searches therefore skip such
    stations for a person elsewhere without looking at their steps — the same
    answer, but the shared admission hubs and starts no longer spread every
    search over every region's programmes. Built lazily, per station reached;
    the graph must not change after a search on it (build a new one, or copy it).
    What is kept is mostly untracked by the garbage collector (tuples of strings,
    the graph's own dicts), so it does not slow Python's full collections down.
    """

    def __init__(self, G: nx.MultiDiGraph):
        self.pred = G._pred
        self.entry: dict[str, tuple[str, ...] | None] = {}
        self.views: dict[tuple[int, str | None], _View] = {}
        self.splits: dict[tuple[int, str], tuple[dict, dict[str, dict]]] = {}  # stations with many neighbours
        self.plain: dict[int, dict[str, dict]] = {}  # per adjacency: stations whose every neighbour anyone may enter
        self.mixed: set[tuple[int, str]] = set()  # stations with a neighbour some may not enter

    def entry_regions(self, v: str) -> tuple[str, ...] | None:
        """The regions from which ``v`` can be entered, or None when a national step leads there."""
        found = self.entry.get(v, _UNKNOWN)
        if found is not _UNKNOWN:
            return found
        regions: set[str] = set()
        found = None
        for edges in self.pred[v].values():
            for data in edges.values():
                if not data["regions"]:
                    break
                regions.update(data["regions"])
            else:
                continue
            break
        else:
            found = tuple(sorted(regions)) if regions else None
        self.entry[v] = found
        return found

    def split(self, adjacency, u: str) -> tuple[dict, dict[str, dict]]:
        """The neighbours of ``u`` as (anyone may enter them, {region: only from there}), once per station."""
        key = (id(adjacency), u)
        if key not in self.splits:
            national: dict = {}
            regional: dict[str, dict] = {}
            for v, edges in adjacency[u].items():
                regions = self.entry_regions(v)
                if regions is None:
                    national[v] = edges
                else:
                    for region in regions:
                        regional.setdefault(region, {})[v] = edges
            self.splits[key] = (national, regional)
        return self.splits[key]

    def view(self, adjacency, region: str | None) -> _View:
        key = (id(adjacency), region)
        if key not in self.views:
            self.views[key] = _View(self, adjacency, region)
        return self.views[key]

    def skips(self, v: str, region: str | None) -> bool:
        regions = self.entry_regions(v)
        return regions is not None and region not in regions


class _View(dict):
    """station -> its neighbours a person in ``region`` may enter, filled on demand (:meth:`get`):
    the graph's own dict when that is all of them (nearly always: then kept once for every region,
    in ``plain``), else a smaller copy (a hub shared by regions)."""

    def __init__(self, regions: _Regions, adjacency, region: str | None):
        super().__init__()
        self.regions, self.adjacency, self.region = regions, adjacency, region
        self.plain = regions.plain.setdefault(id(adjacency), {})

    def neighbours(self, u: str) -> dict:
        """As ``self[u]``: the lookups a search makes, plain stations first."""
        found = self.plain.get(u)
        if found is None:
            found = self.get(u)
            if found is None:
                found = self[u]
        return found

    def __missing__(self, u: str) -> dict:
        every = self.adjacency[u]
        index = self.regions
        key = (id(self.adjacency), u)
        if key not in index.mixed:
            known, entry = index.entry, index.entry_regions
            for v in every:
                if (known[v] if v in known else entry(v)) is not None:
                    index.mixed.add(key)
                    break
            else:
                self.plain[u] = every  # the same for every region: kept once
                return every
        region = self.region
        if len(every) < _FAN_OUT:
            entry = self.regions.entry_regions
            kept = {v: edges for v, edges in every.items() if (regions := entry(v)) is None or region in regions}
        else:  # a hub or start shared by regions: sort its neighbours by region once, not per region
            national, regional = self.regions.split(self.adjacency, u)
            kept = {**national, **regional[region]} if region in regional else national
        found = self[u] = every if len(kept) == len(every) else kept
        return found


_FAN_OUT = 64  # from this many neighbours on, a station's neighbours are sorted by region once


_REGION_INDEX: WeakKeyDictionary = WeakKeyDictionary()


def _index(G: nx.MultiDiGraph) -> _Regions:
    index = _REGION_INDEX.get(G)
    if index is None:
        index = _REGION_INDEX[G] = _Regions(G)
    return index


def _neighbours(G: nx.MultiDiGraph, adjacency, weight) -> _View | None:
    """For the searches: per station, the neighbours to walk; None when every neighbour counts."""
    region = getattr(weight, "region", _ANYWHERE)
    if region is _ANYWHERE:
        return None
    return _index(G).view(adjacency, region)


# --- the two searches ------------------------------------------------------------------

# The searches stop at this many times the cost of the best route: no alternative
# can be further off (the "bounded stretch" of alternative-route planners).
STRETCH = 2


def _search(
    G: nx.MultiDiGraph,
    adjacency,
    sources: Iterable[str],
    weight: Callable[[str, str, dict], int | None],
    *,
    forward: bool,
    blocked: frozenset[str] = frozenset(),
    terminal: frozenset[str] = frozenset(),
    target: str | None = None,
    bound: int | None = None,
) -> tuple[dict[str, int], dict[str, tuple[str, str]]]:
    """Dijkstra from ``sources``; returns distances and, per node, the edge (other end, key) used.

    ``adjacency`` is the graph's raw dict of dicts (``G._succ``, or ``G._pred`` to walk
    edges against their direction), as NetworkX's own algorithms use it: the public
    views cost more than the search itself.
    ``blocked`` nodes are never entered; ``terminal`` nodes are reached but not passed through.
    The search stops past ``bound``, or past ``STRETCH`` times the distance of ``target``
    once that is known. Ties are broken by node id, so the answer never depends on insertion order.
    Stations only a person in another region can enter are skipped (:class:`_Regions`), but
    ``terminal`` stations never are (a backward search must reach what the person holds).
    """
    view = _neighbours(G, adjacency, weight)
    skipped = [h for h in terminal if view.regions.skips(h, view.region)] if view is not None else []
    dist: dict[str, int] = {}
    via: dict[str, tuple[str, str]] = {}
    seen: dict[str, int] = {}
    heap: list = []
    tie = count()
    for s in sorted(set(sources)):
        seen[s] = 0
        heapq.heappush(heap, (0, s, next(tie)))
    while heap:
        d, u, _ = heapq.heappop(heap)
        if u in dist:
            continue
        if bound is not None and d > bound:
            break
        dist[u] = d
        if u == target:
            bound = d * STRETCH if bound is None else min(bound, d * STRETCH)
        if u in terminal and d > 0:
            continue
        out = view.neighbours(u) if view is not None else adjacency[u]
        if skipped:
            out = {**out, **{h: adjacency[u][h] for h in skipped if h in adjacency[u]}}
        for v, edges in out.items():
            if v in dist or v in blocked:
                continue
            for key, data in edges.items():
                w = weight(u, v, data) if forward else weight(v, u, data)
                if w is None:
                    continue
                nd = d + w
                old = seen.get(v)
                if old is None or nd < old or (nd == old and (u, key) < via[v]):
                    seen[v] = nd
                    via[v] = (u, key)
                    heapq.heappush(heap, (nd, v, next(tie)))
    return dist, via


State = tuple[str, int]  # (node, highest qualification rank gained on the way)


@dataclass
class _Forward:
    """The forward search: per node its best distance and state, per state the edge used."""

    dist: dict[str, int]
    state: dict[str, State]
    via: dict[State, tuple[State, str]]

    def path(self, node: str) -> list[tuple[str, str, str]]:
        edges = []
        state = self.state[node]
        while state in self.via:
            prev, key = self.via[state]
            edges.append((prev[0], state[0], key))
            state = prev
        return edges[::-1]


def _forward(
    G: nx.MultiDiGraph,
    sources: Iterable[str],
    weight: Callable[[str, str, dict], int | None],
    *,
    strict: bool,
    blocked: frozenset[str] = frozenset(),
    target: str | None = None,
    bound: int | None = None,
    stop_at_target: bool = False,
) -> _Forward:
    """Dijkstra forward from ``sources`` that keeps to the credibility rules when ``strict``.

    The state of a label is the node and the highest qualification level gained
    so far: entering a lower qualification is a level dip and not allowed; leaving
    a gained diploma or certificate through an admission hub (an entry ticket) is
    allowed only when the sources do not admit to that level already. A node keeps
    at most one label per level (8), so the search stays linear in the graph.
    Stations only a person in another region can enter are skipped (:class:`_Regions`).
    With ``stop_at_target`` the search ends once the target's best route is known.
    """
    sources = sorted(set(sources))
    held = frozenset(sources)
    direct = _direct_rank(G, sources)
    nodes = G._node
    succ = G._succ
    view = _neighbours(G, succ, weight)
    stop = frozenset(blocked) | held
    settled: dict[State, int] = {}
    best: dict[str, int] = {}
    best_state: dict[str, State] = {}
    via: dict[State, tuple[State, str]] = {}
    seen: dict[State, int] = {}
    heap: list = []
    tie = count()
    for s in sources:
        state = (s, 0)
        seen[state] = 0
        heapq.heappush(heap, (0, state, next(tie)))
    while heap:
        d, state, _ = heapq.heappop(heap)
        if state in settled:
            continue
        if bound is not None and d > bound:
            break
        settled[state] = d
        u, floor = state
        if u in best:
            if best[u] <= d and floor >= best_state[u][1]:
                continue  # dominated: reached sooner with no higher floor
        else:
            best[u] = d
            best_state[u] = state
            if u == target:
                if stop_at_target:
                    break
                bound = d * STRETCH if bound is None else min(bound, d * STRETCH)
        gained = u not in held and nodes[u]["kind"] in _HOLDABLE
        for v, edges in (view.neighbours(u) if view is not None else succ[u]).items():
            if v in stop:
                continue
            attrs = nodes[v]
            new_floor = floor
            # A diploma gained on the way used as an entry ticket where the person is admitted already:
            no_tickets = strict and gained and direct >= _needed_rank(attrs)
            if strict and attrs["kind"] == "qualification":
                rank = _rank(attrs["level"])
                if rank < floor:
                    continue  # a level dip
                new_floor = max(floor, rank)
            nstate = (v, new_floor)
            if nstate in settled:
                continue
            for key, data in edges.items():
                if no_tickets and data["kind"] in _TICKET_KINDS:
                    continue
                w = weight(u, v, data)
                if w is None:
                    continue
                nd = d + w
                old = seen.get(nstate)
                if old is None or nd < old or (nd == old and (state, key) < via[nstate]):
                    seen[nstate] = nd
                    via[nstate] = (state, key)
                    heapq.heappush(heap, (nd, nstate, next(tie)))
    return _Forward(best, best_state, via)


def _tree_path(via: dict[str, tuple[str, str]], node: str, *, forward: bool) -> list[tuple[str, str, str]]:
    """The edges (u, v, key) from the search's source to ``node`` (forward) or from ``node`` on (backward)."""
    path = []
    while node in via:
        other, key = via[node]
        path.append((other, node, key) if forward else (node, other, key))
        node = other
    return path[::-1] if forward else path


_HOLDABLE = frozenset({"qualification", "certificate"})
_TICKET_KINDS = frozenset({ADMISSION} | {k.value for k in REGULAR_STEP_KINDS})


def _is_ticket_edge(data: dict) -> bool:
    """Does leaving a diploma by this edge use it only for its level (regular programme or admission)?"""
    return data["kind"] in _TICKET_KINDS


def _needed_rank(attrs: dict) -> int:
    """The level of education one must be admitted to for entering this node by a regular programme."""
    if attrs["kind"] == ADMISSION:
        # A hub of the mbo band leads only to mbo programmes: whoever is admitted to mbo-4 may enter them all.
        rank = attrs.get("rank", 0)
        return min(rank, _MBO_TOP) if attrs.get("band") == "mbo" else rank
    return _rank(attrs.get("level"))


def tickets(G: nx.MultiDiGraph, route: Route, holds: Iterable[str]) -> tuple[str, ...]:
    """Diplomas and certificates gained on a route and then used only as an entry ticket."""
    held = set(holds)
    found = []
    for step in route.steps:
        u = step.from_id
        if u in held or G.nodes[u]["kind"] not in _HOLDABLE:
            continue
        if step.admission is not None or step.kind in _TICKET_KINDS:
            found.append(u)
    return tuple(found)


def related(G: nx.MultiDiGraph, node: str, target: str | None) -> bool:
    """Do two stations lie on one metro line (one career path)? Entree is related to everything."""
    if G._node[node].get("level") == "mbo-1":
        return True  # Entree: the general first diploma for everyone without one
    lines = G.graph.get("lines_of", {})
    return bool(lines.get(node, set()) & lines.get(target, set()))


def _credible(
    G: nx.MultiDiGraph, path: Iterable[tuple[str, str, str]], holds: frozenset[str], ticket_cost=None
) -> bool:
    """Does an edge path keep to the rules (no level dip, entry tickets only where needed)?

    ``ticket_cost`` (weight function and the forward distances) also demands that
    an entry ticket is the quickest way to its admission.
    """
    direct = _direct_rank(G, holds)
    floor = cost = 0
    for u, v, key in path:
        attrs = G.nodes[v]
        data = G.edges[u, v, key]
        if u not in holds and G.nodes[u]["kind"] in _HOLDABLE and _is_ticket_edge(data):
            if direct >= _needed_rank(attrs):
                return False
            if attrs["kind"] == ADMISSION and ticket_cost is not None and cost > ticket_cost[1].get(v, math.inf):
                return False
        if attrs["kind"] == "qualification" and v not in holds:
            rank = _rank(attrs["level"])
            if rank < floor:
                return False
            floor = max(floor, rank)
        if ticket_cost is not None:
            cost += ticket_cost[0](u, v, data) or 0
    return True


def _candidates(
    G, query: Query, sources: tuple[str, ...], target: str, limit: int, *, strict: bool
) -> list[list[tuple]]:
    """Up to ``limit`` simple edge paths sources -> target, best first (via-node alternatives)."""
    weight = _weight(G, query)
    avoid = frozenset(query.avoid)
    # Sorted by time, nothing beyond the time limit can be an answer: stop there.
    horizon = (query.max_months + 1) * 1_000_000 if query.max_months and query.sort == "fastest" else None
    fwd = _forward(G, sources, weight, strict=strict, blocked=avoid, target=target, bound=horizon)
    if target not in fwd.dist:
        return []
    # Held stations are starting points, never stops halfway; the same for avoided ones.
    held = frozenset(sources)
    bound = fwd.dist[target] * STRETCH
    back_dist, back_via = _search(
        G, G._pred, [target], weight, forward=False, blocked=avoid, terminal=held - {target}, bound=bound
    )
    order = sorted(
        (fwd.dist[v] + back_dist[v], v) for v in fwd.dist if v in back_dist and (v == target or v not in sources)
    )
    paths: list[list[tuple]] = [fwd.path(target)]
    seen: set[tuple] = {tuple(paths[0])}
    for _, v in order:
        path = fwd.path(v) + _tree_path(back_via, v, forward=False)
        nodes = [path[0][0]] + [e[1] for e in path] if path else []
        if not path or len(set(nodes)) != len(nodes) or any(n in sources for n in nodes[1:]):
            continue
        signature = tuple(path)
        if signature in seen:
            continue
        seen.add(signature)
        if strict and not _credible(G, path, held, (weight, fwd.dist)):
            continue
        paths.append(path)
        if len(paths) >= limit:
            break
    return paths


def _kind_variants(G, query: Query, path: list[tuple]) -> Iterable[list[tuple]]:
    """The same stations with another kind of step for one hop (e.g. BOL instead of BBL)."""
    weight = _weight(G, query)
    for i, (u, v, key) in enumerate(path):
        kind = G.edges[u, v, key]["kind"]
        for other_key, data in sorted(G.succ[u][v].items()):
            if other_key != key and data["kind"] != kind and weight(u, v, data) is not None:
                yield path[:i] + [(u, v, other_key)] + path[i + 1 :]


# --- from edge paths to routes ---------------------------------------------------------


def route_programmes(G: nx.MultiDiGraph, step_id: str | None, to_id: str, query: Query) -> tuple[str, ...]:
    """Running programmes in the person's region (or national) that support a step.

    Without a region only national programmes are listed; with a group, only
    programmes meant for that group (or for everyone).
    """
    programmes = G.graph.get("programmes", {})
    index = G.graph.get("programmes_by_support") or programme_index(programmes)
    found = []
    for pid in sorted(set(index.get(step_id, ())) | set(index.get(to_id, ()))):
        p = programmes[pid]
        if p["status"] == "running" and fits(p["regions"], p["target_groups"], query.region, query.group):
            found.append(pid)
    return tuple(found)


def _off_ramps(G: nx.MultiDiGraph, node: str, query: Query, exclude: set[str]) -> tuple[str, ...]:
    """Jobs that holding ``node`` already lets you do (the node itself when it is a job)."""
    attrs = G._node  # the raw dict: the public view costs more than the lookup
    if attrs[node]["kind"] == "function":
        return () if node in exclude else (node,)
    if attrs[node]["kind"] not in ("qualification", "certificate"):
        return ()
    found = []
    for w, edges in sorted(G._succ[node].items()):
        if w in exclude or attrs[w]["kind"] != "function":
            continue
        if query.age is not None and (attrs[w].get("min_age") or 0) > query.age:
            continue
        if any(e["kind"] == ACCESS for e in edges.values()):
            found.append(w)
    return tuple(found)


def _route(G: nx.MultiDiGraph, path: list[tuple], query: Query, *, full: bool = True) -> Route:
    """The route along an edge path. Without ``full``, a light route: the same steps, durations,
    costs and order (:func:`sort_key`), but without explanations, programmes and off-ramps —
    enough to rank candidates; only the routes shown are built in full."""
    succ = G._succ
    steps = []
    listed: set[str] = set()  # a programme is named once, at the first step it helps with
    entry = None  # (holder, key) while passing an admission hub: "holder -> hub -> v" is one step
    exclude = set(query.holds) | {query.target}
    ramps_seen: set[str] = set()
    for u, v, key in path:
        data = succ[u][v][key]
        if data["kind"] == ADMISSION:
            entry = (u, key)
            continue
        admission = None
        language = data.get("language")
        if entry is not None:
            holder, hub_key = entry
            admission, u, entry = (u, hub_key), holder, None
            language = _entry_language(G, holder, v, language)
        low, high = _months(data, query)
        if full:
            programmes = tuple(p for p in route_programmes(G, data["step"], v, query) if p not in listed)
            listed.update(programmes)
            ramps = tuple(f for f in _off_ramps(G, v, query, exclude | ramps_seen) if data["kind"] != ACCESS)
            ramps_seen.update(ramps)
            why = explain_step(G, u, v, data)
        else:
            programmes = ramps = ()
            why = ""
        steps.append(
            RouteStep(
                from_id=u,
                to_id=v,
                key=key,
                step_id=data["step"],
                kind=data["kind"],
                months_min=low,
                months_max=high,
                paid=data["paid"],
                cost_eur=data["cost_eur"],
                cost_note=data.get("cost_note"),
                pay_eur_month=data.get("pay_eur_month") if data["paid"] else None,
                programmes=programmes,
                why=why,
                regions=tuple(data["regions"]),
                conditions=tuple(data.get("conditions", ())),
                sources=tuple(data.get("sources", ())),
                admission=admission,
                min_age=data.get("min_age"),
                min_hours_per_week=data.get("min_hours_per_week"),
                vog=bool(data.get("vog")),
                language=language,
                off_ramps=ramps,
            )
        )
    off = _off_line(G, query.target)
    return Route(tuple(steps), detours=sum(off(s.to_id) for s in steps))


_LANGUAGE_ORDER = ("A2", "B1", "B2", "C1")


def _entry_language(G: nx.MultiDiGraph, holder: str, target: str, language: str | None) -> str | None:
    """The Dutch level a programme entered by level asks: the step's own, or more for a foreign diploma.

    A school admits someone with a valued foreign diploma only with Dutch at NT2 level
    (B1 for mbo, B2 for hbo: staatsexamensnt2.nl); the start says which (``study_language``).
    """
    wanted = G.nodes[holder].get("study_language") or {}
    band = "hbo" if _rank(G.nodes[target].get("level")) >= LEVEL_RANK[Level.AD] else "mbo"
    needed = wanted.get(band)
    if needed is None:
        return language
    if language is None:
        return needed
    return max(language, needed, key=_LANGUAGE_ORDER.index)


class _Candidate:
    """A route found by the search: ranked by its light form, built in full only when it may be shown."""

    __slots__ = ("light", "_build", "_full")

    def __init__(self, light: Route, build: Callable[[], Route]):
        self.light = light
        self._build = build
        self._full: Route | None = None

    def full(self) -> Route:
        if self._full is None:
            self._full = self._build()
        return self._full


def _candidate(G: nx.MultiDiGraph, path: list[tuple], query: Query) -> _Candidate:
    return _Candidate(_route(G, path, query, full=False), partial(_route, G, path, query))


def _joined(first: _Candidate, second: _Candidate) -> Route:
    return Route(first.full().steps + second.full().steps)


def _unknown_costs(route: Route) -> int:
    return sum(1 for s in route.steps if s.cost_eur is None and s.kind != ACCESS)


def _cost(route: Route) -> int:
    return route.cost_eur if route.cost_eur is not None else sum(s.cost_eur or 0 for s in route.steps)


class _Totals(NamedTuple):
    """What ranks a route (:func:`sort_key`), without the route: summed step by step."""

    months_min: int = 0
    months_max: int = 0
    paid: bool = True
    unknown_costs: int = 0  # learning steps of unknown cost
    cost: int = 0  # the known costs
    unpaid_months: int = 0
    pay_months: int = 0  # pay per month times months, over the paid steps
    learning_steps: int = 0
    detours: int = 0
    steps: int = 0

    def then(self, low: int, high: int, data: dict, off: int) -> _Totals:
        """These totals followed by one more step (``data``: the step's edge, ``off``: 1 for a detour)."""
        paid, learning = data["paid"], data["kind"] != ACCESS
        return _Totals(
            self.months_min + low,
            self.months_max + high,
            self.paid and paid,
            self.unknown_costs + (data["cost_eur"] is None and learning),
            self.cost + (data["cost_eur"] or 0),
            self.unpaid_months + (0 if paid else high),
            self.pay_months + ((data.get("pay_eur_month") or 0) * high if paid else 0),
            self.learning_steps + learning,
            self.detours + off,
            self.steps + 1,
        )

    def average_pay(self) -> float:
        return self.pay_months / self.months_max if self.months_max else 0.0


def _totals(route: Route) -> _Totals:
    return _Totals(
        route.months_min,
        route.months_max,
        route.paid,
        _unknown_costs(route),
        _cost(route),
        route.unpaid_months,
        sum((s.pay_eur_month or 0) * s.months_max for s in route.steps if s.paid),
        route.learning_steps,
        route.detours,
        len(route.steps),
    )


def _order(t: _Totals, query: Query) -> tuple:
    """:func:`sort_key` but for the route's signature, from its totals."""
    sort = query.sort
    if sort == "fastest":
        main: tuple = (t.months_max, t.months_min)
    elif sort == "fewest-steps":
        main = (t.learning_steps, t.months_max)
    elif sort == "cheapest":
        main = (t.unknown_costs, t.cost, t.months_max)
    else:  # earn-most
        main = (t.unpaid_months, t.months_max, -round(t.average_pay()))
    first = (0 if t.paid else 1,) if query.group in ADULT_GROUPS else ()
    return first + main + (t.detours, t.learning_steps, t.months_min, t.steps)


def sort_key(route: Route, query: Query) -> tuple:
    """How routes are ordered for a query (see the module docstring)."""
    return _order(_totals(route), query) + (route.signature(),)


def _meets_totals(months_max: int, paid: bool, query: Query) -> bool:
    if query.max_months is not None and months_max > query.max_months:
        return False
    return not (query.paid_only and not paid)


def _meets(route: Route, query: Query) -> bool:
    if not _meets_totals(route.months_max, route.paid, query):
        return False
    if query.via and query.via not in route.nodes:
        return False
    return not (set(route.nodes) & query.avoid)


def _features(G: nx.MultiDiGraph, route: Route) -> dict[str, set]:
    learning = [s for s in route.steps if s.kind != ACCESS]
    return {
        "kinds": {s.kind for s in learning},
        "stations": {s.to_id for s in learning if G.nodes[s.to_id]["kind"] in ("qualification", "certificate")},
        "programmes": {p for s in route.steps for p in s.programmes},
    }


def _difference(G: nx.MultiDiGraph, alt: Route, best: Route, query: Query) -> tuple[tuple[str, str | None], ...]:
    """What a person would call the difference between ``alt`` and ``best``, most telling first."""
    a, b = _features(G, alt), _features(G, best)
    parts: list[tuple[str, str | None]] = []
    new_kinds = a["kinds"] - b["kinds"]
    if ADMISSION_TEST in new_kinds:
        parts.append(("admission-test", None))
    if alt.paid and not best.paid:
        parts.append(("paid", None))
    elif "bbl" in new_kinds or "duaal" in new_kinds:
        parts.append(("work-learn", None))
    if new_kinds & {"verkort", "evc"}:
        parts.append(("shortened", None))
    if "bol" in new_kinds or "voltijd" in new_kinds:
        parts.append(("school", None))
    if "deeltijd" in new_kinds:
        parts.append(("part-time", None))
    unnamed = {t for t in tickets(G, alt, query.holds) if not related(G, t, query.target)}
    new_stations = [s.to_id for s in alt.steps if s.to_id in a["stations"] - b["stations"] - unnamed]
    if new_stations:
        parts.append(("via", G.nodes[new_stations[0]]["name"]))
    new_programmes = sorted(a["programmes"] - b["programmes"])
    if new_programmes:
        parts.append(("programme", _programme_name(G, new_programmes[0])))
    return tuple(parts)


def _programme_name(G: nx.MultiDiGraph, pid: str) -> str:
    return G.graph.get("programmes", {}).get(pid, {}).get("name", pid)


def _best_label(G: nx.MultiDiGraph, route: Route, query: Query) -> tuple[tuple[str, str | None], ...]:
    parts: list[tuple[str, str | None]] = [(query.sort, None)]  # the sort's name is its label code
    features = _features(G, route)
    if route.paid and features["kinds"]:
        parts.append(("paid", None))
    if ADMISSION_TEST in features["kinds"]:
        parts.append(("admission-test", None))
    if features["programmes"]:
        parts.append(("programme", _programme_name(G, sorted(features["programmes"])[0])))
    return tuple(parts)


def _pick(G: nx.MultiDiGraph, candidates: list[_Candidate], query: Query, *, relaxed: bool = False) -> list[Route]:
    """The best route and up to k-1 alternatives a person would recognise as different.

    Candidates are ranked and checked by their light form; only the best and the
    alternatives that come up for a label are built in full.
    """
    best_per_essence: dict[tuple, _Candidate] = {}
    for cand in sorted((c for c in candidates if _meets(c.light, query)), key=lambda c: sort_key(c.light, query)):
        best_per_essence.setdefault(cand.light.essence(), cand)
    ranked = list(best_per_essence.values())
    if not ranked:
        return []
    best = ranked[0].full()
    chosen = [replace(best, label=_best_label(G, best, query), relaxed=relaxed)]
    middle = (best.months_min + best.months_max) / 2
    limit = max(middle * ALTERNATIVE_STRETCH, middle + ALTERNATIVE_SLACK)
    labels = set()
    # Among alternatives, sure ways come before ways through an admission test you may fail.
    rest = sorted(ranked[1:], key=lambda c: any(s.kind == ADMISSION_TEST for s in c.light.steps))
    for cand in rest:
        if len(chosen) >= query.k:
            break
        light = cand.light
        if (light.months_min + light.months_max) / 2 > limit:
            continue
        if any(t not in best.nodes and not related(G, t, query.target) for t in tickets(G, light, query.holds)):
            continue  # a detour through a diploma that has nothing to do with the goal
        route = cand.full()
        label = _difference(G, route, best, query)[:2]  # the two most telling differences are shown
        if not label or label in labels:
            continue  # no difference a person would name, or the same one as an alternative already shown
        labels.add(label)
        chosen.append(replace(route, label=label, relaxed=relaxed))
    chosen = [replace(r, label=r.label + _caveats(r, query)) for r in chosen]
    return chosen


def _caveats(route: Route, query: Query) -> tuple[tuple[str, str | None], ...]:
    """What every route must say of itself: an admission test you may fail, a minimum age you may not have."""
    parts: tuple[tuple[str, str | None], ...] = ()
    if any(s.kind == ADMISSION_TEST for s in route.steps) and ("admission-test", None) not in route.label:
        parts += (("admission-test", None),)
    if query.age is None:
        parts += _age_label(route)
    return parts


def _age_label(route: Route) -> tuple[tuple[str, str | None], ...]:
    ages = [s.min_age for s in route.steps if s.min_age]
    return (("age", str(max(ages))),) if ages else ()


def _segment_routes(G, query: Query, sources: tuple[str, ...], target: str, *, strict: bool) -> list[_Candidate]:
    limit = max(8, 4 * query.k)
    paths = _candidates(G, query, sources, target, limit, strict=strict)
    if query.max_months is not None and query.sort != "fastest":
        # The cheapest routes may all be too long: the fastest ones keep a route in
        # sight whenever one fits the time limit.
        paths += _candidates(G, replace(query, sort="fastest"), sources, target, query.k, strict=strict)
    held = frozenset(sources)
    variants = [
        v for p in paths[: query.k] for v in _kind_variants(G, query, p) if not strict or _credible(G, v, held)
    ]
    return [_candidate(G, p, query) for p in paths + variants]


def _find_routes(G: nx.MultiDiGraph, query: Query) -> list[Route]:
    for strict in (True, False):
        # Strict first; only when nothing keeps to the rules (the job asks for a
        # lower diploma and nothing else leads there) are the rules relaxed.
        found = _find_routes_once(G, query, strict=strict)
        if found:
            return found if strict else [replace(r, relaxed=True) for r in found]
    return []


def _find_routes_once(G: nx.MultiDiGraph, query: Query, *, strict: bool) -> list[Route]:
    holds = tuple(query.holds)
    if query.via is None or query.via in query.holds:
        return _pick(G, _segment_routes(G, replace(query, via=None), holds, query.target, strict=strict), query)
    # The fastest halves too: the best halves by another sort may block every second half.
    sorts = [query.sort] + (["fastest"] if query.sort != "fastest" else [])
    combined = []
    for sort in sorts:
        free = replace(query, via=None, max_months=None, sort=sort)
        firsts = _segment_routes(G, free, holds, query.via, strict=strict)
        firsts = {c.light.signature(): c for c in firsts}.values()
        firsts = sorted(firsts, key=lambda c: sort_key(c.light, free))[: query.k + 2]
        for a in firsts:
            # The second half may not pass the stations of the first half again.
            rest = replace(free, avoid=free.avoid | set(holds) | (set(a.light.nodes) - {query.via}))
            if query.target in rest.avoid:
                continue
            for b in _segment_routes(G, rest, (query.via,), query.target, strict=False):
                route = Route(a.light.steps + b.light.steps)
                if not strict or _credible(G, (e for s in route.steps for e in s.edges()), frozenset(holds)):
                    combined.append(_Candidate(route, partial(_joined, a, b)))
    return _pick(G, combined, query)


def plan(G: nx.MultiDiGraph, query: Query) -> list[Route]:
    """The best route from ``query.holds`` to ``query.target`` and up to ``query.k - 1`` alternatives.

    Raises :class:`UnknownStation` for an unknown id (with the nearest ids),
    ``ValueError`` for a bad value, and :class:`NoRoute` when nothing fits —
    its messages say which constraint blocks the way and what to relax.
    Previous work named without a diploma starts from the diploma it usually
    comes with (:func:`assumed_holds`).

    Examples
    --------
    >>> from routes import build_graph, load_dataset
    >>> G = build_graph(load_dataset())
    >>> best = plan(G, Query(holds=("mbo2-helpende-zorg-welzijn",), target="verzorgende-ig"))[0]
    >>> best.nodes[0], best.nodes[-1]
    ('mbo2-helpende-zorg-welzijn', 'verzorgende-ig')
    """
    _check_query(G, query)
    if query.target is None:
        raise ValueError("say where you want to go: --to")
    query = replace(query, holds=assumed_holds(G, query.holds))
    if query.target in query.holds:
        raise NoRoute([f"Je hebt {G.nodes[query.target]['name']} al."])
    routes = _find_routes(G, query)
    if routes:
        return routes
    raise NoRoute(*_why_none(G, query))


def _why_none(G: nx.MultiDiGraph, query: Query) -> tuple[list[str], list[str], list[str]]:
    """Which constraints block the route, found by relaxing them one at a time,
    and in which other regions a route does exist.

    Returns the messages, the names of the constraints that, relaxed alone, help,
    and the regions (ids: the named ones fastest first, then the others) with a route.
    The region is no constraint to relax: whoever names no region gets national
    steps only, and naming a region only adds steps. So a person without a
    region, or in a region without a route, is told which regions have one.
    """
    from .explain import relax_message

    relaxations = {
        "paid_only": dict(paid_only=False),
        "max_months": dict(max_months=None),
        "max_level": dict(max_level=None),
        "avoid": dict(avoid=frozenset()),
        "via": dict(via=None),
        "hours_per_week": dict(hours_per_week=None),
        "age": dict(age=None),
    }
    active = {
        name: change for name, change in relaxations.items() if getattr(query, name) not in (None, False, frozenset())
    }
    regional = _regional_routes(G, query)
    regions = [region for region, _ in regional]
    first = [relax_message(G, query, "region", None, regions=regional)] if regional else []
    everything = replace(query, **{k: v for change in active.values() for k, v in change.items()})
    free = _fastest_route(G, everything) if active else None
    if free is None:
        return first or [relax_message(G, query, "none", None)], [], regions
    messages, blocking = [], []
    for name, change in active.items():
        relaxed = replace(query, **change)
        # The fastest route without any constraint is also the fastest with all but one,
        # when it happens to meet the others: no need to search again.
        reuse = relaxed.hours_per_week is None and _satisfies(G, free, relaxed)
        found = free if reuse else _fastest_route(G, relaxed)
        if found is not None:
            messages.append(relax_message(G, query, name, found))
            blocking.append(name)
    return first + (messages or [relax_message(G, query, "all", free)]), blocking, regions


REGIONS_NAMED = 3  # regions a message names (the fastest); the others are counted
# Steps the search for other regions' routes may look at (backward and forward together): five
# times what the hungriest question on the real data needs (1,873). Beyond it (a national-scale graph, a question
# across the country) a "no route" answer comes without the regions' hint rather than late.
REGION_SEARCH_BUDGET = 10_000


class _TooFar(Exception):
    """The search for other regions' routes spent its budget."""


class _Budget:
    def __init__(self, steps: int) -> None:
        self.left = steps

    def spend(self, steps: int) -> None:
        self.left -= steps
        if self.left < 0:
            raise _TooFar


def _regional_routes(G: nx.MultiDiGraph, query: Query) -> list[tuple[str, Route | None]]:
    """The regions other than ``query.region`` in which the query finds a route: the
    :data:`REGIONS_NAMED` fastest first, each with its fastest route (as :func:`_fastest_route`
    finds it once the person names that region), then the others (by id) with None.

    To be called when the query itself finds no route (nor, then, does one without a region).
    One search (:func:`_region_search`) finds them all; a route is searched again region by
    region only where the one found breaks a credibility rule, or the query has a ``via``.
    """
    if query.target is None:
        return []
    if query.via is not None:
        return _regional_routes_via(G, query)
    try:
        named = None if query.max_months is not None else REGIONS_NAMED
        found = _region_search(G, query, named, _Budget(REGION_SEARCH_BUDGET))
    except _TooFar:
        return []
    if found.national:
        return []  # not expected: a route without a region would have been found
    named: list[tuple[str, Route]] = []
    held = frozenset(query.holds)
    costs = found.costs
    for region in sorted(costs, key=lambda region: (costs[region], region))[:REGIONS_NAMED]:
        there = replace(query, region=region)
        edges = found.path(region)
        route = _route(G, edges, there, full=False) if _credible(G, edges, held) else _fastest_route(G, there)
        if route is not None:
            named.append((region, route))
    rest = sorted((set(costs) | found.others) - {region for region, _ in named})
    return _fastest_first(named) + [(region, None) for region in rest]


def _regional_routes_via(G: nx.MultiDiGraph, query: Query) -> list[tuple[str, Route | None]]:
    """:func:`_regional_routes` for a query with a ``via``: the regions that reach the via station
    and those that reach the target from there (:func:`_region_search`, each half alone) give
    the candidates; each is then asked in full."""
    from .programmes import NATIONAL

    free = replace(query, via=None)
    first = _region_search(G, replace(free, target=query.via))
    second = _region_search(G, replace(free, holds=(query.via,)))
    if first.national and second.national:
        candidates = set(G.graph.get("regions", {})) - {query.region, NATIONAL}
    elif first.national or second.national:
        candidates = set(second.costs if first.national else first.costs)
    else:
        candidates = set(first.costs) & set(second.costs)
    found = []
    for region in sorted(candidates):
        route = _fastest_route(G, replace(query, region=region))
        if route is not None:
            found.append((region, route))
    found = _fastest_first(found)
    return found[:REGIONS_NAMED] + [(region, None) for region, _ in sorted(found[REGIONS_NAMED:])]


def _fastest_first(found: list[tuple[str, Route]]) -> list[tuple[str, Route]]:
    return sorted(found, key=lambda item: (item[1].months_max, item[1].months_min, item[0]))


class _RegionSearch(NamedTuple):
    """What :func:`_region_search` found."""

    costs: dict[str, int]  # region -> cost of its fastest route
    others: set[str]  # regions with a route whose cost was not asked for
    path: Callable[[str], list[tuple[str, str, str]]]  # region -> the edges of that route
    national: bool = False  # the target is reached on national steps (in every region, then)


def _region_search(
    G: nx.MultiDiGraph, query: Query, named: int | None = None, budget: _Budget | None = None
) -> _RegionSearch:
    """The regions (``query.region`` and the national pseudo-region aside) in which a route reaches
    the target: for the ``named`` fastest (None: all), the cost of that route by the fastest sort
    without the credibility rules, and its edges; for the others only that they have one (ask
    for all when the query has ``max_months``: this search cannot tell that without the cost).
    Or that national steps reach the target. Raises :class:`_TooFar` when ``budget`` is spent.

    One Dijkstra whose labels are a station and the region its route has entered ("" while
    it has taken national steps only). A station reached on national steps is not searched
    again for a region, later: from there every region is still open. A station is entered
    only where the target can still be reached from there (:func:`_leads_to`), so a region
    whose route sets foot in it has a route; a region is searched no further than its fastest
    route, and once the ``named`` fastest are known, only national stations are. As
    :func:`_fastest_route`'s first search, it keeps to every other constraint of the query
    except ``via``.
    """
    from .programmes import NATIONAL

    target = query.target
    skip = {query.region, NATIONAL}
    fastest = replace(query, sort="fastest", via=None)
    weights: dict[str, Callable] = {}

    def weight_in(region: str) -> Callable:
        if region not in weights:
            weights[region] = _weight(G, replace(fastest, region=region or None))
        return weights[region]

    avoid = frozenset(query.avoid)
    # Without these, a regional step is ruled out by its region alone: the backward search is exact.
    filtered = query.paid_only or query.max_level or query.age is not None or query.hours_per_week
    budget = budget or _Budget(10**12)
    leads = _leads_to(G, target, avoid, skip, weight_in if filtered else None, budget)
    # What the person holds may be a station only another region's steps lead into: it counts all the same.
    anywhere = leads.anywhere
    sources = sorted(h for h in set(query.holds) - avoid if h in anywhere or not anywhere.isdisjoint(G._succ[h]))
    if not sources:
        return _RegionSearch({}, set(), _no_path)
    ahead, ahead_in = leads.national, leads.regional
    stop = avoid | frozenset(query.holds)
    bound = (query.max_months + 1) * 1_000_000 if query.max_months else None
    succ = G._succ
    national: set[str] = set()
    settled: set[tuple[str, str]] = set()
    seen: dict[tuple[str, str], int] = {}
    via: dict[tuple[str, str], tuple[tuple[str, str], str]] = {}
    costs: dict[str, int] = {}
    entered: set[str] = set()  # regions a route has set foot in
    done = False  # the named regions are known: only national stations are searched on
    tie = count()
    heap = [(0, next(tie), (s, "")) for s in sources]
    heapq.heapify(heap)
    while heap:
        d, _, label = heapq.heappop(heap)
        if label in settled:
            continue
        if bound is not None and d > bound:
            break
        u, region = label
        if region and (done or u in national or region in costs):
            continue  # reached sooner on national steps, with every region still open; or region done
        settled.add(label)
        if u == target:
            if not region:
                return _RegionSearch({}, set(), _no_path, national=True)
            if region not in costs:
                costs[region] = d
                done = named is not None and len(costs) >= named
            continue
        if not region:
            national.add(u)
        budget.spend(len(succ[u]))
        for v, edges in succ[u].items():
            if v in stop or v not in anywhere:
                continue
            for key, data in edges.items():
                regions = data["regions"]
                if not regions:
                    into: tuple[str, ...] = (region,)
                elif region:
                    if region not in regions:
                        continue
                    into = (region,)
                else:
                    into = tuple(r for r in regions if r not in skip)
                # In a region: only where that region (or national steps) still lead to the target.
                into = tuple(
                    r
                    for r in into
                    if not r or (v not in national and r not in costs and (v in ahead or (v, r) in ahead_in))
                )
                if not into:
                    continue
                w = weight_in(into[0])(u, v, data)
                if w is None:
                    continue
                nd = d + w
                for r in into:
                    entered.add(r)
                    nlabel = (v, r)
                    if nlabel in settled:
                        continue
                    old = seen.get(nlabel)
                    if old is None or nd < old:
                        seen[nlabel] = nd
                        via[nlabel] = (label, key)
                        heapq.heappush(heap, (nd, next(tie), nlabel))

    def path(region: str) -> list[tuple[str, str, str]]:
        edges = []
        label = (target, region)
        while label in via:
            prev, key = via[label]
            edges.append((prev[0], label[0], key))
            label = prev
        return edges[::-1]

    entered.discard("")
    return _RegionSearch(costs, entered - set(costs) if named is not None else set(), path)


def _no_path(region: str) -> list[tuple[str, str, str]]:
    return []


class _Leads(NamedTuple):
    """From where the target can be reached (:func:`_leads_to`)."""

    national: set[str]  # stations from which national steps lead there
    regional: set[tuple[str, str]]  # (station, region): that region's steps and national ones lead there
    anywhere: set[str]  # stations of either kind


def _leads_to(
    G: nx.MultiDiGraph,
    target: str,
    avoid: frozenset[str],
    skip: set,
    weight_in: Callable[[str], Callable[[str, str, dict], int | None]] | None,
    budget: _Budget,
) -> _Leads:
    """Backward from ``target``: first over the national steps, then from each station found
    back over a region's steps (and on over national ones), one label per region.

    Breadth-first, no costs. ``weight_in(region)`` gives the query's weight function in a region,
    to leave out the steps it rules out; None when only the region rules a step out. A station
    every step into which is run by other regions is left out for a region (:class:`_Regions`:
    no route there can pass it).
    """
    pred = G._pred
    weight = weight_in("") if weight_in is not None else None
    national = {target}
    todo = [target]
    while todo:
        v = todo.pop()
        budget.spend(len(pred[v]))
        for u, edges in pred[v].items():
            if u in national or u in avoid:
                continue
            if any(not d["regions"] and (weight is None or weight(u, v, d) is not None) for d in edges.values()):
                national.add(u)
                todo.append(u)
    index = _index(G)
    regional: set[tuple[str, str]] = set()
    labels = []
    for v in national:
        budget.spend(len(pred[v]))
        for u, edges in pred[v].items():
            if u in national or u in avoid:
                continue
            for d in edges.values():
                for region in d["regions"]:
                    label = (u, region)
                    if region in skip or label in regional or index.skips(u, region):
                        continue
                    if weight_in is None or weight_in(region)(u, v, d) is not None:
                        regional.add(label)
                        labels.append(label)
    while labels:
        v, region = labels.pop()
        weight = weight_in(region) if weight_in is not None else None
        before = index.view(pred, region).neighbours(v)
        budget.spend(len(before))
        for u, edges in before.items():
            label = (u, region)
            if u in national or u in avoid or label in regional:
                continue
            if any(
                (not d["regions"] or region in d["regions"]) and (weight is None or weight(u, v, d) is not None)
                for d in edges.values()
            ):
                regional.add(label)
                labels.append(label)
    return _Leads(national, regional, national | {u for u, _ in regional})


def _satisfies(G: nx.MultiDiGraph, route: Route, query: Query) -> bool:
    """Does a route (found without constraints) meet every constraint of ``query``?"""
    weight = _weight(G, query)
    return _meets(route, query) and all(
        weight(u, v, G.edges[u, v, key]) is not None for s in route.steps for u, v, key in s.edges()
    )


def _fastest_route(G: nx.MultiDiGraph, query: Query) -> Route | None:
    """The fastest route that meets the query, or None: one search, no alternatives."""
    if query.via is not None:
        found = _find_routes(G, replace(query, k=1))
        return found[0] if found else None
    query = replace(query, sort="fastest", k=1)
    horizon = (query.max_months + 1) * 1_000_000 if query.max_months else None
    weight, blocked = _weight(G, query), frozenset(query.avoid)

    def search(strict: bool) -> _Forward:  # only the target's route is needed: stop there
        return _forward(
            G,
            query.holds,
            weight,
            strict=strict,
            blocked=blocked,
            target=query.target,
            bound=horizon,
            stop_at_target=True,
        )

    # Without the rules first: when that finds nothing (the common case here, asked
    # for each constraint of a query without routes), the rules cannot find more.
    loose = search(strict=False)
    if query.target not in loose.dist:
        return None
    keeping = search(strict=True)
    fwd = keeping if query.target in keeping.dist else loose
    route = _route(G, fwd.path(query.target), query, full=False)  # only its months are told
    return route if _meets(route, query) else None


class Reach(list):
    """What :func:`reach` found: (job id, route) pairs, best first, at most the ``limit`` asked for.

    ``total`` counts every job found within the bounds; ``more`` is how many were left
    out (ask again with a higher ``limit``, or ``limit=None`` for all).
    """

    def __init__(self, items: Iterable[tuple[str, Route]] = (), total: int | None = None):
        super().__init__(items)
        self.total = len(self) if total is None else total

    @property
    def more(self) -> int:
        return self.total - len(self)


def reach(
    G: nx.MultiDiGraph, query: Query, within_months: int | None = None, *, limit: int | None = REACH_LIMIT
) -> Reach:
    """Every job reachable from ``query.holds`` (within ``within_months``), each with its best route.

    The routes keep to the same rules as :func:`plan` (no level dip, entry
    tickets only where needed); ordered by ``query.sort``, then by name.
    At most ``limit`` jobs are returned (``None``: all), always the first ones of
    the whole ordered list; the answer's ``total`` says how many there are in all.
    Only the routes returned are built in full.
    """
    _check_query(G, query)
    if limit is not None and limit < 0:
        raise ValueError("limit must be at least 0")
    query = replace(query, holds=assumed_holds(G, query.holds))
    bound = None if within_months is None or query.sort != "fastest" else (within_months + 1) * 1_000_000
    fwd = _forward(G, query.holds, _weight(G, query), strict=True, blocked=frozenset(query.avoid), bound=bound)
    nodes = G._node
    # Ranked by totals summed along the search tree, without building routes (with a via or
    # stations to avoid, a light route per job checks the stations passed).
    totals = _tree_totals(G, fwd, query) if not query.via and not query.avoid else None
    found = []
    for node in fwd.dist:
        if nodes[node]["kind"] != "function" or node in query.holds:
            continue
        if totals is not None:
            t = totals(fwd.state[node])
            if within_months is not None and t.months_max > within_months:
                continue
            if not _meets_totals(t.months_max, t.paid, query):
                continue
        else:
            light = _route(G, fwd.path(node), query, full=False)
            if within_months is not None and light.months_max > within_months:
                continue
            if not _meets(light, query):
                continue
            t = _totals(light)
        found.append((_order(t, query) + (nodes[node]["name"].lower(),), node))

    # nsmallest(n, ...) is sorted(...)[:n]: the same order, ties included.
    first = sorted(found, key=_first) if limit is None else heapq.nsmallest(limit, found, key=_first)
    return Reach(((node, _route(G, fwd.path(node), query)) for _, node in first), total=len(found))


def _first(item: tuple) -> tuple:
    return item[0]


def _tree_totals(G: nx.MultiDiGraph, fwd: _Forward, query: Query) -> Callable[[State], _Totals]:
    """The totals of the route to each state of a forward search, each edge of its tree summed once.

    The same sums as the steps of :func:`_route`: an admission hub passed on the way is
    no step of its own, and durations come from :func:`step_months`.
    """
    succ, via = G._succ, fwd.via
    off = _off_line(G, query.target)
    memo: dict[State, _Totals] = {}
    zero = _Totals()

    def totals(state: State) -> _Totals:
        chain = []
        while state not in memo and state in via:
            chain.append(state)
            state = via[state][0]
        found = memo.get(state, zero)  # a state without an edge in: where the person starts
        for state in reversed(chain):
            prev, key = via[state]
            data = succ[prev[0]][state[0]][key]
            if data["kind"] != ADMISSION:
                low, high = _months(data, query)
                found = found.then(low, high, data, off(state[0]))
            memo[state] = found
        return found

    return totals
