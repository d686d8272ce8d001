"""The career graph: stations (starts, diplomas, certificates, jobs) and steps between them.

A :class:`networkx.MultiDiGraph`: two steps between the same stations (a BOL and
a BBL route, say) are two edges, keyed by step id. Besides the steps written in
the data, every job gets an ``access`` edge from each diploma that gives access
to it: 0 months, "met dit diploma mag je werken als …".
"""

from __future__ import annotations

import networkx as nx

from .dataset import Dataset, admits_level
from .models import Function, Step

__all__ = ["ACCESS", "STATION_KINDS", "build_graph", "step_edges"]

ACCESS = "access"
STATION_KINDS = ("start", "qualification", "certificate", "function")


def _edge(step: Step, *, also: bool = False) -> dict:
    return {
        "step": step.id,
        "kind": step.kind.value,
        "months_min": step.months.min,
        "months_max": step.months.max,
        "paid": step.paid,
        "cost_eur": step.cost_eur,
        "hours_per_week": step.hours_per_week,
        "regions": tuple(step.regions),
        "also": also,
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
            "kind": ACCESS,
            "months_min": 0,
            "months_max": 0,
            "paid": True,
            "cost_eur": 0,
            "hours_per_week": None,
            "regions": (),
            "also": False,
        },
    )


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
            G.add_node(
                entity.id,
                kind=kind,
                name=entity.name,
                level=level.value if level else None,
                admits=admits.value if admits else None,
            )
    for step in dataset.steps.values():
        for u, v, key, data in step_edges(step):
            G.add_edge(u, v, key=key, **data)
    for function in dataset.functions.values():
        for ref in function.access:
            u, v, key, data = access_edge(function, ref)
            G.add_edge(u, v, key=key, **data)
    return G
