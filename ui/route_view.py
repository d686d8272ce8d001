"""Routes on a page: the route card with its timeline and progress marks, the comparison, the hand-over.

Shared by the planner and the coach page, so both show a route the same way. A
:class:`RouteView` is made per script run from the loaded data and a page's key
prefix (``pl_``, ``co_``): the widgets of two pages never share state by accident.
Progress (station id -> ``"done"``/``"busy"``) lives in two session keys of the
page, the lists ``<prefix>done`` and ``<prefix>busy``, which the page puts in its link.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields

import streamlit as st

from routes import NoRoute
from routes.compare import MAX_COMPARED, compare_routes
from routes.explain import gate_conditions, route_label
from routes.handover import handover, handover_pdf, steps_csv, steps_xlsx
from routes.planner import Query, Route, plan
from routes.state import PROGRESS, PlannerState, mark
from routes.timeline import timeline_frame

from .charts import timeline_spec
from .fmt import badge, euros, labelled, link, md, money, months, name_of, pay_range
from .i18n import lang, t

__all__ = ["STATUSES", "RouteView", "cached_plan", "query_key", "route_key"]

STATUSES = ("todo",) + PROGRESS  # the choices of a step's progress control
COMPARE_MARK = "background-color: #fff3cd; color: #3d2e00; font-weight: 600"


def span(route: Route) -> str:
    return months(route.months_min, route.months_max)


def route_key(route: Route) -> str:
    """A cache key that names a route exactly: its repr (tuples, strings and numbers only, ~60 us)."""
    return repr(route)


def query_key(query: Query) -> str:
    """A cache key that names a question exactly (the stations to avoid in a fixed order)."""
    values = (getattr(query, f.name) for f in fields(query))
    return repr(tuple(sorted(v) if isinstance(v, frozenset) else v for v in values))


# The planner is pure: the same question on the same data has the same answer. Sessions that
# ask it again (a rerun for a progress mark, a shared link) get it from here, shared and never
# changed. The cache is bounded because Streamlit walks every live object in a full garbage
# collection after each run: 256 answers are ~7,000 objects, ~1 ms per run (planning: ~4 ms).
# An error other than "no route" is not kept (Streamlit does not cache exceptions). "What can
# I become" is not kept: one answer is ~800 objects.
# The cached functions here are called with keywords: Streamlit looks up the name of each
# positional argument with inspect.signature, ~25 us per argument and call.


@st.cache_resource(show_spinner=False, max_entries=256)
def _planned(digest: str, key: str, _G, _query: Query) -> tuple[tuple[Route, ...], tuple | None]:
    try:
        return tuple(plan(_G, _query)), None
    except NoRoute as exc:
        return (), (tuple(exc.messages), tuple(exc.blocking), tuple(exc.regions))


def cached_plan(data, query: Query) -> list[Route]:
    """:func:`routes.planner.plan` on the loaded data, computed once per data version and question."""
    routes, none = _planned(digest=data.digest, key=query_key(query), _G=data.graph, _query=query)
    if none is not None:
        raise NoRoute(list(none[0]), list(none[1]), list(none[2]))
    return list(routes)


# The elements below are the costly ones of a planner rerun (pandas frames, Altair, Arrow:
# ~20 ms per answer). They depend only on the data version, the language and the routes,
# so each is drawn once: on a cache hit Streamlit replays the recorded elements.


@st.cache_resource(show_spinner=False, max_entries=512)
def _timeline(digest: str, language: str, key: str, _G, _route: Route) -> None:
    """A route's timeline: title, chart and caption (nothing for a route without learning steps)."""
    frame = timeline_frame(_G, _route, language)
    if not len(frame):
        return
    st.markdown(f"**{t('timeline.title')}**")
    st.vega_lite_chart(spec=timeline_spec(frame), width="stretch")
    st.caption(t("timeline.caption"))


