"""The planner page's parts: the question's state in ``st.session_state``, its widgets, the answer.

The widgets' keys are the ``KEYS`` below; :class:`routes.state.PlannerState` is
the pure twin. The last state is also kept under ``STATE_KEY`` so the map page
can highlight the route and a page switch does not lose the form.
:func:`ask` draws the question and :func:`answer` what comes below it. They live here, not
in ``views/routeplanner.py``, because Streamlit compiles a page script again (with its
"magic" pass, ~18 ms for this page) whenever its script cache is empty, a module only once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

import routes.planner as planner
from routes import Dataset, NoRoute, RoutesError
from routes.explain import assumption_messages
from routes.models import Level, TargetGroup
from routes.planner import SORTS
from routes.state import (
    MAX_AGE,
    MAX_HOURS,
    MAX_K,
    MAX_MONTHS,
    MIN_AGE,
    PLANNER_PARAMS,
    PlannerState,
    compared,
    default_state,
    holdable_ids,
    parse_planner_params,
    permalink,
    planner_params,
    region_ids,
    settle_start,
    start_ids,
)

from . import picker
from .fmt import labelled, md, months, name_of
from .i18n import lang, t
from .picker import Options, cached_options
from .urlstate import incoming, write

if TYPE_CHECKING:  # the map and programme pages use this module too: they need no Altair
    from .route_view import RouteView

__all__ = ["KEYS", "NONE", "STATE_KEY", "answer", "ask", "prepare", "read", "remember", "settle"]

NONE = ""  # the "nothing chosen" option of a selectbox
STATE_KEY = "planner_state"
RESEED_KEY = "planner_reseed"
REACH_KEY = "pl_reach"
REACH_LIMIT_KEY = "pl_reach_limit"
GROUPS = (NONE,) + tuple(g.value for g in TargetGroup if g is not TargetGroup.EVERYONE)  # the group choices
LEVELS = (NONE,) + tuple(lvl.value for lvl in Level if lvl is not Level.WO)  # the highest-level choices
KEYS = {
    "start": "pl_start",
    "holds": "pl_holds",
    "target": "pl_to",
    "region": "pl_region",
    "group": "pl_group",
    "paid_only": "pl_paid",
    "max_months": "pl_months",
    "max_level": "pl_level",
    "sort": "pl_sort",
    "k": "pl_k",
    "age": "pl_age",
    "hours_per_week": "pl_hours",
    "via": "pl_via",
    "avoid": "pl_avoid",
    "share_group": "pl_share_group",
    "done": "pl_done",  # progress: not widgets, kept by the route cards (ui.route_view)
    "busy": "pl_busy",
    "compare": "pl_compare",
}


def _seed(state: PlannerState, *, only_missing: bool = False) -> None:
    values = {
        "start": state.start or NONE,
        "holds": list(state.holds),
        "target": state.target,
        "region": state.region or NONE,
        "group": state.group or NONE,
        "paid_only": state.paid_only,
        "max_months": state.max_months,
        "max_level": state.max_level or NONE,
        "sort": state.sort,
        "k": state.k,
        "age": state.age,
        "hours_per_week": state.hours_per_week,
        "via": state.via or NONE,
        "avoid": list(state.avoid),
        "share_group": state.share_group,
        "done": list(state.done),
        "busy": list(state.busy),
        "compare": list(state.compare),
    }
    for name, key in KEYS.items():
        if not (only_missing and key in st.session_state):
            st.session_state[key] = values[name]


def read() -> PlannerState:
    """The state the widgets hold now (after they ran)."""
    s = st.session_state
    return PlannerState(
        start=s.get(KEYS["start"]) or None,
        holds=tuple(s.get(KEYS["holds"]) or ()),
        target=s.get(KEYS["target"]) or None,
        region=s.get(KEYS["region"]) or None,
        group=s.get(KEYS["group"]) or None,
        paid_only=bool(s.get(KEYS["paid_only"])),
        max_months=s.get(KEYS["max_months"]),
        max_level=s.get(KEYS["max_level"]) or None,
        sort=s.get(KEYS["sort"]) or "fastest",
        k=int(s.get(KEYS["k"]) or 3),
        age=s.get(KEYS["age"]),
        hours_per_week=s.get(KEYS["hours_per_week"]),
        via=s.get(KEYS["via"]) or None,
        avoid=tuple(s.get(KEYS["avoid"]) or ()),
        share_group=bool(s.get(KEYS["share_group"])),
        done=tuple(s.get(KEYS["done"]) or ()),
        busy=tuple(s.get(KEYS["busy"]) or ()),
        compare=compared(s.get(KEYS["compare"]) or ()),
    )


def settle(dataset: Dataset) -> None:
    """After the diplomas changed: a diploma of mbo 2 or higher replaces "geen startkwalificatie"."""
    state = read()
    settled = settle_start(state, dataset)
    if settled.start != state.start:
        st.session_state[KEYS["start"]] = settled.start or NONE


def remember(state: PlannerState, *, from_link: bool = False) -> None:
    """Keep the planner state; ``from_link``: another page opened a link, the form must follow it."""
    st.session_state[STATE_KEY] = state
    if from_link:
        st.session_state[RESEED_KEY] = True


def stored(dataset: Dataset) -> PlannerState:
    """The planner state kept in this session (checked against the data), else the defaults."""
    state = st.session_state.get(STATE_KEY)
    if not isinstance(state, PlannerState):
        return default_state(dataset)
    checked, problems = parse_planner_params(planner_params(state, dataset), dataset)
    return checked if not problems else default_state(dataset)


def prepare(dataset: Dataset) -> list:
    """Seed the widgets before they run: from a link, else from this session. Returns the link's issues."""
    link = incoming("planner", PLANNER_PARAMS)
    if link is not None:
        state, issues = parse_planner_params(link, dataset)
        _seed(state)
        remember(state)
        return issues
    if st.session_state.pop(RESEED_KEY, False):
        _seed(stored(dataset))
    elif any(key not in st.session_state for key in KEYS.values()):
        # First visit, back from another page, or a widget that was not shown last
        # time (Streamlit forgets those): fill the gaps from what this session holds.
        _seed(stored(dataset), only_missing=True)
    # The data may have changed under the session: drop ids that no longer exist.
    checked, problems = parse_planner_params(planner_params(read(), dataset), dataset)
    if problems:
        _seed(checked)
    return []


