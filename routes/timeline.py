"""A route over time: each learning step as a bar of months, quickest and slowest case.

The steps follow each other, so step *n* starts after the steps before it: at the
sum of their shortest durations in the quickest case, at the sum of their longest
in the slowest case. :func:`timeline_frame` gives two rows per step (one per case)
as a pandas frame; the page draws it with Vega-Altair, the hand-over plan with
reportlab — the same numbers in both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from .explain import describe_months
from .graph import ACCESS
from .planner import Route
from .words import kind_label, nl

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMNS", "case_names", "pay_names", "timeline_frame"]

COLUMNS = ("number", "label", "case", "start", "end", "paid", "pay_label", "duration", "kind")


def case_names(lang: str = "nl") -> tuple[str, str]:
    """The names of the two cases: the quickest and the slowest."""
    return ("snelst", "langst") if nl(lang) else ("quickest", "slowest")


def pay_names(lang: str = "nl") -> tuple[str, str]:
    """The names of a paid and an unpaid step, as in the ``pay_label`` column."""
    return ("betaald", "onbetaald") if nl(lang) else ("paid", "unpaid")


def timeline_frame(G: nx.MultiDiGraph, route: Route, lang: str = "nl") -> pd.DataFrame:
    """Two rows per learning step (quickest and slowest case): when it starts and ends, in months.

    Columns: ``number`` (1, 2, ... as on the route card), ``label`` ("1. name"),
    ``case`` (:func:`case_names`), ``start`` and ``end`` (months from now),
    ``paid``, ``pay_label`` ("betaald"/"onbetaald"), ``duration`` (the step's own
    :func:`~routes.explain.describe_months`) and ``kind``. A route of only jobs
    (nothing to learn) gives an empty frame with these columns.

    Examples
    --------
    >>> from routes import build_graph, load_dataset
    >>> from routes.planner import Query, plan
    >>> G = build_graph(load_dataset("tests/fixtures/mini"))
    >>> route = plan(G, Query(holds=("geen-startkwalificatie",), target="verzorgende-ig"))[0]
    >>> frame = timeline_frame(G, route)
    >>> frame.groupby("case")["end"].max().to_dict() == {"snelst": route.months_min, "langst": route.months_max}
    True
    """
    import pandas as pd  # imported when used: it costs start-up time of every page

    quick, slow = case_names(lang)
    paid, unpaid = pay_names(lang)
    rows = []
    start_min = start_max = 0
    number = 0
    for step in route.steps:
        if step.kind == ACCESS:
            continue
        number += 1
        name = G.nodes[step.to_id]["name"] if step.to_id in G else step.to_id
        common = {
            "number": number,
            "label": f"{number}. {name}",
            "paid": step.paid,
            "pay_label": paid if step.paid else unpaid,
            "duration": describe_months(step.months_min, step.months_max, lang),
            "kind": kind_label(step.kind, lang),
        }
        rows.append({**common, "case": quick, "start": start_min, "end": start_min + step.months_min})
        rows.append({**common, "case": slow, "start": start_max, "end": start_max + step.months_max})
        start_min += step.months_min
        start_max += step.months_max
    return pd.DataFrame(rows, columns=list(COLUMNS))
