"""The coach's session file: it reopens to the same plan; a broken or hostile file gives a clear message."""

from __future__ import annotations

import json

import pytest

from routes import build_graph
from routes.planner import plan
from routes.session import FORMAT, MAX_BYTES, VERSION, SessionError, session_from_json, session_to_json
from routes.state import PlannerState, mark

CLIENT = PlannerState(
    start="havo",
    holds=("cert-mbo-v-onderdelen",),
    target="mbo-verpleegkundige",
    region="zuid-limburg",
    group="side-entrant",  # sensitive: kept in the coach's own file, not in a link
    paid_only=True,
    age=34,
    hours_per_week=24,
    compare=(1, 2),
)


def document(**changes) -> bytes:
    base = json.loads(session_to_json(CLIENT, "notes"))
    base.update(changes)
    return json.dumps(base).encode()


def test_a_saved_session_reopens_to_the_same_plan(mini):
    state = mark(CLIENT, "havo", "done")
    data = session_to_json(state, "Wil werken en leren.\nBellen in maart — ëé €.", {"havo": "done"})
    assert len(data) < 2_000, "a small file"
    session = session_from_json(data, mini)
    assert session.issues == []
    assert session.notes == "Wil werken en leren.\nBellen in maart — ëé €."
    assert session.progress == {"havo": "done"}
    assert session.state.group == "side-entrant" and not session.state.share_group
    assert session.state == state
    G = build_graph(mini)
    assert [r.nodes for r in plan(G, session.state.query())] == [r.nodes for r in plan(G, state.query())]


def test_progress_given_apart_replaces_the_states_marks(mini):
    data = session_to_json(mark(CLIENT, "havo", "done"), "", {"mbo3-verzorgende-ig": "busy"})
    assert session_from_json(data, mini).progress == {"mbo3-verzorgende-ig": "busy"}


def test_no_start_position_survives(mini):
    state = PlannerState(start=None, holds=("mbo3-verzorgende-ig",))
    assert session_from_json(session_to_json(state), mini).state.sources == ("mbo3-verzorgende-ig",)


def test_unknown_ids_become_messages_not_errors(mini):
    data = json.loads(session_to_json(CLIENT))
    data["planner"]["to"] = ["no-such-job"]
    data["planner"]["done"] = ["havo", "gone-step"]
    session = session_from_json(json.dumps(data).encode(), mini)
    assert sorted((i.code, i.param) for i in session.issues) == [("unknown", "done"), ("unknown", "to")]
    assert session.state.target is None and session.progress == {"havo": "done"}


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"{not json", "broken"),  # cut off or edited by hand
        (b"\xff\xfe\x00garbage", "broken"),  # not UTF-8
        (b"", "broken"),  # empty
        (b"[" * 100_00 + b"]" * 100_00, "broken"),  # deep nesting
        (b" " * (MAX_BYTES + 1), "too-large"),  # too large
        (b"[1, 2, 3]", "not-ours"),  # JSON, but not a session
        (b'{"format": "something-else", "version": 1}', "not-ours"),
        (b'{"name": "Fatima"}', "not-ours"),
        (document(version=VERSION + 1), "version"),  # a newer app's file
        (document(version="1"), "version"),
        (document(version=True), "version"),
        (document(notes=["a list"]), "broken"),  # wrong types
        (document(planner="from=havo"), "broken"),
        (document(planner={"from": [{"$ref": "x"}]}), "broken"),
        (document(planner={"from": ["havo"] * 1000}), "broken"),  # a flood of values
    ],
)
def test_a_bad_file_gives_a_clear_message_in_both_languages(mini, data, code):
    with pytest.raises(SessionError) as caught:
        session_from_json(data, mini)
    error = caught.value
    assert error.code == code
    assert error.message("nl").endswith("Er is niets veranderd.")
    assert error.message("en").endswith("Nothing was changed.")
    assert "{" not in error.message("nl") and "{" not in error.message("en")


def test_hostile_content_is_dropped_or_reported_never_run(mini):
    data = json.loads(session_to_json(CLIENT))
    data["planner"]["to"] = ["<script>alert(1)</script>"]
    data["planner"]["region"] = ["x" * 5000]
    data["planner"]["k"] = ["99999999999999999999999"]
    data["notes"] = "ok\x00\x1b[31m" + "\u202e"
    data["__proto__"] = {"admin": True}
    session = session_from_json(json.dumps(data).encode(), mini)
    assert session.state.target is None and session.state.region is None and session.state.k == 3
    assert all(len(i.value) <= 40 for i in session.issues)
    assert session.notes == "ok[31m"


def test_very_long_notes_are_shortened_so_the_file_still_opens(mini):
    data = session_to_json(CLIENT, "ë" * 60_000)
    assert len(data) <= MAX_BYTES
    assert session_from_json(data, mini).notes.startswith("ëëë")


def test_the_format_is_named_in_the_file():
    data = json.loads(session_to_json(CLIENT, "n"))
    assert data["format"] == FORMAT and data["version"] == VERSION and data["notes"] == "n"
