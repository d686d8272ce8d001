"""The career graph: stations (starts, diplomas, certificates, jobs) and steps between them.

A :class:`networkx.MultiDiGraph`: two steps between the same stations (a BOL and
a BBL route, say) are two edges, keyed by step id. Besides the steps written in
the data, every job gets an ``access`` edge from each diploma that gives access
to it: 0 months, "met dit diploma mag je werken als …".
"""

from __future__ import annotations

import networkx as nx

from .dataset import Dataset, admits_level
from .models import REGULAR_STEP_KINDS, Certificate, Function, Level, Programme, Step, level_rank

__all__ = ["ACCESS", "ADMISSION", "admission_id", "STATION_KINDS", "build_graph", "programme_index", "step_edges"]

ACCESS = "access"
ADMISSION = "admission"  # holder -> admission hub: "with this you may start at level …"
STATION_KINDS = ("start", "qualification", "certificate", "function")


def _edge(step: Step, *, also: bool = False, admission: str | None = None) -> dict:
    return {
        "step": step.id,
        "name": step.name,
        "kind": step.kind.value,
        "months_min": step.months.min,
        "months_max": step.months.max,
        "paid": step.paid,
        "cost_eur": step.cost.eur if step.cost else None,
        "cost_note": step.cost.note if step.cost else None,
        "pay_eur_month": step.pay.eur_month if step.pay and step.paid else None,
        "hours_per_week": step.hours_per_week,
        "min_hours_per_week": step.min_hours_per_week,
        "min_age": step.min_age,
        "vog": step.vog,
        "language": step.language.value if step.language else None,
        "regions": tuple(step.regions),
        "conditions": tuple(step.conditions),
        "why": step.why,
        "sources": tuple(step.sources),
        "also": also,
        "admission": admission,
    }


def step_edges(step: Step) -> list[tuple[str, str, str, dict]]:
    """The graph edges ``(u, v, key, data)`` of one step."""
    edges = []
    for source in step.from_:
        edges.append((source, step.to, step.id, _edge(step)))
        for extra in step.also_gives:
            edges.append((source, extra, f"{step.id}+{extra}", _edge(step, also=True)))
    return edges


def _zero_edge(kind: str, name: str, sources: tuple[str, ...] = ()) -> dict:
    """An edge that takes no time and costs nothing: access to a job, or admission."""
    return {
        "step": None,
        "name": name,
        "kind": kind,
        "months_min": 0,
        "months_max": 0,
        "paid": True,
        "cost_eur": 0,
        "cost_note": None,
        "pay_eur_month": None,
        "hours_per_week": None,
        "min_hours_per_week": None,
        "min_age": None,
        "vog": False,
        "language": None,
        "regions": (),
        "conditions": (),
        "why": None,
        "sources": sources,
        "also": False,
        "admission": None,
    }


def access_edge(function: Function, ref: str) -> tuple[str, str, str, dict]:
    return ref, function.id, f"{ACCESS}:{ref}", _zero_edge(ACCESS, function.name, tuple(function.sources))


def _band(level: Level | None) -> str:
    return "hoger" if level_rank(level) >= level_rank(Level.AD) else "mbo"


def admission_id(level: str, band: str) -> str:
    """The id of an admission hub; ``@`` keeps it apart from every data id."""
    return f"@toelating:{level}:{band}"


