"""Charts for the pages, drawn with Vega-Altair (it ships with Streamlit).

The numbers come from ``routes`` (:func:`routes.timeline.timeline_frame`), the
titles from the catalogue; nothing here computes a duration itself.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from routes.timeline import case_names, pay_names

from .i18n import lang, t

__all__ = ["GREEN", "ORANGE", "timeline_chart"]

GREEN, ORANGE = "#2e7d32", "#ef6c00"
ROW_PX = 34


def timeline_chart(frame: pd.DataFrame) -> alt.Chart:
    """A route's steps over months: a bar per step and case (quick: solid, slow: light), paid in green."""
    language = lang()
    quick, slow = case_names(language)
    paid, unpaid = pay_names(language)
    steps = int(frame["number"].nunique()) if len(frame) else 0
    return (
        alt.Chart(frame, height=max(steps, 1) * ROW_PX + 10)
        .mark_bar(cornerRadius=2)
        .encode(
            x=alt.X("start:Q", title=t("timeline.months"), axis=alt.Axis(tickMinStep=6, grid=True)),
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