# --- the question's widgets ------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=16)
def _option_lists(digest: str, language: str, _data, _view: RouteView) -> dict[str, Options]:
    """The question's option lists, fetched with one cache lookup per run instead of six."""
    ds, G = _data.dataset, _data.graph
    lists = {
        "starts": cached_options(
            (digest, language, "starts"),
            lambda: start_ids(ds) + [NONE],
            lambda i: name_of(G, i) if i else t("planner.start_none"),
        ),
        "holdable": cached_options(
            (digest, language, "holdable"),
            lambda: sorted(holdable_ids(ds), key=lambda i: (ds.kinds[i] != "qualification", name_of(G, i).lower())),
            _view.holdable_label,
        ),
        "targets": cached_options(
            (digest, language, "targets"),
            lambda: sorted(ds.functions, key=lambda i: name_of(G, i).lower()),
            _view.station_label,
        ),
        "regions": cached_options(
            (digest, language, "regions"),
            lambda: [NONE] + sorted(region_ids(ds), key=lambda r: G.graph["regions"][r].lower()),
            lambda r: G.graph["regions"][r] if r else t("planner.region_none"),
        ),
        "via": cached_options(
            (digest, language, "via"),
            lambda: (
                [NONE]
                + sorted(
                    (i for i in holdable_ids(ds) if ds.kinds[i] != "function"), key=lambda i: name_of(G, i).lower()
                )
            ),
            lambda i: name_of(G, i) if i else t("planner.via_none"),
        ),
    }
    lists["avoidable"] = cached_options(
        (digest, language, "avoidable"), lambda: start_ids(ds) + list(lists["holdable"].ids), _view.station_label
    )
    return lists


