"""Routeplanner: where are you, where do you want to go — and the routes, like a journey planner."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from routes import NoRoute, RoutesError
from routes.compare import MAX_COMPARED, compare_routes
from routes.explain import assumption_messages, gate_conditions, route_label
from routes.handover import handover, handover_pdf, steps_csv, steps_xlsx
from routes.models import Level, TargetGroup
from routes.planner import SORTS, Route, plan, reach
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
from routes.timeline import timeline_frame
from ui import planner_form as form
from ui.charts import timeline_spec
from ui.data import load
from ui.fmt import badge, euros, labelled, link, md, money, months, name_of, pay_range
from ui.i18n import lang, t
from ui.urlstate import show_issues, write

REACH_KEY = "pl_reach"
COMPARE_KEY = "pl_compare"
HANDOVER_ROUTE_KEY = "pl_handover_route"
FIRST_NAME_KEY = "pl_first_name"  # never written to the link or kept beyond the session

data = load()
ds, G = data.dataset, data.graph
programmes = G.graph.get("programmes", {})

st.title(t("planner.title"))

issues = form.prepare(ds)
if issues:
    show_issues(issues, {i: md(e.name) for i, e in ds.entities.items()})


def level_text(node_id: str) -> str:
    level = G.nodes[node_id].get("level") if node_id in G else None
    return t(f"level.{level}") if level else ""


def station_label(node_id: str) -> str:
    """A station's name; jobs get their level (diploma names already carry theirs)."""
    level = level_text(node_id) if ds.kinds.get(node_id) == "function" else ""
    return f"{name_of(G, node_id)} ({level})" if level else name_of(G, node_id)


def holdable_label(node_id: str) -> str:
    kind = ds.kinds.get(node_id, "")
    return f"{station_label(node_id)} — {t(f'holdkind.{kind}')}"


# --- the question ------------------------------------------------------------------------

