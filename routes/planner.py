"""The route planner: from what a person holds to the job they want.

Works on the graph from :func:`routes.graph.build_graph` only, so it runs the
same on the real data and on generated graphs. The method is the one journey
planners use for alternatives ("via-node" alternatives): one search forward
from everything the person holds, one backward from the target; every node
``v`` then gives a candidate route "best way to ``v``, then best way from ``v``".
Candidates are checked against every constraint, ranked, and the ``k`` that
genuinely differ are kept. Two searches per query, whatever ``k`` is.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from itertools import count

import networkx as nx

from .errors import NoRoute, UnknownStation
from .explain import explain_step
from .graph import ACCESS, ADMISSION, programme_index
from .models import LEVEL_RANK, Level, TargetGroup
from .programmes import fits

__all__ = ["SORTS", "Query", "Route", "RouteStep", "plan", "reach", "route_programmes"]

SORTS = ("fastest", "fewest-steps", "cheapest")


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
    programmes: tuple[str, ...] = ()
    why: str = ""
    regions: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    admission: tuple[str, str] | None = None  # (hub, edge key) passed when the step is open by level

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
            "paid": self.paid,
            "programmes": list(self.programmes),
            "why": self.why,
            "step": self.step_id,
            "regions": list(self.regions),
            "conditions": list(self.conditions),
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class Route:
    steps: tuple[RouteStep, ...]
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

    def signature(self) -> tuple:
        return tuple((s.from_id, s.to_id, s.kind) for s in self.steps)

    def essence(self) -> tuple:
        """What a person would call "the route": the diplomas and certificates and how.

        Two routes with the same essence differ only in passing a job on the way
        (working as helpende between two diplomas, say): not a real alternative.
        """
        return tuple((s.to_id, s.kind) for s in self.steps if s.kind != ACCESS)

    def to_json(self) -> dict:
        return {
            "steps": [s.to_json() for s in self.steps],
            "months_min": self.months_min,
            "months_max": self.months_max,
            "cost_eur": self.cost_eur,
            "paid": self.paid,
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


# --- edge costs and filters ------------------------------------------------------------


def _months(data: dict, query: Query) -> tuple[int, int]:
    low, high = data["months_min"], data["months_max"]
    needed = data.get("hours_per_week")
    if query.hours_per_week and needed and query.hours_per_week < needed:
        # Fewer hours a week than the programme is planned for: it takes longer.
        factor = needed / query.hours_per_week
        low, high = math.ceil(low * factor), math.ceil(high * factor)
    return low, high


_RANK = {level.value: rank for level, rank in LEVEL_RANK.items()}


def _weight(G: nx.MultiDiGraph, query: Query) -> Callable[[str, str, dict], int | None]:
    """The cost of an edge ``u -> v`` for this query, or ``None`` when the query rules it out.

    One integer orders routes the way the chosen sort asks; ties on the main
    criterion fall to the next ones, then to one unit per step. (NetworkX's
    convention: a weight function returning ``None`` hides the edge.)
    """
    paid_only, region, avoid, sort = query.paid_only, query.region, query.avoid, query.sort
    max_rank = _RANK[query.max_level] if query.max_level else None
    scale_hours = query.hours_per_week
    node_attrs = G.nodes

    def weight(u: str, v: str, d: dict) -> int | None:
        if paid_only and not d["paid"]:
            return None
        if v in avoid:
            return None
        if region and d["regions"] and region not in d["regions"]:
            return None
        if max_rank is not None:
            level = node_attrs[v]["level"]
            if level and _RANK[level] > max_rank:
                return None
        if scale_hours:
            low, high = _months(d, query)
        else:
            low, high = d["months_min"], d["months_max"]
        if sort == "fastest":
            return high * 1_000_000 + low * 1_000 + 1
        if sort == "fewest-steps":
            return (0 if d["kind"] == ACCESS else 1_000_000_000) + high * 1_000 + 1
        return (d["cost_eur"] or 0) * 1_000_000 + high * 1_000 + 1

    return weight


# --- the two searches ------------------------------------------------------------------

# Alternatives may be at most this many times as costly as the best route; it lets
# the searches stop early on large graphs (the "bounded stretch" of alternative-route planners).
STRETCH = 2


def _search(
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
    """
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
        for v, edges in adjacency[u].items():
            if v in dist or v in blocked:
                continue
            for key, data in edges.items():
                w = weight(u, v, data) if forward else weight(v, u, data)
                if w is None:
                    continue
                nd = d + w
                if v not in seen or nd < seen[v] or (nd == seen[v] and (u, key) < via[v]):
                    seen[v] = nd
                    via[v] = (u, key)
                    heapq.heappush(heap, (nd, v, next(tie)))
    return dist, via


