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

__all__ = ["ACCESS", "STATION_KINDS", "build_graph", "programme_index", "step_edges"]

ACCESS = "access"
STATION_KINDS = ("start", "qualification", "certificate", "function")


def _edge(step: Step, *, also: bool = False, admission: str | None = None) -> dict:
    return {
        "step": step.id,
        "name": step.name,
        "kind": step.kind.value,
        "months_min": step.months.min,
        "months_max": step.months.max,
        "paid": step.paid,
        "cost_eur": step.cost_eur,
        "hours_per_week": step.hours_per_week,
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


def access_edge(function: Function, ref: str) -> tuple[str, str, str, dict]:
    return (
        ref,
        function.id,
        f"{ACCESS}:{ref}",
        {
            "step": None,
            "name": function.name,
            "kind": ACCESS,
            "months_min": 0,
            "months_max": 0,
            "paid": True,
            "cost_eur": 0,
            "hours_per_week": None,
            "regions": (),
            "conditions": (),
            "why": None,
            "sources": tuple(function.sources),
            "also": False,
            "admission": None,
        },
    )


def admission_edges(dataset: Dataset) -> list[tuple[str, str, str, dict]]:
    """Regular programmes open to everyone admitted to their level.

    A step written from a start position (say vmbo-gt -> mbo-4 BOL) is also open
    to whoever holds something that admits to at least the same level (a havo
    diploma, an mbo-2 diploma, the 21+ test). Only regular programmes (BOL, BBL,
    voltijd, deeltijd, duaal) count: shortened routes stay tied to their diploma,
    and so do diplomas that ask for specific prior diplomas (``entry.requires_any``).
    A certificate admits only within its own sector of education: the 21+ test
    opens hbo, not mbo.
    """
    holders = [
        (entity.id, level_rank(admitted), isinstance(entity, Certificate))
        for kind in ("start", "qualification", "certificate")
        for entity in dataset.of_kind(kind)
        if (admitted := admits_level(entity)) is not None
    ]
    higher_education = level_rank(Level.AD)
    edges = []
    for step in dataset.steps.values():
        target = dataset.entities[step.to]
        if step.kind not in REGULAR_STEP_KINDS or getattr(getattr(target, "entry", None), "requires_any", None):
            continue
        target_is_higher = level_rank(getattr(target, "level", None)) >= higher_education
        for source in step.from_:
            start = dataset.entities[source]
            if dataset.kinds[source] != "start" or start.admits is None:
                continue
            needed = level_rank(start.admits)
            for holder, rank, is_certificate in holders:
                if is_certificate and (rank >= higher_education) != target_is_higher:
                    continue
                if rank >= needed and holder not in step.from_ and holder != step.to:
                    edges.append((holder, step.to, f"{step.id}@{holder}", _edge(step, admission=source)))
    return edges


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
            )
    for step in dataset.steps.values():
        for u, v, key, data in step_edges(step):
            G.add_edge(u, v, key=key, **data)
    for function in dataset.functions.values():
        for ref in function.access:
            u, v, key, data = access_edge(function, ref)
            G.add_edge(u, v, key=key, **data)
    for u, v, key, data in admission_edges(dataset):
        if not G.has_edge(u, v, key):
            G.add_edge(u, v, key=key, **data)
    G.graph["programmes"] = {p.id: programme_record(p) for p in dataset.programmes.values()}
    G.graph["regions"] = {r.id: r.name for r in dataset.regions.values()}
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
