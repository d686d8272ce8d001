"""Charts for the pages, drawn with Vega-Altair (it ships with Streamlit).

The numbers come from ``routes`` (:func:`routes.timeline.timeline_frame`), the
titles from the catalogue; nothing here computes a duration itself.
"""

from __future__ import annotations

import copy

import altair as alt
import pandas as pd
import streamlit as st

from routes.timeline import case_names, pay_names

from .i18n import lang, t

__all__ = ["GREEN", "ORANGE", "timeline_chart", "timeline_spec"]

GREEN, ORANGE = "#2e7d32", "#ef6c00"
BAR_PX = 14  # one bar (a case of a step); a fixed chart height with yOffset collapses the rows


def timeline_chart(frame: pd.DataFrame) -> alt.Chart:
    """A route's steps over months: a bar per step and case (quick: solid, slow: light), paid in green."""
    language = lang()
    quick, slow = case_names(language)
    paid, unpaid = pay_names(language)
    total = int(frame["end"].max()) if len(frame) else 0
    every = 6 if total <= 36 else 12 if total <= 96 else 24  # months, as people count them: half years, years
    ticks = list(range(0, total + every, every))
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


@st.cache_resource(show_spinner=False, max_entries=512)
def _spec(key: tuple, language: str, _frame: pd.DataFrame) -> dict:
    return timeline_chart(_frame).to_dict()


def timeline_spec(frame: pd.DataFrame, key: tuple) -> dict:
    """The chart as a Vega-Lite spec, made once per route and language (Altair takes ~45 ms per chart).

    ``key`` must change whenever the frame does (the data version and the route's steps); the
    cached spec is shared between sessions and never changed, so each caller gets a copy.
    """
    return copy.deepcopy(_spec(key, lang(), frame))
