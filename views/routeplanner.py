"""Routeplanner: where are you, where do you want to go — and the routes, like a journey planner.

The page's parts live in :mod:`ui.planner_form` (the question, the answer): Streamlit compiles
a page script again whenever its script cache is empty, a module only once.
"""

from __future__ import annotations

import streamlit as st

from ui import planner_form as form
from ui.data import load
from ui.fmt import md
from ui.i18n import t
from ui.route_view import RouteView
from ui.urlstate import show_issues

data = load()
ds = data.dataset

st.title(t("planner.title"))

issues = form.prepare(ds)
if issues:
    show_issues(issues, {i: md(e.name) for i, e in ds.entities.items()})

view = RouteView(data, "pl_")
state = form.ask(data, view)  # the question: where you are, where you want to go
form.answer(data, view, state)  # the routes (or the jobs within reach), and the link to share
