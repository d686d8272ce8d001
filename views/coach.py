"""Voor coaches: a client's situation and notes -> routes -> compare -> the plan to take home.

Nothing about the client is kept on the server: the page's state lives in this
browser session only and is never put in the address bar. The coach saves the
session as a small JSON file (:mod:`routes.session`) and opens it again by upload.
The routes, the comparison and the hand-over are the planner's own
(:class:`ui.route_view.RouteView`), with this page's keys (``co_``).
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit, urlunsplit

import streamlit as st

from routes import NoRoute, RoutesError
from routes.models import TargetGroup
from routes.planner import REGIONS_NAMED
from routes.session import MAX_BYTES, SessionError, session_from_json, session_to_json
from routes.state import (
    DEFAULT_START,
    MAX_AGE,
    MAX_HOURS,
    MIN_AGE,
    PlannerState,
    compared,
    permalink,
    planner_params,
    region_ids,
    settle_start,
    start_ids,
)
from ui.data import load
from ui.fmt import labelled, md, name_of
from ui.i18n import lang, t
from ui.route_view import RouteView, cached_plan
from ui.urlstate import show_issues

NONE = ""
K = {
    "school": "co_school",
    "job": "co_job",
    "diplomas": "co_diplomas",
    "certificates": "co_certificates",
    "other": "co_other",  # further jobs held, from a session file (no widget of their own)
    "target": "co_to",
    "region": "co_region",
    "group": "co_group",
    "paid": "co_paid",
    "age": "co_age",
    "hours": "co_hours",
    "notes": "co_notes",
}
STATE_KEY = "co_state"  # the client's question as this run read it (for the session file)
LOADED_KEY = "co_loaded"  # the digest of the last session file opened, so it is applied once
ISSUES_KEY = "co_issues"
UPLOAD_KEY = "coach_file"  # not "co_": the language switch re-sets co_ widgets, an uploader cannot be set

data = load()
ds, G = data.dataset, data.graph
view = RouteView(data, "co_")
work_starts = [s for s in start_ids(ds) if s.startswith("werkervaring-")]
school_starts = [s for s in start_ids(ds) if s not in work_starts]
functions = sorted(ds.functions, key=lambda i: name_of(G, i).lower())


def seed(state: PlannerState, notes: str) -> None:
    """Fill the page's widgets from a client's question (an opened session file)."""
    s = st.session_state
    job_start = state.start if state.start in work_starts else None
    jobs = [h for h in state.holds if h in ds.functions]
    s[K["school"]] = NONE if job_start else (state.start or NONE)
    s[K["job"]] = job_start or (jobs[0] if jobs else NONE)
    s[K["other"]] = jobs[0 if job_start else 1 :]
    s[K["diplomas"]] = [h for h in state.holds if h in ds.qualifications]
    s[K["certificates"]] = [h for h in state.holds if h in ds.certificates]
    s[K["target"]] = state.target
    s[K["region"]] = state.region or NONE
    s[K["group"]] = state.group or NONE
    s[K["paid"]] = state.paid_only
    s[K["age"]] = state.age
    s[K["hours"]] = state.hours_per_week
    s[K["notes"]] = notes
    s[view.compare_key] = list(state.compare)
    view.set_progress(state)


def read() -> tuple[PlannerState, bool]:
    """The client's question from the widgets; and whether the current job could not be the start."""
    s = st.session_state
    school, job = s.get(K["school"]) or None, s.get(K["job"]) or None
    start = school
    holds = list(s.get(K["diplomas"]) or ()) + list(s.get(K["certificates"]) or ())
    holds += [job] if job in ds.functions else []
    holds += [h for h in s.get(K["other"]) or () if h not in holds]
    job_left_out = False
    if job in work_starts:
        if school in (None, DEFAULT_START):
            start = job  # work outside care is the better start than "no start qualification"
        else:
            job_left_out = True  # one start position: the school one counts for more
    state = PlannerState(
        start=start,
        holds=tuple(holds),
        target=s.get(K["target"]) or None,
        region=s.get(K["region"]) or None,
        group=s.get(K["group"]) or None,
        paid_only=bool(s.get(K["paid"])),
        age=s.get(K["age"]),
        hours_per_week=s.get(K["hours"]),
        done=tuple(s.get(view.done_key) or ()),
        busy=tuple(s.get(view.busy_key) or ()),
        compare=compared(s.get(view.compare_key) or ()),
    )
    return settle_start(state, ds), job_left_out


def settle_school() -> None:
    """A diploma of mbo 2 or higher replaces "geen startkwalificatie" in the form too."""
    if st.session_state.get(K["school"]) == DEFAULT_START and read()[0].start is None:
        st.session_state[K["school"]] = NONE


def planner_base() -> str:
    """The planner's address (the app's root), from this page's address."""
    url = st.context.url or ""
    parts = urlsplit(url)
    path = parts.path[: -len("coach")] if parts.path.endswith("coach") else parts.path
    return urlunsplit((parts.scheme, parts.netloc, path, "", "")) if url else ""


for key in (view.done_key, view.busy_key):
    st.session_state.setdefault(key, [])
st.session_state.setdefault(K["school"], DEFAULT_START)

st.title(t("coach.title"))
st.caption(t("coach.intro"))
st.info(t("coach.privacy"), icon=":material/lock:")

