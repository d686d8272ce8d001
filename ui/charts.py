"""Charts for the pages, drawn with Vega-Altair (it ships with Streamlit).

The numbers come from ``routes`` (:func:`routes.timeline.timeline_frame`,
:func:`routes.demand.demand_frame`), the titles from the catalogue; nothing here computes a duration itself.
"""

from __future__ import annotations

import copy
import hashlib
import json
from typing import TYPE_CHECKING

import streamlit as st

from routes.timeline import case_names, pay_names

from .i18n import lang, t

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd

__all__ = ["GREEN", "ORANGE", "demand_chart", "demand_spec", "timeline_chart", "timeline_spec"]

GREEN, ORANGE = "#2e7d32", "#ef6c00"
BAR_PX = 14  # one bar (a case of a step); a fixed chart height with yOffset collapses the rows


def _ticks(frame: pd.DataFrame) -> list[int]:
    total = int(frame["end"].max()) if len(frame) else 0
    every = 6 if total <= 36 else 12 if total <= 96 else 24  # months, as people count them: half years, years
    return list(range(0, total + every, every))


def timeline_chart(frame: pd.DataFrame) -> alt.Chart:
    """A route's steps over months: a bar per step and case (quick: solid, slow: light), paid in green."""
    import altair as alt  # imported when a chart is made: it costs every page start ~0.5 s

    language = lang()
    quick, slow = case_names(language)
    paid, unpaid = pay_names(language)
    ticks = _ticks(frame)
    return (
        alt.Chart(frame, height=alt.Step(BAR_PX))
        .mark_bar(cornerRadius=2)
        .encode(
            x=alt.X(
                "start:Q",
                title=t("timeline.months"),
                scale=alt.Scale(domain=[0, ticks[-1]], nice=False),
                axis=alt.Axis(values=ticks, grid=True),
            ),
            x2="end:Q",
            y=alt.Y(
                "label:N",
                sort=alt.EncodingSortField("number", order="ascending"),
                title=None,
                axis=alt.Axis(labelLimit=240),
            ),
            yOffset=alt.YOffset("case:N", sort=[quick, slow]),
            color=alt.Color(
                "pay_label:N",
                scale=alt.Scale(domain=[paid, unpaid], range=[GREEN, ORANGE]),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            opacity=alt.Opacity(
                "case:N",
                scale=alt.Scale(domain=[quick, slow], range=[1.0, 0.4]),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("label:N", title=t("timeline.step")),
                alt.Tooltip("duration:N", title=t("timeline.duration")),
                alt.Tooltip("case:N", title=t("timeline.case")),
                alt.Tooltip("start:Q", title=t("timeline.from")),
                alt.Tooltip("end:Q", title=t("timeline.to")),
                alt.Tooltip("pay_label:N", title=t("timeline.pay")),
            ],
        )
    )


@st.cache_resource(show_spinner=False, max_entries=8)
def _timeline_template(language: str, _frame: pd.DataFrame) -> dict:
    """The timeline's spec in ``language`` as Altair makes it, without its data (shared, never changed)."""
    spec = timeline_chart(_frame).to_dict()
    spec["data"] = spec["datasets"] = None  # filled in per route, in the same place (the same JSON)
    return spec


def timeline_spec(frame: pd.DataFrame) -> dict:
    """``timeline_chart(frame).to_dict()``, from Altair's spec made once per language.

    Only the data and the month ticks depend on the route: filling them in takes ~2 ms, where
    Altair builds and checks a chart in ~25 ms (a test keeps the two equal). The route card
    draws each timeline once per route and language (:mod:`ui.route_view`).
    """
    spec = copy.deepcopy(_timeline_template(lang(), frame))
    ticks = _ticks(frame)
    spec["encoding"]["x"]["scale"]["domain"] = [0, ticks[-1]]
    spec["encoding"]["x"]["axis"]["values"] = ticks
    values = frame.to_dict(orient="records")
    name = "data-" + hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()[:32]
    spec["data"] = {"name": name}
    spec["datasets"] = {name: values}
    return spec


DEMAND_ROW_PX = 28  # one region


def demand_chart(frame: pd.DataFrame) -> alt.Chart:
    """A job's demand signals by region (rows) and year (columns): a dot per region and year,
    larger with more signals; the tooltip shows the signals' text."""
    import altair as alt

    years = sorted(int(y) for y in frame["year"].unique()) if len(frame) else []
    span = list(range(years[0], years[-1] + 1)) if years else []
    grouped = (
        frame.groupby(["region_name", "year"], sort=False)
        .agg(count=("signal", "size"), signal=("signal", " · ".join))
        .reset_index()
    )
    regions = list(dict.fromkeys(frame["region_name"]))  # national first, as the frame is sorted
    most = max(3, int(grouped["count"].max()) if len(grouped) else 1)
    return (
        alt.Chart(grouped, height=alt.Step(DEMAND_ROW_PX), title=t("demand.chart_title"))
        .mark_circle(color=ORANGE, opacity=0.85)
        .encode(
            x=alt.X("year:O", title=t("demand.year"), scale=alt.Scale(domain=span), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("region_name:N", title=None, sort=regions, axis=alt.Axis(labelLimit=260)),
            size=alt.Size(
                "count:Q",
                title=t("demand.count"),
                scale=alt.Scale(domain=[1, most], range=[120, 500]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("region_name:N", title=t("demand.region")),
                alt.Tooltip("year:O", title=t("demand.year")),
                alt.Tooltip("count:Q", title=t("demand.count")),
                alt.Tooltip("signal:N", title=t("demand.signal")),
            ],
        )
    )


@st.cache_resource(show_spinner=False, max_entries=512)
def _demand_spec(key: tuple, language: str, _frame: pd.DataFrame) -> dict:
    return demand_chart(_frame).to_dict()


def demand_spec(frame: pd.DataFrame, key: tuple) -> dict:
    """The demand chart as a Vega-Lite spec, made once per job, data version and language."""
    return copy.deepcopy(_demand_spec(key, lang(), frame))