def _tree_path(via: dict[str, tuple[str, str]], node: str, *, forward: bool) -> list[tuple[str, str, str]]:
    """The edges (u, v, key) from the search's source to ``node`` (forward) or from ``node`` on (backward)."""
    path = []
    while node in via:
        other, key = via[node]
        path.append((other, node, key) if forward else (node, other, key))
        node = other
    return path[::-1] if forward else path


def _candidates(G, query: Query, sources: tuple[str, ...], target: str, limit: int) -> list[list[tuple]]:
    """Up to ``limit`` simple edge paths sources -> target, best first (via-node alternatives)."""
    weight = _weight(G, query)
    avoid = frozenset(query.avoid)
    # Sorted by time, nothing beyond the time limit can be an answer: stop there.
    horizon = (query.max_months + 1) * 1_000_000 if query.max_months and query.sort == "fastest" else None
    fwd_dist, fwd_via = _search(G._succ, sources, weight, forward=True, blocked=avoid, target=target, bound=horizon)
    if target not in fwd_dist:
        return []
    # Held stations are starting points, never stops halfway; the same for avoided ones.
    held = frozenset(sources) - {target}
    bound = fwd_dist[target] * STRETCH
    back_dist, back_via = _search(G._pred, [target], weight, forward=False, blocked=avoid, terminal=held, bound=bound)
    order = sorted(
        (fwd_dist[v] + back_dist[v], v) for v in fwd_dist if v in back_dist and (v == target or v not in sources)
    )
    paths: list[list[tuple]] = []
    seen: set[tuple] = set()
    for _, v in order:
        path = _tree_path(fwd_via, v, forward=True) + _tree_path(back_via, v, forward=False)
        nodes = [path[0][0]] + [e[1] for e in path] if path else []
        if not path or len(set(nodes)) != len(nodes) or any(n in sources for n in nodes[1:]):
            continue
        signature = tuple(path)
        if signature in seen:
            continue
        seen.add(signature)
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


def _route(G: nx.MultiDiGraph, path: list[tuple], query: Query) -> Route:
    steps = []
    listed: set[str] = set()  # a programme is named once, at the first step it helps with
    entry = None  # (holder, key) while passing an admission hub: "holder -> hub -> v" is one step
    for u, v, key in path:
        data = G.edges[u, v, key]
        if data["kind"] == ADMISSION:
            entry = (u, key)
            continue
        admission = None
        if entry is not None:
            holder, hub_key = entry
            admission, u, entry = (u, hub_key), holder, None
        low, high = _months(data, query)
        programmes = tuple(p for p in route_programmes(G, data["step"], v, query) if p not in listed)
        listed.update(programmes)
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
                programmes=programmes,
                why=explain_step(G, u, v, data),
                regions=tuple(data["regions"]),
                conditions=tuple(data.get("conditions", ())),
                sources=tuple(data.get("sources", ())),
                admission=admission,
            )
        )
    return Route(tuple(steps))


def _sort_key(route: Route, sort: str) -> tuple:
    cost = route.cost_eur if route.cost_eur is not None else sum(s.cost_eur or 0 for s in route.steps)
    main = {
        "fastest": (route.months_max, route.months_min),
        "fewest-steps": (route.learning_steps, route.months_max),
        "cheapest": (cost, route.months_max),
    }[sort]
    return main + (route.learning_steps, route.months_min, len(route.steps), route.signature())


def _meets(route: Route, query: Query) -> bool:
    if query.max_months is not None and route.months_max > query.max_months:
        return False
    if query.paid_only and not route.paid:
        return False
    if query.via and query.via not in route.nodes:
        return False
    return not (set(route.nodes) & query.avoid)


def _pick(routes: list[Route], query: Query) -> list[Route]:
    """The k best routes that genuinely differ: new stations first, then new kinds of step."""
    best_per_essence: dict[tuple, Route] = {}
    for route in sorted((r for r in routes if _meets(r, query)), key=lambda r: _sort_key(r, query.sort)):
        best_per_essence.setdefault(route.essence(), route)
    routes = list(best_per_essence.values())
    chosen: list[Route] = []
    station_sets: set[tuple] = set()
    for r in routes:  # first pass: different stations
        if r.nodes not in station_sets:
            chosen.append(r)
            station_sets.add(r.nodes)
        if len(chosen) == query.k:
            break
    for r in routes:  # second pass: same stations, another kind of step
        if len(chosen) >= query.k:
            break
        if r not in chosen:
            chosen.append(r)
    return sorted(chosen, key=lambda r: _sort_key(r, query.sort))