@st.cache_resource(show_spinner=False, max_entries=256)
def _compare_table(digest: str, language: str, keys: tuple[str, ...], numbers: tuple[int, ...], _G, _routes) -> None:
    """The comparison table of the routes ``numbers`` (``keys``: their :func:`route_key`)."""
    import pandas as pd  # imported when a table is made: it costs every page start ~0.3 s

    table = compare_routes(_G, list(_routes), language, numbers=list(numbers))
    index = [("≠ " if row.differs else "") + t(f"compare.row.{row.key}") for row in table.rows]
    columns = [t("route.title", number=n) for n in table.numbers]
    frame = pd.DataFrame([list(row.values) for row in table.rows], index=index, columns=columns)
    frame.index.name = t("compare.criterion")
    differs = {label for label, row in zip(index, table.rows, strict=True) if row.differs}
    styled = frame.style.apply(lambda r: [COMPARE_MARK if r.name in differs else ""] * len(r), axis=1)
    st.table(styled.set_uuid("compare"))


class RouteView:
    """The route widgets of one page (``prefix``: the page's session-key prefix)."""

    def __init__(self, data, prefix: str):
        self.data = data
        self.ds, self.G = data.dataset, data.graph
        self.programmes = self.G.graph.get("programmes", {})
        self.prefix = prefix
        self.done_key, self.busy_key = f"{prefix}done", f"{prefix}busy"
        self.compare_key = f"{prefix}compare"
        self.handover_route_key = f"{prefix}handover_route"
        self.first_name_key = f"{prefix}first_name"  # never written to the link or kept beyond the session

    # --- a "no route" answer --------------------------------------------------------------

    def region_buttons(self, regions: list[str], region_key: str) -> None:
        """One button per region a "no route" message names as having a route: it sets the
        page's region widget (``region_key``), and the route shows."""

        def choose(region: str) -> None:
            st.session_state[region_key] = region

        for region in regions:
            st.button(
                t("planner.choose_region", region=md(self.G.graph["regions"][region])),
                key=f"{self.prefix}choose_region_{region}",
                on_click=choose,
                args=(region,),
                icon=":material/location_on:",
            )

    # --- names ---------------------------------------------------------------------------

    def level_text(self, node_id: str) -> str:
        level = self.G.nodes[node_id].get("level") if node_id in self.G else None
        return t(f"level.{level}") if level else ""

    def station_label(self, node_id: str) -> str:
        """A station's name; jobs get their level (diploma names already carry theirs)."""
        level = self.level_text(node_id) if self.ds.kinds.get(node_id) == "function" else ""
        name = name_of(self.G, node_id)
        if not level:
            return name
        return f"{name} · {level}" if name.endswith(")") else f"{name} ({level})"  # not "Carer (VIG) (mbo 3)"

    def holdable_label(self, node_id: str) -> str:
        kind = self.ds.kinds.get(node_id, "")
        return f"{self.station_label(node_id)} — {t(f'holdkind.{kind}')}"

    # --- progress ------------------------------------------------------------------------

    def progress(self) -> dict[str, str]:
        """Station id -> done/busy, as the page holds it now."""
        state = PlannerState(
            done=tuple(st.session_state.get(self.done_key) or ()),
            busy=tuple(st.session_state.get(self.busy_key) or ()),
        )
        return state.progress

    def set_progress(self, state: PlannerState) -> None:
        st.session_state[self.done_key] = list(state.done)
        st.session_state[self.busy_key] = list(state.busy)

    def _marked(self, widget_key: str, station: str) -> None:
        status = st.session_state.get(widget_key)
        current = PlannerState(
            done=tuple(st.session_state.get(self.done_key) or ()),
            busy=tuple(st.session_state.get(self.busy_key) or ()),
        )
        self.set_progress(mark(current, station, status if status in PROGRESS else None))

    def progress_editor(self, route: Route, number: int) -> None:
        """One small choice per learning step: not yet, busy, done (kept in the link, never on the server)."""
        marks = self.progress()
        step_number = 0
        with st.expander(t("progress.title"), icon=":material/checklist:"):
            st.caption(t("progress.help"))
            for step in route.steps:
                if step.kind == "access":
                    continue
                step_number += 1
                key = f"{self.prefix}prog_{number}_{step_number}"
                st.session_state[key] = marks.get(step.to_id, "todo")
                st.radio(
                    f"{step_number}. {self.station_label(step.to_id)}",
                    options=STATUSES,
                    format_func=labelled(STATUSES, lambda s: t(f"progress.{s}")),
                    key=key,
                    horizontal=True,
                    on_change=self._marked,
                    args=(key, step.to_id),
                )

    # --- a route card --------------------------------------------------------------------

    def leg(self, step, number: int, status: str | None = None) -> str:
        """One learning step: where it takes you, how, how long, paid or not, the help on offer, why."""
        ds = self.ds
        chips = [badge(t(f"kind.{step.kind}"), "blue"), badge(months(step.months_min, step.months_max), "gray")]
        chips.append(badge(t("route.paid"), "green") if step.paid else badge(t("route.unpaid"), "orange"))
        chips.append(badge(f"{t('route.cost')}: {money(step.cost_eur)}", "gray"))
        if step.pay_eur_month:
            chips.append(badge(t("route.pay_during", amount=euros(step.pay_eur_month)), "green"))
        mark_text = ""
        if status == "done":
            mark_text = " " + badge("✓ " + t("progress.done"), "green")
        elif status == "busy":
            mark_text = " " + badge("◐ " + t("progress.busy"), "violet")
        text = f"**{number}\\. {md(self.station_label(step.to_id))}**{mark_text}  \n" + " ".join(chips)
        body = []
        if step.why:
            body.append(md(step.why))
        for fid in step.off_ramps:
            pay = pay_range(ds.functions[fid].pay) if fid in ds.functions else None
            job = md(self.station_label(fid)) + (f" ({md(pay)})" if pay else "")
            body.append(f":material/work: {t('route.off_ramp', job=job)}")
        helpers = [self.programmes[pid]["name"] for pid in step.programmes if pid in self.programmes]
        if helpers:
            body.append(f"{t('route.help')}: " + ", ".join(md(name) for name in helpers))
        return text + ("\n" + "\n".join(f"- {line}" for line in body) if body else "")

    def fine_print(self, step, number: int) -> str:
        """What a step asks and costs, in detail: shown folded, so the route itself stays short."""
        lines = [f"{t('route.cost')}: {md(step.cost_note)}"] if step.cost_note else []
        lines += [md(c) for c in gate_conditions(step, lang())] + [md(c) for c in step.conditions]
        if not lines:
            return ""
        return f"**{t('route.step', number=number)}: {md(self.station_label(step.to_id))}**\n" + "\n".join(
            f"- {line}" for line in lines
        )

    def arrival(self, step, last: bool) -> str:
        """Reaching a job on the way (or at the end): you may now work as …"""
        icon = ":material/flag:" if last else ":material/work:"
        key = "route.arrive" if last else "route.work_as"
        return f"{icon} {t(key, job=f'**{md(self.station_label(step.to_id))}**')}"

    def route_card(self, route: Route, number: int, params: dict[str, list[str]], *, editable: bool = True) -> None:
        """A route like a journey planner shows one: the totals, then each step as a timeline.

        One Markdown element per card keeps reruns quick (every element costs a round of rendering).
        """
        n = route.learning_steps
        marks = self.progress()
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
            f":material/trip_origin: {t('route.start')}: **{md(self.station_label(route.nodes[0]))}**",
        ]
        helped: dict[str, list[int]] = {}
        details = []
        step_number = 0
        for i, step in enumerate(route.steps):
            if step.kind == "access":
                parts.append(self.arrival(step, last=i == len(route.steps) - 1))
                continue
            step_number += 1
            parts.append(self.leg(step, step_number, marks.get(step.to_id)))
            details.append(self.fine_print(step, step_number))
            for pid in step.programmes:
                helped.setdefault(pid, []).append(step_number)
        lines = []
        for pid, steps in helped.items():
            p = self.programmes.get(pid)
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
            _timeline(digest=self.data.digest, language=lang(), key=route_key(route), _G=self.G, _route=route)
            details = [d for d in details if d]
            if details:
                with st.expander(t("route.fine_print")):
                    st.markdown("\n\n".join(details))
            if editable and n:
                self.progress_editor(route, number)
            st.page_link(
                "views/metrokaart.py",
                label=t("route.on_map"),
                icon=":material/map:",
                query_params={k: v if len(v) > 1 else v[0] for k, v in map_params.items()},
            )

    # --- side by side ----------------------------------------------------------------------

    def compare_section(self, routes: list[Route]) -> None:
        """Up to three routes side by side; the rows where they differ marked with ≠ and a colour."""
        st.subheader(t("compare.title"))
        numbers = list(range(1, len(routes) + 1))
        chosen = numbers[:MAX_COMPARED]
        if len(routes) > MAX_COMPARED:
            kept = [n for n in st.session_state.get(self.compare_key) or [] if n in numbers]
            st.session_state[self.compare_key] = kept or chosen
            chosen = st.multiselect(
                t("compare.pick"),
                options=numbers,
                format_func=labelled(numbers, lambda n: t("route.title", number=n)),
                key=self.compare_key,
                max_selections=MAX_COMPARED,
            )
            chosen = sorted(chosen) or numbers[:MAX_COMPARED]
        compared = [routes[n - 1] for n in chosen]
        keys = tuple(route_key(r) for r in compared)
        _compare_table(
            digest=self.data.digest, language=lang(), keys=keys, numbers=tuple(chosen), _G=self.G, _routes=compared
        )
        st.caption(t("compare.legend"))

    # --- the plan to take home -------------------------------------------------------------

    def handover_section(self, routes: list[Route], state: PlannerState, share: str) -> None:
        """The plan to take home: PDF, CSV and Excel of one route, made only when a button is pressed."""
        st.subheader(t("handover.title"))
        st.caption(t("handover.help"))
        numbers = list(range(1, len(routes) + 1))
        route_col, name_col = st.columns(2)
        with route_col:
            if st.session_state.get(self.handover_route_key) not in numbers:
                st.session_state[self.handover_route_key] = 1
            number = st.selectbox(
                t("handover.route"),
                options=numbers,
                format_func=labelled(numbers, lambda n: f"{t('route.title', number=n)} · {span(routes[n - 1])}"),
                key=self.handover_route_key,
                disabled=len(numbers) == 1,
            )
        with name_col:
            first_name = st.text_input(
                t("handover.first_name"), key=self.first_name_key, max_chars=40, help=t("handover.first_name_help")
            )
        # The plan and its files are made when a button is pressed (deferred), from what this run gathered.
        ds, G, route, query = self.ds, self.G, routes[number - 1], state.query()
        progress, language, today = self.progress(), lang(), dt.date.today()

        def plan_doc():
            return handover(
                ds, G, route, query, number=number, permalink=share, first_name=first_name or None,
                lang=language, today=today, progress=progress,
            )  # fmt: skip

        stem = f"route-{number}-{state.target}"
        pdf_col, csv_col, xlsx_col = st.columns(3)
        with pdf_col:
            st.download_button(
                t("handover.pdf"), data=lambda: handover_pdf(plan_doc()), file_name=f"{stem}.pdf",
                mime="application/pdf", icon=":material/picture_as_pdf:", on_click="ignore",
            )  # fmt: skip
        with csv_col:
            st.download_button(
                t("handover.csv"), data=lambda: steps_csv(plan_doc()), file_name=f"{stem}.csv",
                mime="text/csv", icon=":material/table:", on_click="ignore",
            )  # fmt: skip
        with xlsx_col:
            st.download_button(
                t("handover.xlsx"), data=lambda: steps_xlsx(plan_doc()), file_name=f"{stem}.xlsx",
                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                icon=":material/grid_on:", on_click="ignore",
            )  # fmt: skip
