"""Metrokaart: the generated metro map, the planned route on it, a poster, and the map as a list."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from routes import RoutesError
from routes.layout import Layout, station_rows
from routes.layout.store import load_layout
from routes.mapview import map_html, sandboxed
from routes.planner import plan
from routes.poster import map_pdf, map_svg
from routes.scenarios import presenter_tour
from routes.state import MAP_PARAMS, MapState, map_params, parse_map_params
from ui import planner_form as form
from ui.data import load
from ui.fmt import labelled, md, months
from ui.i18n import lang, t
from ui.urlstate import incoming, show_issues, write

LINES, PRESENTER, ROUTE = "mp_lines", "mp_presenter", "map_route"
TWIN_ANCHOR = "kaart-als-lijst"
PRESENTER_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"] { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] {
  padding: 0.4rem 1rem 1rem !important; max-width: 100% !important; }
iframe[title^="Metrokaart"] { height: calc(100vh - 110px) !important; min-height: 560px; }
</style>"""

st.set_page_config(layout="wide")
data = load()
ds, G = data.dataset, data.graph


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_layout(digest: str, path: str, language: str, _dataset) -> Layout:
    return load_layout(_dataset, path, language)  # the stored layout when it matches the data, else computed


@st.cache_resource(show_spinner=False, max_entries=32)
def cached_html(
    digest: str, routes: tuple, chosen: int, lines: tuple | None, presenter: bool, language: str, _data, _layout,
    progress: tuple = (),
):
    tours = []
    if presenter:  # the ready scenarios of the data, stepped through in the map
        for scenario in _data.dataset.scenarios.values():
            tour = presenter_tour(_data.graph, scenario, language)
            if tour and all(stop["station"] in _layout for stop in tour["stops"]):
                for stop in tour["stops"]:
                    stop["lit"] = [sid for sid in stop["lit"] if sid in _layout]
                tours.append(tour)
    page = map_html(
        _data.dataset,
        _layout,
        routes=routes,
        chosen=chosen,
        lines=lines,
        presenter=presenter,
        scenarios=tours,
        lang=language,
        progress=dict(progress),
    )
    return sandboxed(page, t("map.frame"))  # scripts only: no same-origin access to the app


@st.cache_data(show_spinner=False, max_entries=16)
def cached_poster(digest: str, highlight: tuple, fmt: str, language: str, _dataset, _layout) -> bytes:
    """The A3 poster (SVG or PDF) of this data version, with the route highlighted; kept per digest."""
    if fmt == "pdf":
        return map_pdf(_dataset, _layout, highlight=highlight, lang=language)
    return map_svg(_dataset, _layout, highlight=highlight, lang=language).encode("utf-8")


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_rows(digest: str, language: str, _dataset, _layout) -> list[dict]:
    return station_rows(_dataset, _layout, lang=language)


layout = cached_layout(data.digest, data.path, lang(), ds)

# A link to the map carries the planner's question, the route number and the map's own options.
link = incoming("map", MAP_PARAMS)
if link is not None:
    state, issues = parse_map_params(link, ds)
    show_issues(issues, {i: md(e.name) for i, e in ds.entities.items()})
    form.remember(state.planner, from_link=True)
    st.session_state[ROUTE] = (state.planner, state.route)
    st.session_state[LINES] = list(state.lines)
    st.session_state[PRESENTER] = state.presenter
planner = form.stored(ds)
saved = st.session_state.get(ROUTE)
route_number = saved[1] if isinstance(saved, tuple) and saved[0] == planner else 1

# Presenter mode (a classroom projector) leaves out everything but the map and the way back.
presenter = bool(st.session_state.get(PRESENTER, False))
line_ids = [track.id for track in layout.lines]
st.session_state[LINES] = [lid for lid in st.session_state.get(LINES, []) if lid in line_ids]
if presenter:
    st.toggle(t("map.presenter"), key=PRESENTER)
    chosen_lines = st.session_state[LINES]
else:
    st.title(t("map.title"))
    st.caption(t("map.intro"))
    options_col, presenter_col = st.columns([3, 2], vertical_alignment="bottom")
    with options_col:
        chosen_lines = st.multiselect(
            t("map.lines"),
            options=line_ids,
            format_func=labelled(line_ids, lambda lid: layout.line(lid).name),
            key=LINES,
            placeholder=t("map.lines_placeholder"),
        )
    with presenter_col:
        presenter = st.toggle(t("map.presenter"), key=PRESENTER, help=t("map.presenter_help"))