def admission_edges(dataset: Dataset) -> tuple[dict[str, dict], list[tuple[str, str, str, dict]]]:
    """Regular programmes open to everyone admitted to their level, through admission hubs.

    A step written from a start position (say vmbo-gt -> mbo-4 BOL) is also open
    to whoever holds something that admits to at least the same level (a havo
    diploma, an mbo-2 diploma). Rather than copying each such step for each
    holder (which grows with holders x steps), every holder links to a hub per
    level it is admitted to, and each hub links to the steps of that level: the
    graph grows linearly. Only regular programmes (BOL, BBL, voltijd, deeltijd,
    duaal) count: shortened routes stay tied to their diploma, and so do
    diplomas that ask for specific prior diplomas (``entry.requires_any``). A
    certificate admits only within its own band of education: the 21+ test
    opens hbo, not mbo.

    Returns the hub nodes (id -> attributes) and the edges.
    """
    hubs: dict[str, dict] = {}
    edges = []
    for step in dataset.steps.values():
        target = dataset.entities[step.to]
        if step.kind not in REGULAR_STEP_KINDS or getattr(getattr(target, "entry", None), "requires_any", None):
            continue
        band = _band(getattr(target, "level", None))
        for source in step.from_:
            start = dataset.entities[source]
            if dataset.kinds[source] != "start" or start.admits is None:
                continue
            hub = admission_id(start.admits.value, band)
            hubs.setdefault(
                hub,
                {
                    "kind": ADMISSION,
                    "name": f"Toelating {start.admits.value}",
                    "level": None,
                    "admits": None,
                    "registration": None,
                    "rank": level_rank(start.admits),
                    "band": band,
                },
            )
            edges.append((hub, step.to, f"{step.id}@{hub}", _edge(step, admission=source)))
    for kind in ("start", "qualification", "certificate"):
        for entity in dataset.of_kind(kind):
            admitted = admits_level(entity)
            if admitted is None:
                continue
            for hub, attrs in hubs.items():
                if attrs["rank"] > level_rank(admitted):
                    continue
                if isinstance(entity, Certificate) and attrs["band"] != _band(admitted):
                    continue
                edges.append((entity.id, hub, f"{ADMISSION}:{hub}", _zero_edge(ADMISSION, entity.name)))
    return hubs, edges


def _study_language(entity) -> dict[str, str] | None:
    wanted = getattr(entity, "study_language", None)
    if wanted is None:
        return None
    return {band: level.value for band, level in (("mbo", wanted.mbo), ("hbo", wanted.hbo)) if level is not None}


def build_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """Build the graph of a validated dataset.

    Nodes carry ``kind``, ``name``, ``level`` (or None) and ``admits`` (the level
    of education holding the node admits to, or None). Edges carry the step's
    ``step`` id, ``kind``, ``months_min``, ``months_max``, ``paid``, ``cost_eur``,
    ``hours_per_week`` and ``regions`` (empty = national).

    Examples
    --------
    >>> from routes import load_dataset
    >>> G = build_graph(load_dataset())
    >>> G.nodes["verzorgende-ig"]["kind"]
    'function'
    """
    G = nx.MultiDiGraph()
    for kind in STATION_KINDS:
        for entity in dataset.of_kind(kind):
            level = getattr(entity, "level", None)
            admits = admits_level(entity)
            registration = getattr(entity, "registration", None)
            G.add_node(
                entity.id,
                kind=kind,
                name=entity.name,
                level=level.value if level else None,
                admits=admits.value if admits else None,
                registration=registration.value if registration else None,
                min_age=getattr(entity, "min_age", None),
                previous_work=getattr(entity, "previous_work", False),
                usual_start=getattr(entity, "usual_start", None),
                study_language=_study_language(entity),
            )
    for step in dataset.steps.values():
        for u, v, key, data in step_edges(step):
            G.add_edge(u, v, key=key, **data)
    for function in dataset.functions.values():
        for ref in function.access:
            u, v, key, data = access_edge(function, ref)
            G.add_edge(u, v, key=key, **data)
    hubs, edges = admission_edges(dataset)
    G.add_nodes_from(hubs.items())
    for u, v, key, data in edges:
        G.add_edge(u, v, key=key, **data)
    G.graph["programmes"] = {p.id: programme_record(p) for p in dataset.programmes.values()}
    G.graph["regions"] = {r.id: r.name for r in dataset.regions.values()}
    G.graph["lang"] = dataset.lang  # the language of the names, and of the sentences routes.explain makes
    lines_of: dict[str, set[str]] = {}
    for line in dataset.lines.values():
        for station in line.stations:
            lines_of.setdefault(station, set()).add(line.id)
    G.graph["lines_of"] = lines_of
    G.graph["programmes_by_support"] = programme_index(G.graph["programmes"])
    return G


def programme_index(programmes: dict[str, dict]) -> dict[str, tuple[str, ...]]:
    """Supported id (step, diploma, job) -> ids of the programmes that support it."""
    index: dict[str, list[str]] = {}
    for pid, record in sorted(programmes.items()):
        for supported in record["supports"]:
            index.setdefault(supported, []).append(pid)
    return {key: tuple(value) for key, value in index.items()}


def programme_record(programme: Programme) -> dict:
    return {
        "id": programme.id,
        "name": programme.name,
        "organiser": programme.organiser,
        "regions": tuple(programme.regions),
        "target_groups": tuple(g.value for g in programme.target_groups),
        "target_note": programme.target_note,
        "supports": frozenset(programme.supports),
        "status": programme.status.value,
        "url": programme.url,
    }