intro = st.empty()
where_now, where_to = st.columns(2, gap="large")
with where_now:
    st.subheader(t("planner.where_now"))
    starts = start_ids(ds)
    st.selectbox(
        t("planner.start"),
        options=starts + [form.NONE],
        format_func=labelled(starts + [form.NONE], lambda i: name_of(G, i) if i else t("planner.start_none")),
        key=form.KEYS["start"],
        help=t("planner.start_help"),
    )
    holdable = sorted(holdable_ids(ds), key=lambda i: (ds.kinds[i] != "qualification", name_of(G, i).lower()))
    st.multiselect(
        t("planner.holds"),
        options=holdable,
        format_func=labelled(holdable, holdable_label),
        key=form.KEYS["holds"],
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
    targets = sorted(ds.functions, key=lambda i: name_of(G, i).lower())
    st.selectbox(
        t("planner.target"),
        options=targets,
        index=None,
        format_func=labelled(targets, station_label),
        key=form.KEYS["target"],
        placeholder=t("planner.target_placeholder"),
    )
    regions = sorted(region_ids(ds), key=lambda r: G.graph["regions"][r].lower())
    st.selectbox(
        t("planner.region"),
        options=[form.NONE] + regions,
        format_func=labelled([form.NONE] + regions, lambda r: G.graph["regions"][r] if r else t("planner.region_none")),
        key=form.KEYS["region"],
        help=t("planner.region_help"),
    )
    st.checkbox(t("planner.paid"), key=form.KEYS["paid_only"], help=t("planner.paid_help"))

more_set = any(st.session_state.get(form.KEYS[k]) for k in ("via", "avoid", "max_months", "max_level"))
with st.expander(t("planner.more"), expanded=bool(more_set)):
    stations = sorted(
        (i for i in holdable_ids(ds) if ds.kinds[i] != "function"), key=lambda i: name_of(G, i).lower()
    )
    st.selectbox(
        t("planner.via"),
        options=[form.NONE] + stations,
        format_func=labelled([form.NONE] + stations, lambda i: name_of(G, i) if i else t("planner.via_none")),
        key=form.KEYS["via"],
        help=t("planner.via_help"),
    )
    avoidable = start_ids(ds) + holdable
    st.multiselect(
        t("planner.avoid"),
        options=avoidable,
        format_func=labelled(avoidable, station_label),
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


def leg(step, number: int) -> str:
    """One learning step: where it takes you, how, how long, paid or not, the help on offer, why."""
    chips = [badge(t(f"kind.{step.kind}"), "blue"), badge(months(step.months_min, step.months_max), "gray")]
    chips.append(badge(t("route.paid"), "green") if step.paid else badge(t("route.unpaid"), "orange"))
    chips.append(badge(f"{t('route.cost')}: {money(step.cost_eur)}", "gray"))
    if step.pay_eur_month:
        chips.append(badge(t("route.pay_during", amount=euros(step.pay_eur_month)), "green"))
    text = f"**{number}\\. {md(station_label(step.to_id))}**  \n" + " ".join(chips)
    body = []
    if step.why:
        body.append(md(step.why))
    for fid in step.off_ramps:
        pay = pay_range(ds.functions[fid].pay) if fid in ds.functions else None
        job = md(station_label(fid)) + (f" ({md(pay)})" if pay else "")
        body.append(f":material/work: {t('route.off_ramp', job=job)}")
    helpers = [programmes[pid]["name"] for pid in step.programmes if pid in programmes]
    if helpers:
        body.append(f"{t('route.help')}: " + ", ".join(md(name) for name in helpers))
    return text + ("\n" + "\n".join(f"- {line}" for line in body) if body else "")


def fine_print(step, number: int) -> str:
    """What a step asks and costs, in detail: shown folded, so the route itself stays short."""
    lines = [f"{t('route.cost')}: {md(step.cost_note)}"] if step.cost_note else []
    lines += [md(c) for c in gate_conditions(step, lang())] + [md(c) for c in step.conditions]
    if not lines:
        return ""
    return f"**{t('route.step', number=number)}: {md(station_label(step.to_id))}**\n" + "\n".join(
        f"- {line}" for line in lines
    )


def arrival(step, last: bool) -> str:
    """Reaching a job on the way (or at the end): you may now work as …"""
    icon = ":material/flag:" if last else ":material/work:"
    key = "route.arrive" if last else "route.work_as"
    return f"{icon} {t(key, job=f'**{md(station_label(step.to_id))}**')}"


def route_card(route: Route, number: int, params: dict[str, list[str]]) -> None:
    """A route like a journey planner shows one: the totals, then each step as a timeline.

    One Markdown element per card keeps reruns quick (every element costs a round of rendering).
    """
    n = route.learning_steps
    step_count = t("route.steps_one") if n == 1 else t("route.steps", count=n)
    chips = [
        badge(t("route.all_paid"), "green") if route.paid else badge(t("route.not_all_paid"), "orange"),
        badge(step_count, "gray"),
        badge(f"{t('route.cost')}: {money(route.cost_eur)}", "gray"),
    ]
    label = route_label(route.label, lang())
    parts = [
        f"#### {t('route.title', number=number)} · {md(months(route.months_min, route.months_max))}"
        + (f"\n{md(label[:1].upper() + label[1:])}" if label else ""),
        " ".join(chips),
        f":material/trip_origin: {t('route.start')}: **{md(station_label(route.nodes[0]))}**",
    ]
    helped: dict[str, list[int]] = {}
    details = []
    step_number = 0
    for i, step in enumerate(route.steps):
        if step.kind == "access":
            parts.append(arrival(step, last=i == len(route.steps) - 1))
            continue
        step_number += 1
        parts.append(leg(step, step_number))
        details.append(fine_print(step, step_number))
        for pid in step.programmes:
            helped.setdefault(pid, []).append(step_number)
    lines = []
    for pid, steps in helped.items():
        p = programmes.get(pid)
        if p:
            which = t("route.help_steps", steps=", ".join(str(n) for n in steps))
            lines.append(f"- {link(p['name'], p['url'])} — {md(p['organiser'])} ({which})")
    if lines:
        parts.append(f"**{t('route.help_title')}**\n" + "\n".join(lines))
    map_params = dict(params)
    if number != 1:
        map_params["route"] = [str(number)]
    if lang() != "nl":
        map_params["lang"] = [lang()]
    with st.container(border=True):
        st.markdown("\n\n".join(parts))
        frame = timeline_frame(G, route, lang())
        if len(frame):
            st.markdown(f"**{t('timeline.title')}**")
            key = (data.digest,) + tuple((s.to_id, s.kind, s.months_min, s.months_max, s.paid) for s in route.steps)
            st.vega_lite_chart(spec=timeline_spec(frame, key), width="stretch")
            st.caption(t("timeline.caption"))
        details = [d for d in details if d]
        if details:
            with st.expander(t("route.fine_print")):
                st.markdown("\n\n".join(details))
        st.page_link(
            "views/metrokaart.py",
            label=t("route.on_map"),
            icon=":material/map:",
            query_params={k: v if len(v) > 1 else v[0] for k, v in map_params.items()},
        )


def compare_section(routes: list[Route]) -> None:
    """Up to three routes side by side; the rows where they differ marked with ≠ and a colour."""
    st.subheader(t("compare.title"))
    numbers = list(range(1, len(routes) + 1))
    chosen = numbers[:MAX_COMPARED]
    if len(routes) > MAX_COMPARED:
        kept = [n for n in st.session_state.get(COMPARE_KEY) or [] if n in numbers]
        st.session_state[COMPARE_KEY] = kept or chosen
        chosen = st.multiselect(
            t("compare.pick"),
            options=numbers,
            format_func=labelled(numbers, lambda n: t("route.title", number=n)),
            key=COMPARE_KEY,
            max_selections=MAX_COMPARED,
        )
        chosen = sorted(chosen) or numbers[:MAX_COMPARED]
    table = compare_routes(G, [routes[n - 1] for n in chosen], lang(), numbers=chosen)
    index = [("≠ " if row.differs else "") + t(f"compare.row.{row.key}") for row in table.rows]
    columns = [t("route.title", number=n) for n in table.numbers]
    frame = pd.DataFrame([list(row.values) for row in table.rows], index=index, columns=columns)
    frame.index.name = t("compare.criterion")
    differs = {label for label, row in zip(index, table.rows, strict=True) if row.differs}
    marked = "background-color: #fff3cd; color: #3d2e00; font-weight: 600"
    styled = frame.style.apply(lambda r: [marked if r.name in differs else ""] * len(r), axis=1)
    st.table(styled)
    st.caption(t("compare.legend"))


def span(route: Route) -> str:
    return months(route.months_min, route.months_max)


def handover_section(routes: list[Route], state, share: str) -> None:
    """The plan to take home: PDF, CSV and Excel of one route, made only when a button is pressed."""
    st.subheader(t("handover.title"))
    st.caption(t("handover.help"))
    numbers = list(range(1, len(routes) + 1))
    route_col, name_col = st.columns(2)
    with route_col:
        if st.session_state.get(HANDOVER_ROUTE_KEY) not in numbers:
            st.session_state[HANDOVER_ROUTE_KEY] = 1
        number = st.selectbox(
            t("handover.route"),
            options=numbers,
            format_func=labelled(numbers, lambda n: f"{t('route.title', number=n)} · {span(routes[n - 1])}"),
            key=HANDOVER_ROUTE_KEY,
            disabled=len(numbers) == 1,
        )
    with name_col:
        first_name = st.text_input(
            t("handover.first_name"), key=FIRST_NAME_KEY, max_chars=40, help=t("handover.first_name_help")
        )
    plan_doc = handover(
        ds, G, routes[number - 1], state.query(), number=number, permalink=share,
        first_name=first_name or None, lang=lang(),
    )  # fmt: skip
    stem = f"route-{number}-{state.target}"
    pdf_col, csv_col, xlsx_col = st.columns(3)
    # The files are made when a button is pressed (deferred), from what this run gathered.
    with pdf_col:
        st.download_button(
            t("handover.pdf"), data=lambda: handover_pdf(plan_doc), file_name=f"{stem}.pdf",
            mime="application/pdf", icon=":material/picture_as_pdf:", on_click="ignore",
        )  # fmt: skip
    with csv_col:
        st.download_button(
            t("handover.csv"), data=lambda: steps_csv(plan_doc), file_name=f"{stem}.csv",
            mime="text/csv", icon=":material/table:", on_click="ignore",
        )  # fmt: skip
    with xlsx_col:
        st.download_button(
            t("handover.xlsx"), data=lambda: steps_xlsx(plan_doc), file_name=f"{stem}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/grid_on:", on_click="ignore",
        )  # fmt: skip


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
        routes = plan(G, state.query())
    except NoRoute as exc:
        st.warning(t("planner.no_route"), icon=":material/block:")
        st.markdown("\n".join(f"- {md(m)}" for m in exc.messages))
        routes = []
    except (RoutesError, ValueError) as exc:
        st.error(t("planner.cannot_plan", reason=md(exc)))
        routes = []
    for number, route in enumerate(routes, 1):
        route_card(route, number, params)
    if len(routes) > 1:
        compare_section(routes)
    if routes:
        handover_section(routes, state, share_link(state))
else:
    st.subheader(t("planner.reach_title"))
    try:
        found = reach(G, state.query())
    except (RoutesError, ValueError) as exc:
        st.error(t("planner.cannot_plan", reason=md(exc)))
        found = []
    if not found:
        st.info(t("planner.reach_none"))
    else:
        # One widget for the whole list (every element costs time on each rerun): a radio list,
        # fastest first, with durations; choosing a job plans the route to it. (Not st.pills:
        # its labels are scanned for emoji, which costs 0.1-0.2 s of imports on a cold start.)
        def reach_label(function_id: str) -> str:
            route = dict(found)[function_id]
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

# The whole question in the address bar, so the page can be shared as a link.
form.remember(state)
write("planner", PLANNER_PARAMS, params)
if state.target is not None and state.sources:
    st.markdown(f"**{t('planner.share')}**")
    if state.group:
        st.checkbox(t("planner.share_group"), key=form.KEYS["share_group"], help=t("planner.share_group_help"))
    st.code(share_link(state), language=None, wrap_lines=True)
    st.caption(t("planner.share_help") + " " + t("planner.share_contains"))