# The routes to draw: the planner's alternatives; the map switches between them itself.
alternatives: tuple[tuple[str, ...], ...] = ()
routes = []
if planner.target and planner.sources:
    try:
        routes = plan(G, planner.query())
    except (RoutesError, ValueError):  # NoRoute included: the planner page explains why
        routes = []
    if routes:
        route_number = min(max(route_number, 1), len(routes))
        alternatives = tuple(tuple(n for n in r.nodes if n in layout) for r in routes)
        if len(routes) > 1 and not presenter:
            st.caption(t("map.switch_routes", n=len(routes)))
    elif not presenter:
        st.info(t("map.route_none"))
elif not presenter:
    st.info(t("map.no_route"))
    st.page_link("views/routeplanner.py", label=t("map.to_planner"), icon=":material/alt_route:")
highlight = alternatives[route_number - 1] if alternatives else ()

write(
    "map",
    MAP_PARAMS,
    map_params(MapState(planner=planner, route=route_number, lines=tuple(chosen_lines), presenter=presenter), ds),
)
st.session_state[ROUTE] = (planner, route_number)

if presenter:  # a classroom projector: no sidebar, no page chrome, the map fills the screen
    st.html(PRESENTER_CSS)
html = cached_html(
    data.digest, alternatives, route_number - 1, tuple(chosen_lines) or None, presenter, lang(), data, layout,
    tuple(sorted(planner.progress.items())),  # progress from the link: marks beside the stops
)
st.iframe(html, height=900 if presenter else 760, alt=t("map.frame"))
st.markdown(f"[{t('map.to_list')}](#{TWIN_ANCHOR})")
if routes and not presenter:  # the routes on the map, as text (the same numbers as the buttons in the map)
    st.markdown(
        "\n".join(
            f"- {t('route.title', number=i)} · {months(r.months_min, r.months_max)}: "
            + " → ".join(f"**{md(G.nodes[n]['name'])}**" for n in r.nodes if n in G)
            for i, r in enumerate(routes, 1)
        )
    )
st.caption(t("map.legend"))
if not presenter:
    svg_col, pdf_col = st.columns(2)
    for column, fmt, label, mime in (
        (svg_col, "svg", t("map.download"), "image/svg+xml"),
        (pdf_col, "pdf", t("map.download_pdf"), "application/pdf"),
    ):
        with column:
            st.download_button(
                label,
                data=cached_poster(data.digest, highlight, fmt, lang(), ds, layout),
                file_name=f"metrokaart-zorg-welzijn.{fmt}",
                mime=mime,
                icon=":material/download:",
                on_click="ignore",
                key=f"mp_poster_{fmt}",
            )

# The text twin: the same stations and connections, for screen readers and for those who prefer lists.
st.subheader(t("map.text_twin"), anchor=TWIN_ANCHOR)
st.caption(t("map.text_twin_help"))
rows = cached_rows(data.digest, lang(), ds, layout)


def route_numbers(station: str) -> str:
    return ", ".join(str(i) for i, stations in enumerate(alternatives, 1) if station in stations)


def names(row: dict, direction: str) -> str:
    return ", ".join(dict.fromkeys(c["name"] for c in row["connections"] if c["direction"] == direction))


table = pd.DataFrame(
    [
        {
            t("map.col_number"): row["number"],
            t("map.col_station"): row["name"],
            t("map.col_kind"): row["kind_label"],
            t("map.col_level"): row["column"],
            t("map.col_lines"): ", ".join(row["lines"]),
            t("map.col_interchange"): t("map.yes") if row["interchange"] else t("map.no"),
            t("map.col_from"): names(row, "from"),
            t("map.col_to"): names(row, "to"),
            t("map.col_on_route"): route_numbers(row["id"]),
        }
        for row in rows
    ]
)
st.dataframe(table, hide_index=True, width="stretch")
with st.expander(t("map.as_list")):
    items = []
    for row in rows:
        parts = [f"{md(row['kind_label'])}, {md(row['column'])}"]
        if row["lines"]:
            parts.append(f"{t('map.col_lines')}: {md(', '.join(row['lines']))}")
        if row["interchange"]:
            parts.append(t("map.interchange"))
        if names(row, "from"):
            parts.append(f"{t('map.col_from')}: {md(names(row, 'from'))}")
        if names(row, "to"):
            parts.append(f"{t('map.col_to')}: {md(names(row, 'to'))}")
        items.append(f"{row['number']}. **{md(row['name'])}** — " + "; ".join(parts))
    st.markdown("\n".join(items))
