"""A job's profile: what you do, how you get there and where you can go next.

Everything the Beroepen page shows about one function, gathered from the
dataset and the graph. Pure data out; the page only lays it out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from .dataset import Dataset
from .errors import NoRoute
from .models import Function, Pay, level_rank
from .planner import Query, Route, plan, reach

__all__ = ["AccessItem", "DemandItem", "Profile", "profile", "related_programmes"]


@dataclass(frozen=True)
class AccessItem:
    """A diploma or certificate that gives access to the job."""

    id: str
    name: str
    kind: str  # "qualification" or "certificate"
    level: str | None


@dataclass(frozen=True)
class DemandItem:
    signal: str
    year: int
    region: str | None  # region id; None = national
    region_name: str | None
    source: str


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    aliases: tuple[str, ...]
    description: str
    tasks: tuple[str, ...]
    level: str | None
    sectors: tuple[str, ...]
    lines: tuple[tuple[str, str, str], ...]  # (line id, name, colour) of the metro lines it lies on
    access: tuple[AccessItem, ...]
    registration: str
    cao: str | None
    pay: Pay | None
    demand: tuple[DemandItem, ...]  # newest first
    get_here: tuple[tuple[str, Route], ...]  # (start id, fastest route from that start)
    go_next: tuple[tuple[str, Route], ...]  # (job id, fastest route from this job)
    programmes: tuple[str, ...]  # programme ids that help towards this job (any status)
    unconfirmed: tuple[str, ...]
    note: str | None
    sources: tuple[str, ...]


def related_programmes(dataset: Dataset, ids: Iterable[str]) -> tuple[str, ...]:
    """Programmes (any status) that support any of ``ids``, in dataset order."""
    wanted = set(ids)
    return tuple(pid for pid, p in dataset.programmes.items() if wanted & set(p.supports))


def profile(
    dataset: Dataset,
    G: nx.MultiDiGraph,
    function_id: str,
    *,
    region: str | None = None,
    starts: Iterable[str] | None = None,
    within_months: int | None = None,
) -> Profile:
    """The profile of one job.

    ``get_here`` holds the fastest route to the job from each start position
    (``starts``, default all in the dataset) that has one; ``go_next`` the jobs
    you can reach from this one, holding the job and its first access diploma,
    fastest first; jobs at a lower level than this one are left out (a step
    back is not a career move). ``region`` limits both to steps offered there.

    Raises :class:`~routes.errors.UnknownStation` for an unknown id and
    ``ValueError`` when the id is not a job.

    Examples
    --------
    >>> from routes import build_graph, load_dataset
    >>> ds = load_dataset("tests/fixtures/mini")
    >>> p = profile(ds, build_graph(ds), "verzorgende-ig")
    >>> p.level, [a.id for a in p.access]
    ('mbo-3', ['mbo3-verzorgende-ig'])
    >>> [start for start, _ in p.get_here]
    ['geen-startkwalificatie', 'havo']
    """
    entity = dataset.get(function_id)
    if not isinstance(entity, Function):
        raise ValueError(f"{function_id!r} is a {dataset.kinds[function_id]}, not a job")
    function: Function = entity

    access = []
    for ref in function.access:
        item = dataset.entities.get(ref)
        if item is None:
            continue
        level = getattr(item, "level", None)
        access.append(AccessItem(ref, item.name, dataset.kinds[ref], level.value if level else None))

    regions = dataset.regions
    demand = sorted(
        (
            DemandItem(d.signal, d.year, d.region, regions[d.region].name if d.region in regions else None, d.source)
            for d in function.demand
        ),
        key=lambda d: (-d.year, d.region or ""),
    )

    lines = tuple((line.id, line.name, line.colour) for line in dataset.lines.values() if function_id in line.stations)

    start_list = list(starts) if starts is not None else list(dataset.starts)
    get_here = []
    for start in start_list:
        if start not in G:
            continue
        try:
            best = plan(G, Query(holds=(start,), target=function_id, region=region, k=1))
        except NoRoute:
            continue
        get_here.append((start, best[0]))

    holds = (function_id,) + tuple(a.id for a in access[:1] if a.id in G)
    own_rank = level_rank(function.level)
    go_next = tuple(
        (fid, route)
        for fid, route in reach(G, Query(holds=holds, region=region), within_months)
        if fid != function_id and level_rank(G.nodes[fid].get("level")) >= own_rank
    )

    return Profile(
        id=function.id,
        name=function.name,
        aliases=tuple(function.aliases),
        description=function.description,
        tasks=tuple(function.tasks),
        level=function.level.value if function.level else None,
        sectors=tuple(s.value for s in function.sectors),
        lines=lines,
        access=tuple(access),
        registration=function.registration.value,
        cao=function.cao,
        pay=function.pay,
        demand=tuple(demand),
        get_here=tuple(get_here),
        go_next=go_next,
        programmes=related_programmes(dataset, [function_id] + [a.id for a in access]),
        unconfirmed=tuple(function.unconfirmed),
        note=function.note,
        sources=tuple(function.sources),
    )
