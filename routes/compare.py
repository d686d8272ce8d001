"""Routes side by side: the figures a coach compares, with the differences marked.

:func:`compare_routes` takes up to :data:`MAX_COMPARED` routes from :func:`routes.planner.plan`
and returns one :class:`Row` per criterion (what makes it different, how long, how you learn, what it costs, pay while
learning, paid or not, steps, diplomas, jobs on the way, programmes), each with
one text per route and ``differs`` when the routes do not agree on it. The
durations are :func:`routes.explain.describe_months`, the same words as the route
cards and the hand-over plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from .explain import describe_months, route_label
from .graph import ACCESS
from .planner import Route
from .words import euros, kind_label, money, nl

__all__ = ["MAX_COMPARED", "ROW_KEYS", "Comparison", "Row", "compare_routes", "pay_text", "paid_text"]

MAX_COMPARED = 3
ROW_KEYS = ("label", "months", "how", "cost", "pay", "paid", "steps", "diplomas", "off_ramps", "programmes")

_ROW_LABELS = {
    "nl": {
        "label": "Wat is anders",
        "months": "Hoe lang",
        "how": "Zo leer je",
        "cost": "Kosten voor jou",
        "pay": "Loon tijdens het leren",
        "paid": "Betaald?",
        "steps": "Aantal stappen",
        "diplomas": "Diploma's en certificaten",
        "off_ramps": "Onderweg al werken als",
        "programmes": "Hulp van programma's",
    },
    "en": {
        "label": "What is different",
        "months": "How long",
        "how": "How you learn",
        "cost": "Cost to you",
        "pay": "Pay while learning",
        "paid": "Paid?",
        "steps": "Number of steps",
        "diplomas": "Diplomas and certificates",
        "off_ramps": "Already work as, on the way",
        "programmes": "Help from programmes",
    },
}


@dataclass(frozen=True)
class Row:
    """One criterion: its key (see :data:`ROW_KEYS`), label, one value per route, and whether they differ."""

    key: str
    label: str
    values: tuple[str, ...]
    differs: bool


@dataclass(frozen=True)
class Comparison:
    """The routes compared (their 1-based numbers in the planner's list) and the rows."""

    numbers: tuple[int, ...]
    rows: tuple[Row, ...]

    @property
    def differences(self) -> tuple[str, ...]:
        """The keys of the rows where the routes differ."""
        return tuple(r.key for r in self.rows if r.differs)

    def records(self) -> list[dict[str, str]]:
        """The table as records: a ``label`` column and one column per route (``Route 1``, ...)."""
        return [
            {"key": r.key, "label": r.label, **{f"Route {n}": v for n, v in zip(self.numbers, r.values, strict=True)}}
            for r in self.rows
        ]


def pay_text(route: Route, lang: str = "nl") -> str:
    """What the route pays while learning: the known monthly amounts, or that it pays, or nothing.

    Counts only learning steps (the job at the end pays anyway).
    """
    learning = [s for s in route.steps if s.kind != ACCESS]
    paid = [s for s in learning if s.paid]
    if not paid:
        return "geen loon" if nl(lang) else "no pay"
    amounts = sorted({s.pay_eur_month for s in paid if s.pay_eur_month})
    if not amounts:
        return "ja, bedrag onbekend" if nl(lang) else "yes, amount unknown"
    span = euros(amounts[0], lang) if len(amounts) == 1 else f"{euros(amounts[0], lang)}–{euros(amounts[-1], lang)}"
    return f"ca. {span} per maand" if nl(lang) else f"about {span} a month"


def paid_text(route: Route, lang: str = "nl") -> str:
    """Paid all the way, partly (with the months without pay), or not at all."""
    learning = [s for s in route.steps if s.kind != ACCESS]
    if all(s.paid for s in learning):
        return "ja, de hele route" if nl(lang) else "yes, all the way"
    if not any(s.paid for s in learning):
        return "nee" if nl(lang) else "no"
    unpaid = [s for s in learning if not s.paid]
    span = describe_months(sum(s.months_min for s in unpaid), sum(s.months_max for s in unpaid), lang)
    return f"deels; {span} zonder loon" if nl(lang) else f"partly; {span} without pay"


SHOWN_NAMES = 3  # a longer list is cut: "A, B, C en 3 meer"


def _listed(names: Sequence[str], lang: str) -> str:
    """Names as one short text; "–" for none.

    >>> _listed(["A", "B", "C", "D", "E"], "nl"), _listed([], "en")
    ('A, B, C en 2 meer', '–')
    """
    if not names:
        return "–"
    shown = ", ".join(names[:SHOWN_NAMES])
    rest = len(names) - SHOWN_NAMES
    if rest > 0:
        shown += f" en {rest} meer" if nl(lang) else f" and {rest} more"
    return shown


def _names(G: nx.MultiDiGraph, ids: Sequence[str], lang: str) -> str:
    return _listed([G.nodes[i]["name"] if i in G else i for i in ids], lang)


def compare_routes(G: nx.MultiDiGraph, routes: Sequence[Route], lang: str = "nl", numbers=None) -> Comparison:
    """Up to three routes side by side, the rows where they differ marked.

    ``numbers`` are the routes' places in the planner's list (default 1, 2, 3).
    Raises ``ValueError`` for no routes or more than :data:`MAX_COMPARED`.

    Examples
    --------
    >>> from routes import build_graph, load_dataset
    >>> from routes.planner import Query, plan
    >>> G = build_graph(load_dataset("tests/fixtures/mini"))
    >>> routes = plan(G, Query(holds=("geen-startkwalificatie",), target="verzorgende-ig"))
    >>> table = compare_routes(G, routes[:2])
    >>> [r.key for r in table.rows][:3]
    ['label', 'months', 'how']
    >>> table.rows[1].values[0] == describe_months(routes[0].months_min, routes[0].months_max)
    True
    """
    routes = list(routes)
    if not routes:
        raise ValueError("compare at least one route")
    if len(routes) > MAX_COMPARED:
        raise ValueError(f"compare at most {MAX_COMPARED} routes")
    numbers = tuple(numbers) if numbers is not None else tuple(range(1, len(routes) + 1))
    if len(numbers) != len(routes):
        raise ValueError("one number per route")
    labels = _ROW_LABELS["nl" if nl(lang) else "en"]
    programmes = G.graph.get("programmes", {})

    def diplomas(route: Route) -> str:
        gained = [
            s.to_id
            for s in route.steps
            if s.kind != ACCESS and G.nodes[s.to_id].get("kind") in ("qualification", "certificate")
        ]
        return _names(G, list(dict.fromkeys(gained)), lang)

    def helpers(route: Route) -> str:
        ids = list(dict.fromkeys(p for s in route.steps for p in s.programmes))
        return _listed([programmes[p]["name"] if p in programmes else p for p in ids], lang)

    def how(route: Route) -> str:
        kinds = list(dict.fromkeys(kind_label(s.kind, lang) for s in route.steps if s.kind != ACCESS))
        return " → ".join(kinds) if kinds else "–"

    values = {
        "label": [route_label(r.label, lang) or "–" for r in routes],
        "months": [describe_months(r.months_min, r.months_max, lang) for r in routes],
        "how": [how(r) for r in routes],
        "cost": [money(r.cost_eur, lang) for r in routes],
        "pay": [pay_text(r, lang) for r in routes],
        "paid": [paid_text(r, lang) for r in routes],
        "steps": [str(r.learning_steps) for r in routes],
        "diplomas": [diplomas(r) for r in routes],
        "off_ramps": [_names(G, r.off_ramps, lang) for r in routes],
        "programmes": [helpers(r) for r in routes],
    }
    rows = tuple(Row(key, labels[key], tuple(values[key]), differs=len(set(values[key])) > 1) for key in ROW_KEYS)
    return Comparison(numbers=numbers, rows=rows)