# --- open a saved session (before the widgets, so it can fill them) -----------------------
with st.expander(t("coach.open_title"), icon=":material/folder_open:", expanded=False):
    upload = st.file_uploader(t("coach.open"), type=["json"], key=UPLOAD_KEY, help=t("coach.open_help"))
    if upload is not None:
        content = upload.getvalue() if upload.size <= MAX_BYTES else b" " * (MAX_BYTES + 1)
        digest = hashlib.sha256(content).hexdigest()
        if st.session_state.get(LOADED_KEY) != digest:
            try:
                session = session_from_json(content, ds)
            except SessionError as exc:
                st.error(exc.message(lang()), icon=":material/error:")
            else:
                seed(session.state, session.notes)
                st.session_state[LOADED_KEY] = digest
                st.session_state[ISSUES_KEY] = session.issues
                st.success(t("coach.opened"), icon=":material/check_circle:")
show_issues(st.session_state.get(ISSUES_KEY) or [], {i: md(e.name) for i, e in ds.entities.items()})

# --- the client's situation -----------------------------------------------------------------
st.subheader(t("coach.client"))
left, right = st.columns(2, gap="large")
with left:
    st.selectbox(
        t("coach.school"),
        options=[NONE] + school_starts,
        format_func=labelled([NONE] + school_starts, lambda i: name_of(G, i) if i else t("planner.start_none")),
        key=K["school"],
        help=t("planner.start_help"),
    )
    diplomas = sorted(ds.qualifications, key=lambda i: name_of(G, i).lower())
    st.multiselect(
        t("coach.diplomas"),
        options=diplomas,
        format_func=labelled(diplomas, view.station_label),
        key=K["diplomas"],
        on_change=settle_school,
        placeholder=t("planner.holds_placeholder"),
    )
    certificates = sorted(ds.certificates, key=lambda i: name_of(G, i).lower())
    st.multiselect(
        t("coach.certificates"),
        options=certificates,
        format_func=labelled(certificates, view.station_label),
        key=K["certificates"],
        placeholder=t("planner.holds_placeholder"),
    )
    jobs = [NONE] + work_starts + functions
    st.selectbox(
        t("coach.job"),
        options=jobs,
        format_func=labelled(jobs, lambda i: view.station_label(i) if i else t("coach.job_none")),
        key=K["job"],
        help=t("coach.job_help"),
    )
    age_col, hours_col = st.columns(2)
    with age_col:
        st.number_input(
            t("planner.age"), min_value=MIN_AGE, max_value=MAX_AGE, step=1, value=None, key=K["age"],
            placeholder=t("planner.age_placeholder"),
        )  # fmt: skip
    with hours_col:
        st.number_input(
            t("planner.hours"), min_value=1, max_value=MAX_HOURS, step=1, value=None, key=K["hours"],
            placeholder=t("planner.hours_placeholder"), help=t("planner.hours_help"),
        )  # fmt: skip
with right:
    st.selectbox(
        t("planner.target"),
        options=functions,
        index=None,
        format_func=labelled(functions, view.station_label),
        key=K["target"],
        placeholder=t("planner.target_placeholder"),
    )
    regions = sorted(region_ids(ds), key=lambda r: G.graph["regions"][r].lower())
    st.selectbox(
        t("planner.region"),
        options=[NONE] + regions,
        format_func=labelled([NONE] + regions, lambda r: G.graph["regions"][r] if r else t("planner.region_none")),
        key=K["region"],
    )
    groups = [g.value for g in TargetGroup if g is not TargetGroup.EVERYONE]
    st.selectbox(
        t("planner.group"),
        options=[NONE] + groups,
        format_func=labelled([NONE] + groups, lambda g: t(f"group.{g}") if g else t("planner.group_none")),
        key=K["group"],
        help=t("planner.group_help"),
    )
    st.checkbox(t("coach.paid"), key=K["paid"], help=t("coach.paid_help"))
st.text_area(t("coach.notes"), key=K["notes"], max_chars=5000, help=t("coach.notes_help"))

state, job_left_out = read()
if job_left_out:
    st.caption(t("coach.job_left_out"))

# --- routes, side by side, the plan -----------------------------------------------------------
st.divider()
routes = []
if not state.sources:
    st.info(t("planner.choose_start"))
elif state.target is None:
    st.info(t("coach.choose_target"), icon=":material/flag:")
else:
    st.subheader(t("planner.routes_to", target=name_of(G, state.target)))
    try:
        routes = cached_plan(data, state.query())
    except NoRoute as exc:
        st.warning(t("planner.no_route"), icon=":material/block:")
        st.markdown("\n".join(f"- {md(m)}" for m in exc.messages))
        view.region_buttons(exc.regions[:REGIONS_NAMED], K["region"])
    except (RoutesError, ValueError) as exc:
        st.error(t("planner.cannot_plan", reason=md(exc)))
    params = planner_params(state, ds)
    for number, route in enumerate(routes, 1):
        view.route_card(route, number, params)
    if len(routes) > 1:
        view.compare_section(routes)
    state, job_left_out = read()  # with the routes compared and the progress marked in this run
    if routes:
        view.handover_section(routes, state, permalink(planner_base(), state, ds, lang=lang()))

# --- keep the session: a file on the coach's computer, never on the server ---------------------
st.session_state[STATE_KEY] = state
st.subheader(t("coach.save_title"))
st.caption(t("coach.save_help"))
notes = st.session_state.get(K["notes"]) or ""
st.download_button(
    t("coach.save"), data=lambda: session_to_json(state, notes), file_name="coach-sessie.json",
    mime="application/json", icon=":material/save:", on_click="ignore",
)  # fmt: skip
if state.target and state.sources:
    st.markdown(f"**{t('coach.client_link')}**")
    st.code(permalink(planner_base(), state, ds, lang=lang()), language=None, wrap_lines=True)
    st.caption(t("coach.client_link_help"))
