"""Plain explanations (B1 Dutch, or English): why a step is needed, what it gives, why no route fits.

The graph's language (``G.graph["lang"]``, from the dataset it was built from; see
:func:`routes.translation.localize`) decides the language of the sentences made here,
so the names in them and the sentences around them always agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import networkx as nx

from .graph import ACCESS

if TYPE_CHECKING:
    from .planner import Query, Route

__all__ = [
    "LEVEL_WORDS",
    "assumption_messages",
    "describe_months",
    "explain_step",
    "gate_conditions",
    "relax_message",
    "route_label",
]

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

LEVEL_WORDS_EN = {
    "mbo-1": "mbo level 1",
    "mbo-2": "mbo level 2",
    "mbo-3": "mbo level 3",
    "mbo-4": "mbo level 4",
    "ad": "Associate degree (hbo)",
    "hbo": "hbo (university of applied sciences)",
    "wo": "university",
    "master": "master",
}

_KIND_SENTENCES_EN = {
    "bbl": "You work and learn at the same time (BBL). You get paid.",
    "bol": "You go to school and do work placements (BOL).",
    "voltijd": "You study full-time.",
    "deeltijd": "You study part-time, next to your work or family.",
    "duaal": "You study and work at the same time (work-study).",
    "verkort": "You already have a diploma, so the course is shorter.",
    "combi": "One course gives you two diplomas.",
    "evc": "You show what you can already do. This gives you a certificate of experience.",
    "certificaat": "You get a certificate for part of the work.",
    "werkervaring": "You grow in your work.",
    "inservice": "You take a course with your employer while you work.",
    "post-initieel": "You take a further course after your diploma.",
    "toelatingstoets": "You take a test so that you may start after all.",
    "erkenning": "You have your foreign diploma recognised.",
    "programma": "A regional programme guides you step by step.",
    "orientatie": "First you take a look around in care.",
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


def _years(months: int, lang: str) -> str:
    text = f"{months / 12:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "nl" else text


def describe_months(low: int, high: int, lang: str = "nl") -> str:
    """A duration as people say it: months below two years, years (by halves) above.

    The one way durations are written, in Dutch (``lang="nl"``) or English.
    A range that reaches two years or more is given in years: its lower end
    rounded down and its upper end rounded up to half years, so the range
    always holds the real months.

    >>> describe_months(12, 18)
    '12 tot 18 maanden'
    >>> describe_months(18, 36)
    '1,5 tot 3 jaar'
    >>> describe_months(61, 61)
    'ongeveer 5 jaar'
    >>> describe_months(96, 111)
    '8 tot 9,5 jaar'
    >>> describe_months(1, 1)
    '1 maand'
    >>> describe_months(0, 0)
    'meteen'
    >>> describe_months(12, 30, "en")
    '1 to 2.5 years'
    >>> describe_months(24, 24, "en")
    '2 years'
    """
    nl = lang == "nl"
    if high == 0:
        return "meteen" if nl else "right away"
    if high < 24:
        unit = ("maand" if nl else "month") if high == 1 else ("maanden" if nl else "months")
        if low == high:
            return f"{low} {unit}"
        return f"{low} {'tot' if nl else 'to'} {high} {unit}"
    unit = "jaar" if nl else "years"
    if low == high:
        if low % 6 == 0:
            return f"{_years(low, lang)} {unit}"
        return f"{'ongeveer' if nl else 'about'} {_years(round(low / 6) * 6, lang)} {unit}"
    lo, hi = (low // 6) * 6, -(-high // 6) * 6
    if lo == hi:
        return f"{_years(lo, lang)} {unit}"
    return f"{_years(lo, lang)} {'tot' if nl else 'to'} {_years(hi, lang)} {unit}"


_LABELS = {
    "nl": {
        "fastest": "snelste route",
        "fewest-steps": "minste stappen",
        "cheapest": "goedkoopste route",
        "earn-most": "meeste loon tijdens het leren",
        "paid": "werkend leren, met loon",
        "work-learn": "werkend leren",
        "shortened": "verkorte route met je ervaring",
        "school": "via school",
        "part-time": "in deeltijd",
        "admission-test": "met een toelatingstoets (niet zeker)",
        "age": "vanaf {value} jaar",
        "via": "via {value}",
        "programme": "met {value}",
    },
    "en": {
        "fastest": "fastest route",
        "fewest-steps": "fewest steps",
        "cheapest": "cheapest route",
        "earn-most": "most pay while learning",
        "paid": "learn while you work, paid",
        "work-learn": "learn while you work",
        "shortened": "shortened route with your experience",
        "school": "at school",
        "part-time": "part-time",
        "admission-test": "with an admission test (not certain)",
        "age": "from age {value}",
        "via": "via {value}",
        "programme": "with {value}",
    },
}


def route_label(parts, lang: str = "nl") -> str:
    """A route's label (what makes it different) in a few words.

    >>> route_label((("fastest", None), ("paid", None)))
    'snelste route · werkend leren, met loon'
    >>> route_label((("via", "Helpende zorg en welzijn"),), "en")
    'via Helpende zorg en welzijn'
    """
    words = _LABELS.get(lang, _LABELS["nl"])
    return " · ".join(words[code].format(value=value) for code, value in parts if code in words)


def assumption_messages(G: nx.MultiDiGraph, holds, lang: str = "nl") -> list[str]:
    """What the planner assumed about the person (previous work without a diploma)."""
    from .planner import assumed_holds

    extra = [h for h in assumed_holds(G, holds) if h not in set(holds)]
    if not extra:
        return []
    names = ", ".join(G.nodes[h]["name"] for h in extra)
    if lang == "nl":
        return [f"Je noemde geen diploma. We gaan uit van: {names}. Klopt dat niet? Kies je eigen diploma."]
    return [f"You named no diploma. We assume: {names}. Not right? Choose your own diploma."]


def gate_conditions(step, lang: str = "nl") -> list[str]:
    """The gates of a step (age, hours, VOG, Dutch level) as conditions with what to do."""
    nl = lang == "nl"
    out = []
    if step.min_age:
        out.append(
            f"Je moet minstens {step.min_age} jaar zijn." if nl else f"You must be at least {step.min_age} years old."
        )
    if step.min_hours_per_week:
        out.append(
            f"Je werkt of leert minstens {step.min_hours_per_week} uur per week."
            if nl
            else f"You work or study at least {step.min_hours_per_week} hours a week."
        )
    if step.vog:
        out.append(
            "Je hebt een VOG nodig (Verklaring Omtrent het Gedrag). De school of werkgever vraagt die voor je aan; "
            "je betaalt hem soms zelf."
            if nl
            else "You need a VOG (certificate of conduct). The school or employer requests it for you."
        )
    if step.language:
        out.append(
            f"Je Nederlands moet op niveau {step.language} zijn. Nog niet zo ver? Begin met een NT2-cursus."
            if nl
            else f"Your Dutch must be at level {step.language}. Not there yet? Start with a Dutch (NT2) course."
        )
    return out


def explain_step(G: nx.MultiDiGraph, u: str, v: str, data: dict) -> str:
    """Why this step, and what it gives, in plain words (the graph's language)."""
    target = G.nodes[v]
    source = G.nodes[u]
    nl = G.graph.get("lang", "nl") == "nl"
    if data["kind"] == ACCESS:
        if nl:
            what = {"qualification": "dit diploma", "certificate": "dit certificaat"}.get(
                source["kind"], source["name"]
            )
            return f"Met {what} mag je werken als {target['name']}."
        what = {"qualification": "this diploma", "certificate": "this certificate"}.get(source["kind"], source["name"])
        return f"With {what} you may work as {target['name']}."
    parts = []
    if data.get("why"):
        parts.append(data["why"])
    else:
        parts.append((_KIND_SENTENCES if nl else _KIND_SENTENCES_EN).get(data["kind"], ""))
        if target["kind"] == "qualification":
            level = (LEVEL_WORDS if nl else LEVEL_WORDS_EN).get(target.get("level") or "", "")
            lead = "Je haalt het diploma" if nl else "You get the diploma"
            parts.append(f"{lead} {target['name']}" + (f" ({level})." if level else "."))
        elif target["kind"] == "certificate":
            parts.append(f"{'Je haalt' if nl else 'You get'}: {target['name']}.")
        elif target["kind"] == "function":
            parts.append(f"Zo word je {target['name']}." if nl else f"This is how you become {target['name']}.")
    if data.get("admission"):
        parts.append(
            f"Met {source['name']} mag je aan deze opleiding beginnen."
            if nl
            else f"With {source['name']} you may start this course."
        )
    if data.get("also"):
        parts.append(
            "Dit diploma krijg je erbij in dezelfde opleiding."
            if nl
            else "You get this diploma too, in the same course."
        )
    return " ".join(p for p in parts if p)


def relax_message(
    G: nx.MultiDiGraph,
    query: Query,
    constraint: str,
    route: Route | None,
    *,
    regions: Sequence[tuple[str, Route | None]] = (),
) -> str:
    """One sentence on what to relax to find a route (the graph's language).

    ``constraint="region"`` with ``regions``: the regions (other than the query's) that
    have a route, fastest first, the first ones with that route; ``route`` is not used.
    """
    lang = G.graph.get("lang", "nl")
    nl = lang == "nl"
    if constraint == "region" and regions:
        return _regions_message(G, query, regions, lang)
    target = G.nodes[query.target]["name"] if query.target else ("je doel" if nl else "your goal")
    if constraint == "none" or route is None:
        held = ", ".join(G.nodes[h]["name"] for h in query.holds)
        if nl:
            return f"Er is geen route van {held} naar {target} in onze gegevens."
        return f"Our data has no route from {held} to {target}."
    span = describe_months(route.months_min, route.months_max, lang)
    via = G.nodes[query.via]["name"] if query.via else ""
    if nl:
        sentences = {
            "paid_only": "Met alleen betaald leren lukt het niet. "
            f"Als je ook onbetaald leert (BOL), kan het wel: {span}.",
            "max_months": f"Het lukt niet binnen {query.max_months} maanden. De snelste route duurt {span}.",
            "max_level": f"Het lukt niet tot {LEVEL_WORDS.get(query.max_level or '', query.max_level)}. "
            f"Met een hoger niveau kan het wel: {span}.",
            "avoid": f"Zonder de stations die je wilt overslaan lukt het niet. Met die stations wel: {span}.",
            "via": f"Via {via} lukt het niet. Zonder die tussenstop wel: {span}.",
            "hours_per_week": f"Met {query.hours_per_week} uur per week lukt het niet. Met meer uren wel: {span}.",
            "age": f"Op je leeftijd ({query.age}) lukt het nog niet. Als je ouder bent wel: {span}.",
            "all": f"Met al deze eisen samen lukt het niet. Zonder eisen duurt de snelste route {span}.",
        }
    else:
        sentences = {
            "paid_only": f"Only paid learning does not work. If you also learn unpaid (BOL), it does: {span}.",
            "max_months": f"It does not work within {query.max_months} months. The fastest route takes {span}.",
            "max_level": f"It does not work up to {LEVEL_WORDS_EN.get(query.max_level or '', query.max_level)}. "
            f"With a higher level it does: {span}.",
            "avoid": f"Without the stations you want to skip, it does not work. With them it does: {span}.",
            "via": f"Via {via} it does not work. Without that stop it does: {span}.",
            "hours_per_week": f"With {query.hours_per_week} hours a week it does not work. "
            f"With more hours it does: {span}.",
            "age": f"At your age ({query.age}) it does not work yet. When you are older it does: {span}.",
            "all": f"With all these wishes together it does not work. Without them the fastest route takes {span}.",
        }
    return sentences[constraint]


def _regions_message(G: nx.MultiDiGraph, query: Query, regions: Sequence[tuple[str, Route | None]], lang: str) -> str:
    """Where a route does exist: the regions by name, the fastest with its duration, the rest counted.

    >>> import networkx as nx
    >>> from routes.planner import Query, Route
    >>> G = nx.MultiDiGraph(regions={"a": "Regio A", "b": "Regio B", "c": "Regio C"})
    >>> _regions_message(G, Query(holds=("s",), target="t"), [("a", Route(())), ("b", None)], "nl")
    "Zonder regio vinden we geen route. In deze regio's wel: Regio A (meteen) en 1 andere. Kies je regio ..."
    >>> _regions_message(G, Query(holds=("s",), target="t", region="c"), [("a", Route(()))], "en")
    'We find no route in Regio C. In another region we do: Regio A (right away).'
    """
    nl = lang == "nl"
    names = G.graph.get("regions", {})
    shown = [
        f"{names.get(region, region)} ({describe_months(route.months_min, route.months_max, lang)})"
        for region, route in regions
        if route is not None
    ] or [names.get(region, region) for region, _ in regions[:1]]
    # Region names hold commas and "en" themselves ("Haaglanden, Rijn Gouwe en ..."): semicolons part them.
    listed = "; ".join(shown)
    more = len(regions) - len(shown)
    if more:
        listed += f" en {more} andere" if nl else f" and {more} more"
    one = len(regions) == 1
    if query.region is None:
        if nl:
            where = "In één regio wel" if one else "In deze regio's wel"
            return f"Zonder regio vinden we geen route. {where}: {listed}. Kies je regio om te zien wat daar kan."
        where = "In one region we do" if one else "In these regions we do"
        return f"Without a region we find no route. {where}: {listed}. Choose your region to see what you can do there."
    own = names.get(query.region, query.region)
    if nl:
        where = "In een andere regio wel" if one else "In andere regio's wel"
        return f"In {own} vinden we geen route. {where}: {listed}."
    where = "In another region we do" if one else "In other regions we do"
    return f"We find no route in {own}. {where}: {listed}."
