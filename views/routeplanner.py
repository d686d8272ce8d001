"""Routeplanner: where are you, where do you want to go — and the routes, like a journey planner."""

from __future__ import annotations

import streamlit as st

from routes import NoRoute, RoutesError
from routes.explain import assumption_messages
from routes.models import Level, TargetGroup
from routes.planner import REACH_LIMIT, SORTS
from routes.state import (
    MAX_AGE,
    MAX_HOURS,
    MAX_K,
    MAX_MONTHS,
    MIN_AGE,
    PLANNER_PARAMS,
    holdable_ids,
    permalink,
    planner_params,
    region_ids,
    start_ids,
)
from ui import picker
from ui import planner_form as form
from ui.data import load
from ui.fmt import labelled, md, months, name_of
from ui.i18n import lang, t
from ui.picker import cached_options
from ui.route_view import RouteView, cached_plan, cached_reach
from ui.urlstate import show_issues, write

REACH_KEY = "pl_reach"
REACH_LIMIT_KEY = "pl_reach_limit"

data = load()
ds, G = data.dataset, data.graph

st.title(t("planner.title"))

issues = form.prepare(ds)
if issues:
    show_issues(issues, {i: md(e.name) for i, e in ds.entities.items()})


view = RouteView(data, "pl_")
station_label, holdable_label = view.station_label, view.holdable_label


# --- the question ------------------------------------------------------------------------

intro = st.empty()
where_now, where_to = st.columns(2, gap="large")
with where_now:
    st.subheader(t("planner.where_now"))
    picker.select(
        t("planner.start"),
        cached_options(
            (data.digest, lang(), "starts"),
            lambda: start_ids(ds) + [form.NONE],
            lambda i: name_of(G, i) if i else t("planner.start_none"),
        ),
        key=form.KEYS["start"],
        help=t("planner.start_help"),
    )
    holdable = cached_options(
        (data.digest, lang(), "holdable"),
        lambda: sorted(holdable_ids(ds), key=lambda i: (ds.kinds[i] != "qualification", name_of(G, i).lower())),
        holdable_label,
    )
    picker.multiselect(
        t("planner.holds"),
        holdable,
        key=form.KEYS["holds"],
        on_change=form.settle,
        args=(ds,),
        placeholder=t("planner.holds_placeholder"),
        help=t("planner.holds_help"),
    )
    groups = [g.value for g in TargetGroup if g is not TargetGroup.EVERYONE]
    st.selectbox(
        t("planner.group"),
        options=[form.NONE] + groups,
        format_func=labelled([form.NONE] + groups, lambda g: t(f"group.{g}") if g else t("planner.group_none")),
        key=form.KEYS["group"],
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
            key=form.KEYS["age"],
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
            key=form.KEYS["hours_per_week"],
            placeholder=t("planner.hours_placeholder"),
            help=t("planner.hours_help"),
        )
with where_to:
    st.subheader(t("planner.where_to"))
    picker.select(
        t("planner.target"),
        cached_options(
            (data.digest, lang(), "targets"),
            lambda: sorted(ds.functions, key=lambda i: name_of(G, i).lower()),
            station_label,
        ),
        index=None,
        key=form.KEYS["target"],
        placeholder=t("planner.target_placeholder"),
    )
    picker.select(
        t("planner.region"),
        cached_options(
            (data.digest, lang(), "regions"),
            lambda: [form.NONE] + sorted(region_ids(ds), key=lambda r: G.graph["regions"][r].lower()),
            lambda r: G.graph["regions"][r] if r else t("planner.region_none"),
        ),
        key=form.KEYS["region"],
        help=t("planner.region_help"),
    )
    st.checkbox(t("planner.paid"), key=form.KEYS["paid_only"], help=t("planner.paid_help"))

more_set = any(st.session_state.get(form.KEYS[k]) for k in ("via", "avoid", "max_months", "max_level"))
with st.expander(t("planner.more"), expanded=bool(more_set)):
    picker.select(
        t("planner.via"),
        cached_options(
            (data.digest, lang(), "via"),
            lambda: [form.NONE]
            + sorted((i for i in holdable_ids(ds) if ds.kinds[i] != "function"), key=lambda i: name_of(G, i).lower()),
            lambda i: name_of(G, i) if i else t("planner.via_none"),
        ),
        key=form.KEYS["via"],
        help=t("planner.via_help"),
    )
    picker.multiselect(
        t("planner.avoid"),
        cached_options(
            (data.digest, lang(), "avoidable"), lambda: start_ids(ds) + list(holdable.ids), station_label
        ),
        key=form.KEYS["avoid"],
        placeholder=t("planner.avoid_placeholder"),
        help=t("planner.avoid_help"),
    )
    st.number_input(
        t("planner.max_months"),
        min_value=1,
        max_value=MAX_MONTHS,
        step=1,
        value=None,
        key=form.KEYS["max_months"],
        placeholder=t("planner.max_months_placeholder"),
    )
    levels = [form.NONE] + [lvl.value for lvl in Level if lvl is not Level.WO]
    st.selectbox(
        t("planner.max_level"),
        options=levels,
        format_func=labelled(levels, lambda lvl: t(f"level.{lvl}") if lvl else t("planner.max_level_none")),
        key=form.KEYS["max_level"],
    )

