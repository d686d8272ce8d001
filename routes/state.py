"""The app's state in a URL: parse query parameters safely, write them back canonically.

A shared link must restore the planner exactly, and a bad or hostile link must
never break anything: every value is checked against the dataset, and what does
not fit becomes an :class:`Issue` (shown to the user as a friendly message) plus
the default value. Pure functions: no streamlit here.

Parameters of the planner: ``from`` (repeatable: a start position first, then
diplomas, certificates or jobs you hold), ``to`` (a job), ``region``, ``group``,
``paid``, ``months``, ``level``, ``sort``, ``k``, ``age``, ``hours``, ``via``,
``avoid`` (repeatable), ``done`` and ``busy`` (repeatable: the stations of a route the person
has reached or is working on — progress, kept only in the link) and ``compare`` (repeatable:
the numbers of the routes side by side). "Geen startkwalificatie" is never written next to a
diploma of mbo 2 or higher (such a diploma *is* a start qualification), and a link that has
both reads as the diploma. The situation (``group``: benefits, status holder, …) is
sensitive: it is written into a link only when the person chose to share it
(``share_group``); a link that carries it is still read. The map adds ``route`` (which
alternative to highlight), ``lines`` (repeatable) and ``presenter``. Every page
may carry ``lang``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from .dataset import Dataset
from .models import Level, TargetGroup
from .planner import SORTS, Query
from .programmes import NATIONAL
from .search import closest

__all__ = [
    "DEFAULT_COMPARE",
    "DEFAULT_START",
    "LANGS",
    "MAX_HOLDS",
    "MAX_K",
    "MAX_MONTHS",
    "MAX_PROGRESS",
    "PLANNER_PARAMS",
    "PROGRESS",
    "Issue",
    "MapState",
    "PlannerState",
    "default_state",
    "compared",
    "holdable_ids",
    "mark",
    "settle_start",
    "parse_choice",
    "parse_lang",
    "parse_map_params",
    "parse_planner_params",
    "permalink",
    "planner_params",
    "map_params",
    "region_ids",
    "start_ids",
    "target_ids",
]

LANGS = ("nl", "en")
DEFAULT_START = "geen-startkwalificatie"
MAX_K = 5
MAX_MONTHS = 144
MAX_HOLDS = 20
MAX_AVOID = 10
MIN_AGE, MAX_AGE = 12, 99
MAX_HOURS = 60
MAX_LINES = 50
MAX_PROGRESS = 30  # stations marked done or busy
MAX_COMPARED = 3  # as routes.compare.MAX_COMPARED
DEFAULT_COMPARE = (1, 2, 3)  # the routes side by side when none are chosen
PROGRESS = ("done", "busy")  # a station's progress marks, strongest first
PLANNER_PARAMS = (
    "from", "to", "region", "group", "paid", "months", "level", "sort", "k", "age", "hours", "via", "avoid",
    "done", "busy", "compare",
)  # fmt: skip
MAP_PARAMS = PLANNER_PARAMS + ("route", "lines", "presenter")
_TRUE = {"1", "true", "ja", "yes", "on"}
_FALSE = {"0", "false", "nee", "no", "off", ""}
_SHOWN_CHARS = 40

Params = Mapping[str, "str | Sequence[str]"]


@dataclass(frozen=True)
class Issue:
    """One value in a link that could not be used.

    ``code`` names the kind of problem (the UI turns it into a sentence in the
    user's language), ``param`` the query parameter, ``value`` the offending
    value (shortened), ``suggestions`` the nearest valid ids.
    """

    code: str  # "unknown", "not-a-number", "out-of-range", "not-yes-no", "too-many", "second-start"
    param: str
    value: str = ""
    suggestions: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlannerState:
    """Everything the planner form holds; the defaults are what a first visit shows."""

    start: str | None = None
    holds: tuple[str, ...] = ()  # diplomas, certificates, jobs besides the start position
    target: str | None = None
    region: str | None = None
    group: str | None = None
    paid_only: bool = False
    max_months: int | None = None
    max_level: str | None = None
    sort: str = "fastest"
    k: int = 3
    age: int | None = None
    hours_per_week: int | None = None
    via: str | None = None
    avoid: tuple[str, ...] = ()
    share_group: bool = False  # put the situation in a shared link (off: it is sensitive)
    done: tuple[str, ...] = ()  # stations of the route reached (progress)
    busy: tuple[str, ...] = ()  # stations of the route being worked on
    compare: tuple[int, ...] = ()  # routes side by side (1-based); empty: the first three

    @property
    def progress(self) -> dict[str, str]:
        """Station id -> ``"done"`` or ``"busy"`` (done wins when a station is in both).

        >>> PlannerState(done=("a",), busy=("b", "a")).progress
        {'b': 'busy', 'a': 'done'}
        """
        marks = {sid: "busy" for sid in self.busy}
        marks.update({sid: "done" for sid in self.done})
        return marks

    @property
    def sources(self) -> tuple[str, ...]:
        """What the person holds: the start position and everything else, without duplicates."""
        return tuple(dict.fromkeys(((self.start,) if self.start else ()) + self.holds))

    def query(self, *, k: int | None = None) -> Query:
        """The planner query for this state (``target`` may be ``None``: then use :func:`reach`)."""
        return Query(
            holds=self.sources,
            target=self.target,
            region=self.region,
            group=self.group,
            paid_only=self.paid_only,
            max_months=self.max_months,
            max_level=self.max_level,
            k=k if k is not None else self.k,
            sort=self.sort,
            age=self.age,
            hours_per_week=self.hours_per_week,
            via=self.via if self.via not in self.sources else None,
            avoid=frozenset(self.avoid) - set(self.sources) - {self.target, self.via},
        )


@dataclass(frozen=True)
class MapState:
    planner: PlannerState = field(default_factory=PlannerState)
    route: int = 1  # 1-based number of the alternative to highlight
    lines: tuple[str, ...] = ()  # empty: all lines
    presenter: bool = False


# --- valid values from the dataset ------------------------------------------------------


def start_ids(dataset: Dataset) -> list[str]:
    return list(dataset.starts)


def holdable_ids(dataset: Dataset) -> list[str]:
    """What someone can say they already have: diplomas, certificates, jobs."""
    return list(dataset.qualifications) + list(dataset.certificates) + list(dataset.functions)


def target_ids(dataset: Dataset) -> list[str]:
    return list(dataset.functions)


def region_ids(dataset: Dataset) -> list[str]:
    """Regions a person can live in (the national pseudo-region is "no region chosen")."""
    return [r for r in dataset.regions if r != NATIONAL]


def default_state(dataset: Dataset) -> PlannerState:
    starts = start_ids(dataset)
    start = DEFAULT_START if DEFAULT_START in starts else (starts[0] if starts else None)
    return PlannerState(start=start)


def _is_start_qualification(dataset: Dataset, node_id: str) -> bool:
    """A diploma of mbo 2 or higher: who holds it no longer has "geen startkwalificatie"."""
    qualification = dataset.qualifications.get(node_id)
    return qualification is not None and qualification.level != Level.MBO_1


def settle_start(state: PlannerState, dataset: Dataset) -> PlannerState:
    """The state without a contradictory start: "geen startkwalificatie" goes when a diploma replaces it.

    >>> from routes import load_dataset
    >>> ds = load_dataset("tests/fixtures/mini")
    >>> settle_start(PlannerState(start=DEFAULT_START, holds=("mbo2-helpende-zorg-welzijn",)), ds).start is None
    True
    """
    if state.start == DEFAULT_START and any(_is_start_qualification(dataset, h) for h in state.holds):
        return replace(state, start=None)
    return state


def mark(state: PlannerState, station: str, status: str | None) -> PlannerState:
    """``state`` with ``station`` marked ``"done"``, ``"busy"`` or nothing (``None``).

    >>> mark(mark(PlannerState(), "x", "busy"), "x", "done").progress
    {'x': 'done'}
    """
    if status is not None and status not in PROGRESS:
        raise ValueError(f"unknown progress {status!r}; choose from {', '.join(PROGRESS)}")
    done = tuple(s for s in state.done if s != station) + ((station,) if status == "done" else ())
    busy = tuple(s for s in state.busy if s != station) + ((station,) if status == "busy" else ())
    return replace(state, done=done, busy=busy)


def compared(numbers: Sequence[int]) -> tuple[int, ...]:
    """The routes to compare in canonical form: sorted, once each; the default is empty.

    >>> compared([3, 1, 1]), compared([1, 2, 3])
    ((1, 3), ())
    """
    chosen = tuple(sorted(set(numbers)))[:MAX_COMPARED]
    return () if chosen == DEFAULT_COMPARE else chosen


# --- parsing ------------------------------------------------------------------------------


def _values(params: Params, name: str) -> list[str]:
    value = params.get(name)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _capped(params: Params, name: str, limit: int, issues: list[Issue]) -> list[str]:
    """The values of a repeated parameter, at most ``limit`` of them (more is reported)."""
    values = _values(params, name)
    if len(values) > limit:
        issues.append(Issue("too-many", name, str(len(values))))
    return values[:limit]


def _last(params: Params, name: str) -> str | None:
    values = _values(params, name)
    return values[-1].strip() if values else None


def _shown(value: str) -> str:
    value = "".join(c for c in value if c.isprintable())
    return value if len(value) <= _SHOWN_CHARS else value[: _SHOWN_CHARS - 1] + "…"


def parse_choice(value: str | None, valid: Sequence[str], param: str, issues: list[Issue]) -> str | None:
    """``value`` if it is one of ``valid``; else ``None`` and an issue (with the nearest ids).

    >>> issues = []
    >>> parse_choice("havo", ["havo", "vwo"], "from", issues), issues
    ('havo', [])
    >>> parse_choice("hav", ["havo", "vwo"], "from", issues), issues[0].suggestions
    (None, ('havo',))
    """
    if value is None or value == "":
        return None
    if value in valid:
        return value
    suggestions = tuple(closest(value, valid, n=3)) if len(value) <= 100 else ()
    issues.append(Issue("unknown", param, _shown(value), suggestions))
    return None


def _parse_int(value: str | None, low: int, high: int, param: str, issues: list[Issue]) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except ValueError:
        issues.append(Issue("not-a-number", param, _shown(value)))
        return None
    if not low <= number <= high:
        issues.append(Issue("out-of-range", param, _shown(value)))
        return None
    return number


def _parse_bool(value: str | None, param: str, issues: list[Issue]) -> bool:
    if value is None:
        return False
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered not in _FALSE:
        issues.append(Issue("not-yes-no", param, _shown(value)))
    return False


def parse_planner_params(params: Params, dataset: Dataset) -> tuple[PlannerState, list[Issue]]:
    """The planner state a link describes, and what in the link could not be used.

    Never raises: an unknown id, a value out of range or anything hostile is
    dropped with an :class:`Issue`, and the default takes its place. Parameters
    that are not the planner's are ignored.

    Examples
    --------
    >>> from routes import load_dataset
    >>> ds = load_dataset("tests/fixtures/mini")
    >>> state, issues = parse_planner_params({"from": "havo", "to": "verzorgende-ig", "paid": "1"}, ds)
    >>> state.start, state.target, state.paid_only, issues
    ('havo', 'verzorgende-ig', True, [])
    >>> state, issues = parse_planner_params({"to": "<script>", "k": "999999"}, ds)
    >>> state.target, state.k, [i.code for i in issues]
    (None, 3, ['unknown', 'out-of-range'])
    """
    issues: list[Issue] = []
    state = default_state(dataset)
    starts = set(start_ids(dataset))
    holdable = holdable_ids(dataset)
    holdable_set = set(holdable)

    start: str | None = None
    holds: list[str] = []
    from_values = _capped(params, "from", MAX_HOLDS, issues)
    for raw in from_values:
        value = raw.strip()
        if not value:
            continue
        if value in starts:
            if start is None:
                start = value
            elif value != start:
                issues.append(Issue("second-start", "from", _shown(value)))
        elif value in holdable_set:
            if value not in holds:
                holds.append(value)
        else:
            parse_choice(value, list(starts) + holdable, "from", issues)
    explicitly_none = bool(from_values) and all(not v.strip() for v in from_values)
    if start is not None or holds or explicitly_none:
        # A link that names only diplomas means: no separate start position;
        # one with only unusable values keeps the default start.
        state = settle_start(replace(state, start=start, holds=tuple(holds)), dataset)

    target = parse_choice(_last(params, "to"), target_ids(dataset), "to", issues)
    region = parse_choice(_last(params, "region"), region_ids(dataset), "region", issues)
    group = parse_choice(_last(params, "group"), [g.value for g in TargetGroup], "group", issues)
    level = parse_choice(_last(params, "level"), [lvl.value for lvl in Level], "level", issues)
    sort = parse_choice(_last(params, "sort"), list(SORTS), "sort", issues) or state.sort
    paid = _parse_bool(_last(params, "paid"), "paid", issues)
    months = _parse_int(_last(params, "months"), 1, MAX_MONTHS, "months", issues)
    k = _parse_int(_last(params, "k"), 1, MAX_K, "k", issues) or state.k
    age = _parse_int(_last(params, "age"), MIN_AGE, MAX_AGE, "age", issues)
    hours = _parse_int(_last(params, "hours"), 1, MAX_HOURS, "hours", issues)
    stations = list(starts) + holdable
    via = parse_choice(_last(params, "via"), holdable, "via", issues)
    avoid: list[str] = []
    for raw in _capped(params, "avoid", MAX_AVOID, issues):
        value = parse_choice(raw.strip(), stations, "avoid", issues)
        if value and value not in avoid:
            avoid.append(value)
    marks: dict[str, list[str]] = {name: [] for name in PROGRESS}
    for name in PROGRESS:  # repeated, or comma-separated: done=a,b
        values = [v.strip() for raw in _values(params, name) for v in raw.split(",")]
        values = [v for v in values if v]
        if len(values) > MAX_PROGRESS:
            issues.append(Issue("too-many", name, str(len(values))))
        for raw in values[:MAX_PROGRESS]:
            value = parse_choice(raw, stations, name, issues)
            if value and all(value not in m for m in marks.values()):
                marks[name].append(value)
    numbers: list[int] = []
    for raw in _capped(params, "compare", MAX_COMPARED, issues):
        number = _parse_int(raw.strip(), 1, MAX_K, "compare", issues)
        if number is not None:
            numbers.append(number)
    state = replace(
        state,
        target=target,
        region=region,
        group=group,
        max_level=level,
        sort=sort,
        paid_only=paid,
        max_months=months,
        k=k,
        age=age,
        hours_per_week=hours,
        via=via,
        avoid=tuple(avoid),
        share_group=group is not None,
        done=tuple(marks["done"]),
        busy=tuple(marks["busy"]),
        compare=compared(numbers),
    )
    return state, issues


def parse_lang(params: Params, issues: list[Issue] | None = None) -> str:
    """The language a link asks for; Dutch when none or an unknown one.

    >>> parse_lang({"lang": "en"}), parse_lang({}), parse_lang({"lang": "xx"})
    ('en', 'nl', 'nl')
    """
    value = _last(params, "lang")
    if value is None or value == "":
        return LANGS[0]
    if value.lower() in LANGS:
        return value.lower()
    if issues is not None:
        issues.append(Issue("unknown", "lang", _shown(value), tuple(LANGS)))
    return LANGS[0]


def parse_map_params(params: Params, dataset: Dataset) -> tuple[MapState, list[Issue]]:
    """The map's state: the planner's route to highlight, the line filter, presenter view."""
    planner, issues = parse_planner_params(params, dataset)
    route = _parse_int(_last(params, "route"), 1, MAX_K, "route", issues) or 1
    lines: list[str] = []
    line_values = _capped(params, "lines", MAX_LINES, issues)
    for raw in line_values:
        line = parse_choice(raw.strip(), list(dataset.lines), "lines", issues)
        if line and line not in lines:
            lines.append(line)
    presenter = _parse_bool(_last(params, "presenter"), "presenter", issues)
    return MapState(planner=planner, route=route, lines=tuple(lines), presenter=presenter), issues


# --- writing ------------------------------------------------------------------------------


def planner_params(state: PlannerState, dataset: Dataset | None = None) -> dict[str, list[str]]:
    """The query parameters of a planner state; defaults are left out to keep links short.

    >>> planner_params(PlannerState(start="havo", target="verzorgende-ig", paid_only=True))
    {'from': ['havo'], 'to': ['verzorgende-ig'], 'paid': ['1']}
    """
    default = default_state(dataset) if dataset is not None else PlannerState()
    if dataset is not None:
        state = settle_start(state, dataset)
    params: dict[str, list[str]] = {}
    if state.sources and (state.start, state.holds) != (default.start, default.holds):
        params["from"] = list(state.sources)
    elif not state.sources and default.sources:
        params["from"] = [""]
    if state.target:
        params["to"] = [state.target]
    if state.region:
        params["region"] = [state.region]
    if state.group and state.share_group:
        params["group"] = [state.group]
    if state.paid_only:
        params["paid"] = ["1"]
    if state.max_months is not None:
        params["months"] = [str(state.max_months)]
    if state.max_level:
        params["level"] = [state.max_level]
    if state.sort != default.sort:
        params["sort"] = [state.sort]
    if state.k != default.k:
        params["k"] = [str(state.k)]
    if state.age is not None:
        params["age"] = [str(state.age)]
    if state.hours_per_week is not None:
        params["hours"] = [str(state.hours_per_week)]
    if state.via:
        params["via"] = [state.via]
    if state.avoid:
        params["avoid"] = list(state.avoid)
    marks = state.progress
    for name in PROGRESS:
        stations = [sid for sid, status in marks.items() if status == name]
        if stations:
            params[name] = stations
    if compared(state.compare):
        params["compare"] = [str(n) for n in compared(state.compare)]
    return params


def map_params(state: MapState, dataset: Dataset | None = None) -> dict[str, list[str]]:
    params = planner_params(state.planner, dataset)
    if state.route != 1:
        params["route"] = [str(state.route)]
    if state.lines:
        params["lines"] = list(state.lines)
    if state.presenter:
        params["presenter"] = ["1"]
    return params


def permalink(base: str, state: PlannerState, dataset: Dataset | None = None, *, lang: str = LANGS[0]) -> str:
    """The link that opens the planner on ``state``: ``base`` and the planner's parameters (and ``lang``).

    >>> permalink("https://example.org/", PlannerState(start="havo", target="verzorgende-ig"), lang="en")
    'https://example.org/?from=havo&to=verzorgende-ig&lang=en'
    """
    params = planner_params(state, dataset)
    if lang != LANGS[0]:
        params["lang"] = [lang]
    return f"{base}?{urlencode(params, doseq=True)}"