def ask(data, view: RouteView) -> PlannerState:
    """Draw the question: where you are, where you want to go, and more. Returns the state it holds."""
    ds = data.dataset
    options = _option_lists(digest=data.digest, language=lang(), _data=data, _view=view)
    intro = st.empty()
    where_now, where_to = st.columns(2, gap="large")
    with where_now:
        st.subheader(t("planner.where_now"))
        picker.select(t("planner.start"), options["starts"], key=KEYS["start"], help=t("planner.start_help"))
        picker.multiselect(
            t("planner.holds"),
            options["holdable"],
            key=KEYS["holds"],
            on_change=settle,
            args=(ds,),
            placeholder=t("planner.holds_placeholder"),
            help=t("planner.holds_help"),
        )
        st.selectbox(
            t("planner.group"),
            options=GROUPS,
            format_func=labelled(GROUPS, lambda g: t(f"group.{g}") if g else t("planner.group_none")),
            key=KEYS["group"],
            help=t("planner.group_help"),
        )
        age_col, hours_col = st.columns(2)
        with age_col:
            st.number_input(
                t("planner.age"),
                min_value=MIN_AGE,
                max_value=MAX_AGE,
                step=1,
                value=None,
                key=KEYS["age"],
                placeholder=t("planner.age_placeholder"),
                help=t("planner.age_help"),
            )
        with hours_col:
            st.number_input(
                t("planner.hours"),
                min_value=1,
                max_value=MAX_HOURS,
                step=1,
                value=None,
                key=KEYS["hours_per_week"],
                placeholder=t("planner.hours_placeholder"),
                help=t("planner.hours_help"),
            )
    with where_to:
        st.subheader(t("planner.where_to"))
        picker.select(
            t("planner.target"),
            options["targets"],
            index=None,
            key=KEYS["target"],
            placeholder=t("planner.target_placeholder"),
        )
        picker.select(t("planner.region"), options["regions"], key=KEYS["region"], help=t("planner.region_help"))
        st.checkbox(t("planner.paid"), key=KEYS["paid_only"], help=t("planner.paid_help"))

    more_set = any(st.session_state.get(KEYS[k]) for k in ("via", "avoid", "max_months", "max_level"))
    with st.expander(t("planner.more"), expanded=bool(more_set)):
        picker.select(t("planner.via"), options["via"], key=KEYS["via"], help=t("planner.via_help"))
        picker.multiselect(
            t("planner.avoid"),
            options["avoidable"],
            key=KEYS["avoid"],
            placeholder=t("planner.avoid_placeholder"),
            help=t("planner.avoid_help"),
        )
        st.number_input(
            t("planner.max_months"),
            min_value=1,
            max_value=MAX_MONTHS,
            step=1,
            value=None,
            key=KEYS["max_months"],
            placeholder=t("planner.max_months_placeholder"),
        )
        st.selectbox(
            t("planner.max_level"),
            options=LEVELS,
            format_func=labelled(LEVELS, lambda lvl: t(f"level.{lvl}") if lvl else t("planner.max_level_none")),
            key=KEYS["max_level"],
        )

    state = read()
    if state.target is None:
        intro.info(t("planner.intro"), icon=":material/waving_hand:")
    return state


# --- the answer ------------------------------------------------------------------------


def share_link(state: PlannerState, dataset: Dataset) -> str:
    """The link to this question (the situation only when the person chose to share it)."""
    return permalink(st.context.url or "", state, dataset, lang=lang())


def answer(data, view: RouteView, state: PlannerState) -> None:
    """Below the question: the routes to the target, or the jobs within reach; then the link to share."""
    ds = data.dataset
    params = planner_params(state, ds)
    st.divider()
    if not state.sources:
        st.info(t("planner.choose_start"))
    elif state.target is not None:
        state, params = _routes(data, view, state)
    else:
        _reach(data, view, state)

    # The whole question in the address bar, so the page can be shared as a link.
    remember(state)
    write("planner", PLANNER_PARAMS, params)
    if state.target is not None and state.sources:
        st.markdown(f"**{t('planner.share')}**")
        if state.group:
            st.checkbox(t("planner.share_group"), key=KEYS["share_group"], help=t("planner.share_group_help"))
        st.code(share_link(state, ds), language=None, wrap_lines=True)
        st.caption(t("planner.share_help") + " " + t("planner.share_contains"))