state = form.read()
if state.target is None:
    intro.info(t("planner.intro"), icon=":material/waving_hand:")


# --- the answer --------------------------------------------------------------------------


def share_link(state) -> str:
    """The link to this question (the situation only when the person chose to share it)."""
    return permalink(st.context.url or "", state, ds, lang=lang())


def pick_from_reach() -> None:
    chosen = st.session_state.get(REACH_KEY)
    if chosen:
        st.session_state[form.KEYS["target"]] = chosen


params = planner_params(state, ds)
st.divider()
if not state.sources:
    st.info(t("planner.choose_start"))
elif state.target is not None:
    st.subheader(t("planner.routes_to", target=name_of(G, state.target)))
    sort_col, k_col = st.columns([3, 1])
    with sort_col:
        st.radio(
            t("planner.sort"),
            options=list(SORTS),
            format_func=labelled(SORTS, lambda s: t(f"sort.{s}")),
            key=form.KEYS["sort"],
            horizontal=True,
        )
    with k_col:
        st.number_input(t("planner.k"), min_value=1, max_value=MAX_K, step=1, key=form.KEYS["k"])
    state = form.read()
    params = planner_params(state, ds)
    for message in assumption_messages(G, state.sources, lang()):
        st.info(message, icon=":material/info:")
    try:
        routes = cached_plan(data, state.query())
    except NoRoute as exc:
        st.warning(t("planner.no_route"), icon=":material/block:")
        st.markdown("\n".join(f"- {md(m)}" for m in exc.messages))
        routes = []
    except (RoutesError, ValueError) as exc:
        st.error(t("planner.cannot_plan", reason=md(exc)))
        routes = []
    for number, route in enumerate(routes, 1):
        view.route_card(route, number, params)
    if len(routes) > 1:
        view.compare_section(routes)
    state = form.read()  # with the routes compared and the progress marked in this run
    params = planner_params(state, ds)
    if routes:
        view.handover_section(routes, state, share_link(state))
else:
    st.subheader(t("planner.reach_title"))
    limit = st.session_state.get(REACH_LIMIT_KEY, REACH_LIMIT)
    try:
        found = cached_reach(data, state.query(), limit)
    except (RoutesError, ValueError) as exc:
        st.error(t("planner.cannot_plan", reason=md(exc)))
        found = []
    if not found:
        st.info(t("planner.reach_none"))
    else:
        # One widget for the whole list (every element costs time on each rerun): a radio list,
        # fastest first, with durations; choosing a job plans the route to it. (Not st.pills:
        # its labels are scanned for emoji, which costs 0.1-0.2 s of imports on a cold start.)
        by_job = dict(found)

        def reach_label(function_id: str) -> str:
            route = by_job[function_id]
            paid = f" · {t('route.paid')}" if route.paid else ""
            return f"{station_label(function_id)} · {months(route.months_min, route.months_max)}{paid}"

        options = [fid for fid, _ in found]
        st.session_state[REACH_KEY] = None
        st.radio(
            t("planner.reach_help"),
            options=options,
            index=None,
            format_func=labelled(options, reach_label),
            key=REACH_KEY,
            on_change=pick_from_reach,
        )
        if getattr(found, "more", 0):
            # A national list is long: the nearest jobs first, the rest on demand.
            st.caption(t("planner.reach_more", count=found.more))
            if st.button(t("planner.reach_show_more", count=min(found.more, REACH_LIMIT))):
                st.session_state[REACH_LIMIT_KEY] = limit + REACH_LIMIT
                st.rerun()

# The whole question in the address bar, so the page can be shared as a link.
form.remember(state)
write("planner", PLANNER_PARAMS, params)
if state.target is not None and state.sources:
    st.markdown(f"**{t('planner.share')}**")
    if state.group:
        st.checkbox(t("planner.share_group"), key=form.KEYS["share_group"], help=t("planner.share_group_help"))
    st.code(share_link(state), language=None, wrap_lines=True)
    st.caption(t("planner.share_help") + " " + t("planner.share_contains"))
