"""The planner's form state in ``st.session_state``: seeding the widgets and reading them back.

The widgets' keys are the ``KEYS`` below; :class:`routes.state.PlannerState` is
the pure twin. The last state is also kept under ``STATE_KEY`` so the map page
can highlight the route and a page switch does not lose the form.
"""

from __future__ import annotations

import streamlit as st

from routes import Dataset
from routes.state import (
    PLANNER_PARAMS,
    PlannerState,
    compared,
    default_state,
    parse_planner_params,
    planner_params,
    settle_start,
)

from .urlstate import incoming

__all__ = ["KEYS", "NONE", "STATE_KEY", "prepare", "read", "remember", "settle"]

NONE = ""  # the "nothing chosen" option of a selectbox
STATE_KEY = "planner_state"
RESEED_KEY = "planner_reseed"
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
