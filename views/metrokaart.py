"""Metrokaart: the generated metro map, the planned route on it, a poster, and the map as a list."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from routes import NoRoute, RoutesError
from routes.layout import Layout, metro_layout, station_rows
from routes.mapview import map_html, sandboxed
from routes.planner import plan
from routes.poster import map_pdf, map_svg
from routes.state import MAP_PARAMS, MapState, map_params, parse_map_params
from ui import planner_form as form
from ui.data import load
from ui.fmt import labelled, md, months
from ui.i18n import lang, t
from ui.urlstate import incoming, show_issues, write

LINES, PRESENTER, ROUTE, ROUTE_WIDGET = "mp_lines", "mp_presenter", "map_route", "mp_route"

st.set_page_config(layout="wide")
data = load()
ds, G = data.dataset, data.graph


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_layout(digest: str, _dataset) -> Layout:
    return metro_layout(_dataset)


@st.cache_resource(show_spinner=False, max_entries=32)
def cached_html(digest: str, highlight: tuple, lines: tuple | None, presenter: bool, language: str, _dataset, _layout):
    page = map_html(_dataset, _layout, highlight=highlight, lines=lines, presenter=presenter, lang=language)
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


layout = cached_layout(data.digest, ds)

st.title(t("map.title"))
st.caption(t("map.intro"))

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

options_col, presenter_col = st.columns([3, 2], vertical_alignment="bottom")
with options_col:
    line_ids = [track.id for track in layout.lines]
    st.session_state[LINES] = [lid for lid in st.session_state.get(LINES, []) if lid in line_ids]
    chosen_lines = st.multiselect(
        t("map.lines"),
        options=line_ids,
        format_func=labelled(line_ids, lambda lid: layout.line(lid).name),
        key=LINES,
        placeholder=t("map.lines_placeholder"),
    )
with presenter_col:
    presenter = st.toggle(t("map.presenter"), key=PRESENTER)


def keep_route() -> None:
    st.session_state[ROUTE] = (planner, st.session_state[ROUTE_WIDGET])


# The route to highlight: the planner's chosen alternative.
highlight: tuple[str, ...] = ()
if planner.target and planner.sources:
    try:
        routes = plan(G, planner.query())
    except NoRoute:
        routes = []
    except (RoutesError, ValueError):
        routes = []
    if routes:
        route_number = min(max(route_number, 1), len(routes))
        if len(routes) > 1:
            st.session_state[ROUTE_WIDGET] = route_number
            numbers = list(range(1, len(routes) + 1))
            route_number = st.radio(
                t("map.which_route"),
                options=numbers,
                format_func=labelled(
                    numbers,
                    lambda n: (
                        f"{t('route.title', number=n)} · {months(routes[n - 1].months_min, routes[n - 1].months_max)}"
                    ),
                ),
                key=ROUTE_WIDGET,
                on_change=keep_route,
                horizontal=True,
            )
        route = routes[route_number - 1]
        highlight = tuple(n for n in route.nodes if n in layout)
        stations = " → ".join(f"**{md(G.nodes[n]['name'])}**" for n in route.nodes)
        st.markdown(t("map.your_route", stations=stations))
    else:
        st.info(t("map.route_none"))
else:
    st.info(t("map.no_route"))
    st.page_link("views/routeplanner.py", label=t("map.to_planner"), icon=":material/alt_route:")

write(
    "map",
    MAP_PARAMS,
    map_params(MapState(planner=planner, route=route_number, lines=tuple(chosen_lines), presenter=presenter), ds),
)
st.session_state[ROUTE] = (planner, route_number)

html = cached_html(data.digest, highlight, tuple(chosen_lines) or None, presenter, lang(), ds, layout)
st.iframe(html, height=1000 if presenter else 820, alt=t("map.frame"))
st.caption(t("map.legend"))
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
st.subheader(t("map.text_twin"))
st.caption(t("map.text_twin_help"))
rows = cached_rows(data.digest, lang(), ds, layout)
on_route = set(highlight)


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
            t("map.col_on_route"): t("map.yes") if row["id"] in on_route else "",
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
