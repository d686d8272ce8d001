"""Ready scenarios for the classroom presenter, as data the presenter steps through.

A scenario lives in ``data/scenarios.yaml`` (:class:`routes.models.Scenario`) and
is one of two kinds:

* ``route``: from a start to a job. :func:`route_scenario` asks the real planner
  (:func:`routes.planner.plan`) for the best route, so the scenario always
  follows the data, and turns each station of that route into a :class:`Stop`
  with one short plain-Dutch (B1) text, and English. Durations are written by
  :func:`routes.explain.describe_months`, so they read as on the planner pages.
* ``reach``: "wat kun je worden met jouw diploma". :func:`reach_scenario` asks
  :func:`routes.planner.reach` which jobs a start leads to and lists every
  station on the way, each with how many steps and months away it is.

A scenario whose route no longer exists (the data changed) gives a result with
``message`` set and no stops, never an exception; ``python -m routes validate``
reports it through :func:`scenario_problems`.

Examples
--------
>>> from routes import build_graph, load_dataset
>>> dataset = load_dataset()
>>> G = build_graph(dataset)
>>> walk = route_scenario(G, dataset.scenarios["vmbo-kb-naar-verpleegkundige"])
>>> walk.stops[0].station_id, walk.stops[-1].station_id
('vmbo-kb', 'mbo-verpleegkundige')
>>> walk.stops[-1].text
'Nu kun je werken als mbo-verpleegkundige.'
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import networkx as nx

from .errors import NoRoute, UnknownStation
from .explain import describe_months
from .graph import ACCESS
from .models import Scenario, ScenarioKind
from .planner import Query, Route, RouteStep, assumed_holds, plan, reach

__all__ = [
    "MAX_WORDS",
    "ReachStation",
    "ScenarioReach",
    "ScenarioRoute",
    "Stop",
    "reach_scenario",
    "route_scenario",
    "run_scenario",
    "scenario_problems",
    "scenario_query",
    "start_sentence",
    "step_sentence",
]

MAX_WORDS = 20  # a generated text is at most this many words: readable from the back of a classroom

# What a step of each kind means for the learner, in one short sentence (nl, en).
_KIND_TEXT = {
    "bol": ("Je gaat naar school en loopt stage (BOL).", "You go to school and do internships (BOL)."),
    "bbl": ("Je leert en werkt tegelijk (BBL).", "You learn and work at the same time (BBL)."),
    "voltijd": ("Je studeert voltijd.", "You study full time."),
    "deeltijd": ("Je studeert in deeltijd, naast je werk.", "You study part time, next to your job."),
    "duaal": ("Je studeert en werkt tegelijk (duaal).", "You study and work at the same time (dual)."),
    "verkort": ("Je opleiding is korter, want je weet al veel.", "Your course is shorter: you know a lot already."),
    "combi": ("In één opleiding haal je twee diploma's.", "One course gives you two diplomas."),
    "evc": ("Je laat zien wat je al kunt (EVC).", "You show what you can already do (EVC)."),
    "certificaat": (
        "Je haalt een certificaat voor een deel van het werk.",
        "You get a certificate for part of the work.",
    ),
    "werkervaring": ("Je leert in je werk en groeit door.", "You learn on the job and grow."),
    "inservice": ("Je volgt een opleiding bij je werkgever.", "Your employer trains you."),
    "post-initieel": ("Je volgt een vervolgopleiding.", "You take a further course."),
    "toelatingstoets": ("Je doet een toets om toch te mogen beginnen.", "You take a test so you may start anyway."),
    "erkenning": ("Je laat je diploma uit het buitenland erkennen.", "You have your foreign diploma recognised."),
    "programma": ("Een programma in je regio helpt je stap voor stap.", "A regional programme helps you step by step."),
    "orientatie": ("Je kijkt eerst rond in de zorg.", "You first look around in care."),
}
_STEP_FALLBACK = ("Je zet een volgende stap.", "You take the next step.")


@dataclass(frozen=True)
class Stop:
    """One station of a route scenario, as the presenter shows it.

    ``step_id`` is the step of the data that brings you here: ``None`` for the
    start, and for the last move into a job (a diploma gives access, no step).
    ``kind`` is ``"start"``, ``"access"`` (now you may work as …) or the step's
    kind (``"bol"``, ``"bbl"``, …). ``months`` is (min, max) for this stop alone.
    ``custom`` is true when the Dutch text comes from the scenarios file.
    """

    station_id: str
    name: str
    step_id: str | None
    kind: str
    months: tuple[int, int]
    text: str
    text_en: str
    custom: bool = False

    def sentence(self, lang: str = "nl") -> str:
        """The stop's text in ``lang`` (``"nl"`` or ``"en"``)."""
        return self.text_en if lang == "en" else self.text


