"""Routes as readable Dutch text (for the command line and plain exports)."""

from __future__ import annotations

import networkx as nx

from .explain import describe_months
from .planner import Route

__all__ = ["route_text"]

KIND_LABELS = {
    "access": "aan het werk",
    "bbl": "BBL (werken en leren)",
    "bol": "BOL (school en stage)",
    "voltijd": "voltijd",
    "deeltijd": "deeltijd",
    "duaal": "duaal",
    "verkort": "verkorte opleiding",
    "combi": "combi-opleiding",
    "evc": "EVC",
    "certificaat": "certificaat",
    "werkervaring": "werkervaring",
    "inservice": "opleiding bij je werkgever",
    "post-initieel": "vervolgopleiding",
    "toelatingstoets": "toelatingstoets",
    "erkenning": "erkenning diploma",
    "programma": "regionaal programma",
    "orientatie": "oriëntatie",
}


def route_text(G: nx.MultiDiGraph, route: Route, *, number: int | None = None) -> str:
    """A route as numbered lines of plain Dutch."""
    head = f"Route {number}: " if number else "Route: "
    money = "je verdient tijdens de hele route" if route.paid else "niet elke stap is betaald"
    cost = f"kosten: € {route.cost_eur}" if route.cost_eur else ("kosten: onbekend" if route.cost_eur is None else "")
    lines = [head + ", ".join(p for p in (describe_months(route.months_min, route.months_max), money, cost) if p)]
    programmes = G.graph.get("programmes", {})
    for i, step in enumerate(route.steps, 1):
        label = KIND_LABELS.get(step.kind, step.kind)
        pay = "betaald" if step.paid else "onbetaald"
        lines.append(
            f"  {i}. {G.nodes[step.from_id]['name']} → {G.nodes[step.to_id]['name']}"
            f" — {label}, {describe_months(step.months_min, step.months_max)}, {pay}"
        )
        lines.append(f"     {step.why}")
        for pid in step.programmes:
            p = programmes[pid]
            lines.append(f"     Hulp: {p['name']} ({p['organiser']})" + (f" {p['url']}" if p["url"] else ""))
    return "\n".join(lines)