def _routes(data, view: RouteView, state: PlannerState) -> tuple[PlannerState, dict[str, list[str]]]:
    """The routes to the target: sort and count, the route cards, the comparison, the hand-over."""
    from .route_view import cached_plan

    ds, G = data.dataset, data.graph
    st.subheader(t("planner.routes_to", target=name_of(G, state.target)))
    sort_col, k_col = st.columns([3, 1])
    with sort_col:
        st.radio(
            t("planner.sort"),
            options=list(SORTS),
            format_func=labelled(SORTS, lambda s: t(f"sort.{s}")),
            key=KEYS["sort"],
            horizontal=True,
        )
    with k_col:
        st.number_input(t("planner.k"), min_value=1, max_value=MAX_K, step=1, key=KEYS["k"])
    state = read()
    params = planner_params(state, ds)
    for message in assumption_messages(G, state.sources, lang()):
        st.info(message, icon=":material/info:")
    try:
        routes = cached_plan(data, state.query())
    except NoRoute as exc:
        st.warning(t("planner.no_route"), icon=":material/block:")
        st.markdown("\n".join(f"- {md(m)}" for m in exc.messages))
        view.region_buttons(exc.regions[: planner.REGIONS_NAMED], KEYS["region"])
        routes = []
    except (RoutesError, ValueError) as exc:
        st.error(t("planner.cannot_plan", reason=md(exc)))
        routes = []
    for number, route in enumerate(routes, 1):
        view.route_card(route, number, params)
    if len(routes) > 1:
        view.compare_section(routes)
    state = read()  # with the routes compared and the progress marked in this run
    params = planner_params(state, ds)
    if routes:
        view.handover_section(routes, state, share_link(state, ds))
    return state, params


def _pick_from_reach() -> None:
    chosen = st.session_state.get(REACH_KEY)
    if chosen:
        st.session_state[KEYS["target"]] = chosen


def _reach(data, view: RouteView, state: PlannerState) -> None:
    """No target yet: the jobs within reach, fastest first; choosing one plans the route to it."""
    st.subheader(t("planner.reach_title"))
    step = planner.REACH_LIMIT  # read now: a test makes the national list short by changing it
    limit = st.session_state.get(REACH_LIMIT_KEY, step)
    try:
        found = planner.reach(data.graph, state.query(), limit=limit)
    except (RoutesError, ValueError) as exc:
        st.error(t("planner.cannot_plan", reason=md(exc)))
        found = []
    if not found:
        st.info(t("planner.reach_none"))
        return
    # One widget for the whole list (every element costs time on each rerun): a radio list,
    # fastest first, with durations; choosing a job plans the route to it. (Not st.pills:
    # its labels are scanned for emoji, which costs 0.1-0.2 s of imports on a cold start.)
    by_job = dict(found)

    def reach_label(function_id: str) -> str:
        route = by_job[function_id]
        paid = f" · {t('route.paid')}" if route.paid else ""
        return f"{view.station_label(function_id)} · {months(route.months_min, route.months_max)}{paid}"

    options = [fid for fid, _ in found]
    st.session_state[REACH_KEY] = None
    st.radio(
        t("planner.reach_help"),
        options=options,
        index=None,
        format_func=labelled(options, reach_label),
        key=REACH_KEY,
        on_change=_pick_from_reach,
    )
    if getattr(found, "more", 0):
        # A national list is long: the nearest jobs first, the rest on demand.
        st.caption(t("planner.reach_more", count=found.more))
        if st.button(t("planner.reach_show_more", count=min(found.more, step))):
            st.session_state[REACH_LIMIT_KEY] = limit + step
            st.rerun()