@dataclass(frozen=True)
class ScenarioRoute:
    """A route scenario resolved on the data: its stops in route order, or a message why not."""

    scenario_id: str
    title: str
    title_en: str
    stops: tuple[Stop, ...] = ()
    months: tuple[int, int] = (0, 0)
    message: str | None = None  # set when the route no longer exists: show this instead of the stops
    message_en: str | None = None

    @property
    def ok(self) -> bool:
        return self.message is None


@dataclass(frozen=True)
class ReachStation:
    """A station that lights up in a reach scenario: how many learning steps and months away."""

    station_id: str
    name: str
    kind: str  # "qualification", "certificate" or "function"
    steps: int
    months: tuple[int, int]


@dataclass(frozen=True)
class ScenarioReach:
    """A reach scenario resolved on the data: the stations that light up.

    ``start_ids`` are the stations the planner starts from (with the diploma
    assumed for previous work); ``stations`` every station on the best route to
    each job in ``jobs``, nearest first; ``intro`` one short B1 text.
    """

    scenario_id: str
    title: str
    title_en: str
    start_ids: tuple[str, ...]
    intro: str
    intro_en: str
    stations: tuple[ReachStation, ...] = ()
    jobs: tuple[str, ...] = ()
    message: str | None = None
    message_en: str | None = None

    @property
    def ok(self) -> bool:
        return self.message is None

    def by_steps(self) -> dict[int, tuple[str, ...]]:
        """Station ids grouped by the number of learning steps from the start (1, 2, …)."""
        groups: dict[int, list[str]] = {}
        for station in self.stations:
            groups.setdefault(station.steps, []).append(station.station_id)
        return {steps: tuple(ids) for steps, ids in sorted(groups.items())}

    def by_years(self) -> dict[int, tuple[str, ...]]:
        """Station ids grouped by whole years away at most (1 = within a year, 2 = within two, …)."""
        groups: dict[int, list[str]] = {}
        for station in self.stations:
            groups.setdefault(max(1, -(-station.months[1] // 12)), []).append(station.station_id)
        return {years: tuple(ids) for years, ids in sorted(groups.items())}


def scenario_query(scenario: Scenario) -> Query:
    """The planner query a scenario stands for.

    >>> from routes.models import Scenario
    >>> s = Scenario.model_validate({"id": "x", "kind": "route", "title": {"nl": "X"}, "from": "havo", "to": "y"})
    >>> scenario_query(s).holds, scenario_query(s).target
    (('havo',), 'y')
    """
    return Query(
        holds=tuple(dict.fromkeys(scenario.from_)),
        target=scenario.to,
        via=scenario.via,
        region=scenario.region,
        group=scenario.group.value if scenario.group else None,
        age=scenario.age,
        hours_per_week=scenario.hours_per_week,
    )


def _lower_first(name: str) -> str:
    """A name inside a sentence: "Havo-diploma" -> "havo-diploma", but "IC-verpleegkundige" stays."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def _duration(low: int, high: int, lang: str) -> str:
    if high == 0:
        return "Dit kan meteen." if lang == "nl" else "This can start right away."
    return (
        f"Dit duurt {describe_months(low, high)}."
        if lang == "nl"
        else f"This takes {describe_months(low, high, 'en')}."
    )


def start_sentence(G: nx.MultiDiGraph, station_id: str, holds=(), lang: str = "nl") -> str:
    """The text of a route's first stop: what you start with.

    ``holds`` are the planner's starting points; previous work among them that is
    not the first stop is named too ("Je hebt ook werkervaring: …").

    >>> from routes import build_graph, load_dataset
    >>> start_sentence(build_graph(load_dataset()), "havo")
    'Je begint met: havo-diploma.'
    """
    nl = lang == "nl"
    node = G.nodes[station_id]
    name = _lower_first(node["name"])
    if node["kind"] == "function":
        text = f"Je werkt nu als {name}." if nl else f"You now work as {name}."
    elif node["kind"] == "start" and node.get("previous_work"):
        text = f"Je begint met je werkervaring: {name}." if nl else f"You start with your work experience: {name}."
    elif node["kind"] in ("qualification", "certificate"):
        what = "diploma" if node["kind"] == "qualification" else ("certificaat" if nl else "certificate")
        text = f"Je begint met je {what}: {name}." if nl else f"You start with your {what}: {name}."
    else:
        text = f"Je begint met: {name}." if nl else f"You start with: {name}."
    work = [h for h in holds if h != station_id and h in G and G.nodes[h].get("previous_work")]
    if work:
        names = ", ".join(_lower_first(G.nodes[h]["name"]) for h in work)
        text += f" Je hebt ook werkervaring: {names}." if nl else f" You also have work experience: {names}."
    return text


def step_sentence(G: nx.MultiDiGraph, step: RouteStep, lang: str = "nl") -> str:
    """The text of the stop a route step leads to, built from the step's data.

    What kind of step it is (BOL, BBL, …), whether you are paid, from which age,
    and how long it takes, as :func:`routes.explain.describe_months` says it.
    A step into a job says that you may now work there.

    >>> from routes import build_graph, load_dataset
    >>> from routes.planner import Query, plan
    >>> G = build_graph(load_dataset())
    >>> route = plan(G, Query(holds=("vmbo-kb",), target="mbo-verpleegkundige"))[0]
    >>> step_sentence(G, route.steps[0])
    'Je leert en werkt tegelijk (BBL). Je krijgt loon. Dit duurt 2,5 tot 4 jaar.'
    """
    nl = lang == "nl"
    if step.kind == ACCESS:
        name = _lower_first(G.nodes[step.to_id]["name"])
        return f"Nu kun je werken als {name}." if nl else f"Now you can work as {name}."
    parts = [_KIND_TEXT.get(step.kind, _STEP_FALLBACK)[0 if nl else 1]]
    if step.paid:
        parts.append("Je krijgt loon." if nl else "You are paid.")
    if step.min_age:
        parts.append(f"Vanaf {step.min_age} jaar." if nl else f"From age {step.min_age}.")
    parts.append(_duration(step.months_min, step.months_max, lang))
    return " ".join(parts)


def _no_route(scenario: Scenario, why: str) -> ScenarioRoute:
    return ScenarioRoute(
        scenario.id,
        scenario.title.nl,
        scenario.title.en or scenario.title.nl,
        message=f"Deze route bestaat niet meer in de gegevens. {why}".strip(),
        message_en="This route no longer exists in the data. Ask whoever keeps the data to update the scenario.",
    )


def _best_route(G: nx.MultiDiGraph, scenario: Scenario) -> Route | str:
    """The planner's best route for a route scenario, or why there is none (Dutch)."""
    try:
        return plan(G, scenario_query(scenario))[0]
    except NoRoute as exc:
        return " ".join(exc.messages)
    except UnknownStation as exc:
        return f"Het station {exc.station_id!r} bestaat niet meer."
    except ValueError as exc:
        return str(exc)


def route_scenario(G: nx.MultiDiGraph, scenario: Scenario) -> ScenarioRoute:
    """The stops of a route scenario, in the order of the planner's best route.

    The first stop is the route's start (``step_id`` ``None``); each next stop is
    where a step of the route leads, with that step's months and text. A text
    from the scenario's ``sentences`` replaces the generated Dutch (and English,
    when given) text; a learning step's duration is added to it.
    Never raises for a route that no longer exists: ``message`` says so.
    """
    title_en = scenario.title.en or scenario.title.nl
    if scenario.kind is not ScenarioKind.ROUTE:
        return replace(
            _no_route(scenario, ""), message="Dit is geen route-scenario.", message_en="Not a route scenario."
        )
    route = _best_route(G, scenario)
    if isinstance(route, str):
        return _no_route(scenario, route)
    holds = assumed_holds(G, scenario.from_)
    first = route.nodes[0]
    stops = [
        Stop(
            first,
            G.nodes[first]["name"],
            None,
            "start",
            (0, 0),
            start_sentence(G, first, holds, "nl"),
            start_sentence(G, first, holds, "en"),
        )
    ]
    for step in route.steps:
        stops.append(
            Stop(
                step.to_id,
                G.nodes[step.to_id]["name"],
                step.step_id,
                step.kind,
                (step.months_min, step.months_max),
                step_sentence(G, step, "nl"),
                step_sentence(G, step, "en"),
            )
        )
    stops = [_with_override(stop, scenario) for stop in stops]
    return ScenarioRoute(scenario.id, scenario.title.nl, title_en, tuple(stops), (route.months_min, route.months_max))


def _with_override(stop: Stop, scenario: Scenario) -> Stop:
    own = scenario.sentences.get(stop.station_id)
    if own is None:
        return stop
    timed = stop.kind not in ("start", ACCESS)
    nl = own.nl + (" " + _duration(*stop.months, "nl") if timed else "")
    en = (own.en + (" " + _duration(*stop.months, "en") if timed else "")) if own.en else stop.text_en
    return replace(stop, text=nl, text_en=en, custom=True)


def _intro(G: nx.MultiDiGraph, start_ids: tuple[str, ...], jobs: int, near: int) -> tuple[str, str]:
    name = _lower_first(G.nodes[start_ids[0]]["name"]) if start_ids else "dit"
    if not jobs:
        return f"Met {name} vinden we nu geen beroepen.", f"With {name} we find no jobs right now."
    nl = f"Met {name} kun je kiezen uit {jobs} beroepen."
    en = f"With {name} you can choose from {jobs} jobs."
    more_nl, more_en = f" Voor {near} is één opleiding genoeg.", f" For {near}, one course is enough."
    if near and len((nl + more_nl).split()) <= MAX_WORDS:  # a long start name: the first sentence alone
        nl, en = nl + more_nl, en + more_en
    return nl, en


def reach_scenario(G: nx.MultiDiGraph, scenario: Scenario) -> ScenarioReach:
    """The stations that light up in a reach scenario ("wat kun je worden met jouw diploma").

    Every job :func:`routes.planner.reach` finds from the scenario's start, and
    every diploma and certificate on the best route to it, each with the fewest
    learning steps and months (of the quickest such route) from the start;
    nearest first. Never raises: ``message`` says when nothing is reachable.
    """
    title_en = scenario.title.en or scenario.title.nl
    query = scenario_query(_without_target(scenario))
    try:
        found = reach(G, query, within_months=scenario.within_months)
        start_ids = assumed_holds(G, query.holds)
    except (UnknownStation, ValueError) as exc:
        why = f"Het station {exc.station_id!r} bestaat niet meer." if isinstance(exc, UnknownStation) else str(exc)
        return ScenarioReach(
            scenario.id,
            scenario.title.nl,
            title_en,
            tuple(scenario.from_),
            "",
            "",
            message=f"Dit scenario werkt niet meer met de gegevens. {why}",
            message_en="This scenario no longer works with the data. Ask whoever keeps the data to update it.",
        )
    best: dict[str, tuple[int, int, int]] = {}  # station -> (months max, months min, steps)
    for _job, route in found:
        low = high = steps = 0
        for step in route.steps:
            low, high = low + step.months_min, high + step.months_max
            steps += step.kind != ACCESS
            if step.to_id in start_ids:
                continue
            key = (high, low, steps)
            if step.to_id not in best or key < best[step.to_id]:
                best[step.to_id] = key
    stations = tuple(
        ReachStation(sid, G.nodes[sid]["name"], G.nodes[sid]["kind"], steps, (low, high))
        for sid, (high, low, steps) in sorted(best.items(), key=lambda item: (item[1][2], item[1][0], item[0]))
    )
    jobs = tuple(job for job, _ in found)
    near = sum(1 for route in (r for _, r in found) if route.learning_steps <= 1)
    intro, intro_en = _intro(G, start_ids, len(jobs), near)
    message = message_en = None
    if not jobs:
        message = "Met dit startpunt vinden we geen beroepen in de gegevens."
        message_en = "From this start we find no jobs in the data."
    return ScenarioReach(
        scenario.id, scenario.title.nl, title_en, start_ids, intro, intro_en, stations, jobs, message, message_en
    )


def _without_target(scenario: Scenario) -> Scenario:
    """The scenario without a target (reach scenarios have none; kept safe for any input)."""
    return scenario.model_copy(update={"to": None, "via": None}) if scenario.to or scenario.via else scenario


def run_scenario(G: nx.MultiDiGraph, scenario: Scenario) -> ScenarioRoute | ScenarioReach:
    """A scenario resolved on the data: :func:`route_scenario` or :func:`reach_scenario` by its kind."""
    if scenario.kind is ScenarioKind.REACH:
        return reach_scenario(G, scenario)
    return route_scenario(G, scenario)


def scenario_problems(G: nx.MultiDiGraph, scenario: Scenario) -> list[tuple[tuple, str]]:
    """What is wrong with a scenario on this data, as (field path, message) pairs.

    A route that no longer exists (at ``to``), a reach scenario that reaches no
    job (at ``from``), a sentence for a station that is not a stop of the route
    (at that sentence). Empty when the scenario works. Used by
    :func:`routes.checks.check_dataset`, so ``python -m routes validate`` reports them.
    """
    label = f"scenario {scenario.id!r}"
    result = run_scenario(G, scenario)
    if isinstance(result, ScenarioReach):
        if not result.ok:
            return [(("from",), f"{label}: no job can be reached from {', '.join(scenario.from_)}")]
        return []
    if not result.ok:
        why = _best_route(G, scenario)
        return [(("to",), f"{label}: the route no longer exists in the data ({why}); change from, to or via")]
    problems = []
    stops = [stop.station_id for stop in result.stops]
    for station in scenario.sentences:
        if station not in stops:
            problems.append(
                (
                    ("sentences", station),
                    f"{label}: a sentence for {station!r}, which is not a stop of the route "
                    f"(stops: {', '.join(stops)})",
                )
            )
    return problems


def presenter_tour(G: nx.MultiDiGraph, scenario: Scenario, lang: str = "nl") -> dict | None:
    """A scenario as the map's presenter steps through it: ``{"id", "title", "kind", "stops": [{"station",
    "sentence", "lit"}]}``; None when the scenario no longer works with the data (the page leaves it out).

    A reach scenario starts at its start position; each next stop lights up the stations one more
    learning step away.
    """
    english = lang == "en"
    resolved = run_scenario(G, scenario)
    if not resolved.ok:
        return None
    title = resolved.title_en if english else resolved.title
    if isinstance(resolved, ScenarioRoute):
        stops = [{"station": s.station_id, "sentence": s.sentence(lang), "lit": []} for s in resolved.stops]
        return {"id": scenario.id, "title": title, "kind": "route", "stops": stops}
    if not resolved.start_ids:
        return None
    intro = resolved.intro_en if english else resolved.intro
    stops = [{"station": resolved.start_ids[0], "sentence": intro, "lit": []}]
    for steps, ids in resolved.by_steps().items():
        if english:
            sentence = f"After {steps} step{'s' if steps > 1 else ''} you reach these {len(ids)} stations."
        else:
            sentence = f"Na {steps} {'stappen' if steps > 1 else 'stap'} kom je bij deze {len(ids)} haltes."
        stops.append({"station": ids[0], "sentence": sentence, "lit": list(ids)})
    return {"id": scenario.id, "title": title, "kind": "reach", "stops": stops}