def _segment_routes(G, query: Query, sources: tuple[str, ...], target: str) -> list[Route]:
    limit = max(8, 4 * query.k)
    paths = _candidates(G, query, sources, target, limit)
    if query.max_months is not None and query.sort != "fastest":
        # The cheapest routes may all be too long: the fastest ones keep a route in
        # sight whenever one fits the time limit.
        paths += _candidates(G, replace(query, sort="fastest"), sources, target, query.k)
    variants = [v for p in paths[: query.k] for v in _kind_variants(G, query, p)]
    return [_route(G, p, query) for p in paths + variants]


def _find_routes(G: nx.MultiDiGraph, query: Query) -> list[Route]:
    if query.via is None or query.via in query.holds:
        return _pick(_segment_routes(G, replace(query, via=None), tuple(query.holds), query.target), query)
    sorts = [query.sort] + (["fastest"] if query.max_months is not None and query.sort != "fastest" else [])
    combined = []
    for sort in sorts:
        free = replace(query, via=None, max_months=None, sort=sort)
        firsts = _pick(_segment_routes(G, free, tuple(query.holds), query.via), replace(free, k=query.k + 2))
        for a in firsts:
            # The second half may not pass the stations of the first half again.
            rest = replace(free, avoid=free.avoid | set(query.holds) | (set(a.nodes) - {query.via}))
            if query.target in rest.avoid:
                continue
            combined += [Route(a.steps + b.steps) for b in _segment_routes(G, rest, (query.via,), query.target)]
    return _pick(combined, query)


def plan(G: nx.MultiDiGraph, query: Query) -> list[Route]:
    """The ``query.k`` best routes from ``query.holds`` to ``query.target``.

    Raises :class:`UnknownStation` for an unknown id (with the nearest ids),
    ``ValueError`` for a bad value, and :class:`NoRoute` when nothing fits —
    its messages say which constraint blocks the way and what to relax.

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
    if query.target in query.holds:
        raise NoRoute([f"Je hebt {G.nodes[query.target]['name']} al."])
    routes = _find_routes(G, query)
    if routes:
        return routes
    raise NoRoute(*_why_none(G, query))


def _why_none(G: nx.MultiDiGraph, query: Query) -> tuple[list[str], list[str]]:
    """Which constraints block the route, found by relaxing them one at a time.

    Returns the messages and the names of the constraints that, relaxed alone, help.
    """
    from .explain import relax_message

    relaxations = {
        "paid_only": dict(paid_only=False),
        "max_months": dict(max_months=None),
        "max_level": dict(max_level=None),
        "region": dict(region=None),
        "avoid": dict(avoid=frozenset()),
        "via": dict(via=None),
        "hours_per_week": dict(hours_per_week=None),
    }
    active = {
        name: change for name, change in relaxations.items() if getattr(query, name) not in (None, False, frozenset())
    }
    everything = replace(query, **{k: v for change in active.values() for k, v in change.items()})
    free = _fastest_route(G, everything) if active else None
    if free is None:
        return [relax_message(G, query, "none", None)], []
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
    return messages or [relax_message(G, query, "all", free)], blocking


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
    dist, via = _search(
        G._succ,
        query.holds,
        _weight(G, query),
        forward=True,
        blocked=frozenset(query.avoid),
        target=query.target,
        bound=horizon,
    )
    if query.target not in dist:
        return None
    route = _route(G, _tree_path(via, query.target, forward=True), query)
    return route if _meets(route, query) else None


def reach(G: nx.MultiDiGraph, query: Query, within_months: int | None = None) -> list[tuple[str, Route]]:
    """Every job reachable from ``query.holds`` (within ``within_months``), each with its fastest route.

    Sorted by time (shortest first), then by name.
    """
    _check_query(G, query)
    query = replace(query, sort="fastest")
    bound = None if within_months is None else (within_months + 1) * 1_000_000
    dist, via = _search(
        G.succ, query.holds, _weight(G, query), forward=True, blocked=frozenset(query.avoid), bound=bound
    )
    found = []
    for node in dist:
        if G.nodes[node]["kind"] != "function" or node in query.holds:
            continue
        route = _route(G, _tree_path(via, node, forward=True), query)
        if within_months is not None and route.months_max > within_months:
            continue
        if query.max_months is not None and route.months_max > query.max_months:
            continue
        found.append((node, route))
    found.sort(key=lambda item: (item[1].months_max, item[1].months_min, G.nodes[item[0]]["name"].lower()))
    return found
