"""Plain-Dutch (B1) explanations: why a step is needed, what it gives, why no route fits."""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from .graph import ACCESS

if TYPE_CHECKING:
    from .planner import Query, Route

__all__ = ["LEVEL_WORDS", "describe_months", "explain_step", "relax_message"]

LEVEL_WORDS = {
    "mbo-1": "mbo niveau 1",
    "mbo-2": "mbo niveau 2",
    "mbo-3": "mbo niveau 3",
    "mbo-4": "mbo niveau 4",
    "ad": "Associate degree (hbo)",
    "hbo": "hbo",
    "wo": "universiteit",
    "master": "master",
}

_KIND_SENTENCES = {
    "bbl": "Je werkt en leert tegelijk (BBL). Je krijgt loon.",
    "bol": "Je gaat naar school en loopt stage (BOL).",
    "voltijd": "Je studeert voltijd.",
    "deeltijd": "Je studeert in deeltijd, naast je werk of gezin.",
    "duaal": "Je studeert en werkt tegelijk (duaal).",
    "verkort": "Omdat je al een diploma hebt, is de opleiding korter.",
    "combi": "In één opleiding haal je twee diploma's.",
    "evc": "Je laat zien wat je al kunt. Dat levert een ervaringscertificaat op.",
    "certificaat": "Je haalt een certificaat voor een deel van het werk.",
    "werkervaring": "Je groeit door in je werk.",
    "inservice": "Je volgt een opleiding bij je werkgever, terwijl je werkt.",
    "post-initieel": "Je volgt een vervolgopleiding na je diploma.",
    "toelatingstoets": "Je doet een toets om toch te mogen beginnen.",
    "erkenning": "Je laat je diploma uit het buitenland erkennen.",
    "programma": "Een regionaal programma begeleidt je stap voor stap.",
    "orientatie": "Je kijkt eerst rond in de zorg.",
}


def describe_months(low: int, high: int) -> str:
    """'18 maanden', '1 tot 2 jaar', '2,5 jaar' — durations as people say them.

    >>> describe_months(12, 24)
    '1 tot 2 jaar'
    >>> describe_months(6, 9)
    '6 tot 9 maanden'
    >>> describe_months(0, 0)
    'meteen'
    """
    if high == 0:
        return "meteen"

    def years(m: int) -> str:
        text = f"{m / 12:.1f}".rstrip("0").rstrip(".").replace(".", ",")
        return text

    if high >= 24 and low % 6 == 0 and high % 6 == 0:
        return f"{years(low)} jaar" if low == high else f"{years(low)} tot {years(high)} jaar"
    if high >= 12 and low % 12 == 0 and high % 12 == 0:
        return f"{years(low)} jaar" if low == high else f"{years(low)} tot {years(high)} jaar"
    unit = "maand" if high == 1 else "maanden"
    return f"{low} {unit}" if low == high else f"{low} tot {high} maanden"


def explain_step(G: nx.MultiDiGraph, u: str, v: str, data: dict) -> str:
    """Why this step, and what it gives, in plain Dutch."""
    target = G.nodes[v]
    source = G.nodes[u]
    if data["kind"] == ACCESS:
        what = {"qualification": "dit diploma", "certificate": "dit certificaat"}.get(source["kind"], source["name"])
        return f"Met {what} mag je werken als {target['name']}."
    parts = []
    if data.get("why"):
        parts.append(data["why"])
    else:
        parts.append(_KIND_SENTENCES.get(data["kind"], ""))
        if target["kind"] == "qualification":
            level = LEVEL_WORDS.get(target.get("level") or "", "")
            parts.append(f"Je haalt het diploma {target['name']}" + (f" ({level})." if level else "."))
        elif target["kind"] == "certificate":
            parts.append(f"Je haalt: {target['name']}.")
        elif target["kind"] == "function":
            parts.append(f"Zo word je {target['name']}.")
    if data.get("admission"):
        parts.append(f"Met {source['name']} mag je aan deze opleiding beginnen.")
    if data.get("also"):
        parts.append("Dit diploma krijg je erbij in dezelfde opleiding.")
    return " ".join(p for p in parts if p)


def relax_message(G: nx.MultiDiGraph, query: Query, constraint: str, route: Route | None) -> str:
    """One sentence on what to relax to find a route."""
    target = G.nodes[query.target]["name"] if query.target else "je doel"
    if constraint == "none" or route is None:
        held = ", ".join(G.nodes[h]["name"] for h in query.holds)
        return f"Er is geen route van {held} naar {target} in onze gegevens."
    span = describe_months(route.months_min, route.months_max)
    sentences = {
        "paid_only": f"Met alleen betaald leren lukt het niet. Als je ook onbetaald leert (BOL), kan het wel: {span}.",
        "max_months": f"Het lukt niet binnen {query.max_months} maanden. De snelste route duurt {span}.",
        "max_level": f"Het lukt niet tot {LEVEL_WORDS.get(query.max_level or '', query.max_level)}. "
        f"Met een hoger niveau kan het wel: {span}.",
        "region": "In deze regio vinden we geen route. Elders wel: " + span + ".",
        "avoid": f"Zonder de stations die je wilt overslaan lukt het niet. Met die stations wel: {span}.",
        "via": f"Via {G.nodes[query.via]['name'] if query.via else ''} lukt het niet. "
        f"Zonder die tussenstop wel: {span}.",
        "hours_per_week": f"Met minder uren per week lukt het niet. Met meer uren wel: {span}.",
        "all": f"Met al deze eisen samen lukt het niet. Zonder eisen duurt de snelste route {span}.",
    }
    return sentences[constraint]
