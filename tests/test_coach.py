"""The coach page and progress on a route, as a coach and a client meet them (AppTest, no browser)."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from routes.session import session_to_json
from tests.conftest import DATA, ROOT

APP = str(ROOT / "app.py")
pytestmark = pytest.mark.usefixtures("quiet_streamlit")


@pytest.fixture
def app(monkeypatch) -> AppTest:
    monkeypatch.setenv("METROKAART_DATA", str(DATA))
    return AppTest.from_file(APP, default_timeout=60)


def texts(at: AppTest) -> str:
    parts = [e.value for kind in ("title", "subheader", "markdown", "caption", "info", "code") for e in at.get(kind)]
    return re.sub(r"\\(.)", r"\1", "\n".join(str(p) for p in parts))


def coach(at: AppTest) -> AppTest:
    at.run()
    at.switch_page("views/coach.py").run()
    assert not at.exception
    return at


def enter_client(at: AppTest) -> None:
    """A 34-year-old who left school without a diploma, works in a shop and must keep an income."""
    at.selectbox(key="co_job").set_value("werkervaring-winkel").run()
    at.number_input(key="co_age").set_value(34).run()
    at.number_input(key="co_hours").set_value(32).run()
    at.selectbox(key="co_region").set_value("zuid-limburg").run()
    at.checkbox(key="co_paid").check().run()
    at.selectbox(key="co_to").set_value("verzorgende-ig").run()
    at.text_area(key="co_notes").input("Wil in de ouderenzorg werken. Belt in maart.").run()
    assert not at.exception, [e.value for e in at.exception]


def routes_shown(at: AppTest) -> list[str]:
    return re.findall(r"#### (Route \d+ · [^\n]+)", texts(at))


def test_the_page_says_nothing_is_stored_and_asks_for_a_goal(app):
    at = coach(app)
    assert at.title[0].value == "Voor coaches"
    assert any("Niets over je cliënt wordt op de server bewaard" in i.value for i in at.info)
    assert "Kies een doel" in texts(at)


def test_a_coach_enters_a_client_compares_and_gets_the_plan(app):
    at = coach(app)
    enter_client(at)
    shown = routes_shown(at)
    assert shown, "routes appear"
    if len(shown) > 1:
        assert "Routes naast elkaar" in texts(at) and at.table, "the comparison"
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Plan (PDF)", "Stappen (CSV)", "Stappen (Excel)", "Sessie opslaan (JSON)"]
    # Nothing of the client goes into the address bar; the notes never into the client's link.
    assert dict(at.query_params) == {}
    link = at.code[-1].value
    assert "from=werkervaring-winkel" in link, "the shop job is the start (no school start chosen)"
    assert "to=verzorgende-ig" in link and "age=34" in link and "hours=32" in link and "paid=1" in link
    assert "Belt" not in link and "/coach" not in link


def test_save_and_reopen_gives_the_same_plan_and_marks_progress(app, monkeypatch):
    at = coach(app)
    enter_client(at)
    first = routes_shown(at)
    # mark the first step of route 1 done: the card, the client's link and the session show it
    at.radio(key="co_prog_1_1").set_value("done").run()
    assert not at.exception
    assert "✓ klaar" in texts(at)
    assert "done=" in at.code[-1].value
    state = at.session_state["co_state"]
    assert state.done, "progress is in the state"
    saved = session_to_json(state, at.session_state["co_notes"])
    assert json.loads(saved)["notes"] == "Wil in de ouderenzorg werken. Belt in maart."

    # a month later, a new browser session: open the file
    monkeypatch.setenv("METROKAART_DATA", str(DATA))
    again = coach(AppTest.from_file(APP, default_timeout=60))
    again.file_uploader(key="coach_file").set_value(("coach-sessie.json", saved, "application/json")).run()
    assert not again.exception, [e.value for e in again.exception]
    assert any("De sessie is geopend" in s.value for s in again.success)
    assert routes_shown(again) == first, "the same plan"
    assert again.text_area(key="co_notes").value == "Wil in de ouderenzorg werken. Belt in maart."
    assert again.radio(key="co_prog_1_1").value == "done" and "✓ klaar" in texts(again)
    assert again.session_state["co_state"] == state


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{broken", "beschadigd"),
        (b'{"format": "other", "version": 1}', "geen sessiebestand"),
        (b'{"format": "metrokaart-zorg-welzijn/coach-session", "version": 99}', "andere versie"),
        (b" " * 70_000, "te groot"),
    ],
)
def test_a_bad_session_file_gives_a_message_and_changes_nothing(app, content, message):
    at = coach(app)
    enter_client(at)
    before = routes_shown(at), at.session_state["co_state"]
    at.file_uploader(key="coach_file").set_value(("x.json", content, "application/json")).run()
    assert not at.exception
    assert any(message in e.value and "Er is niets veranderd" in e.value for e in at.error)
    assert (routes_shown(at), at.session_state["co_state"]) == before


def test_a_session_with_unknown_ids_opens_with_a_message(app, mini):
    from routes.state import PlannerState

    data = json.loads(session_to_json(PlannerState(start="havo", target="verzorgende-ig")))
    data["planner"]["done"] = ["weg-stap"]
    at = coach(app)
    at.file_uploader(key="coach_file").set_value(("s.json", json.dumps(data).encode(), "application/json")).run()
    assert not at.exception
    assert any("weg-stap" in w.value for w in at.warning)
    assert routes_shown(at)


def test_progress_on_the_planner_is_in_the_link_and_on_the_map_link(app):
    app.query_params = {"from": "geen-startkwalificatie", "to": "verzorgende-ig", "region": "zuid-limburg"}
    app.run()
    app.radio(key="pl_prog_1_1").set_value("busy").run()
    assert not app.exception
    assert "◐ bezig" in texts(app)
    busy = app.query_params.get("busy")
    assert busy, "progress is in the address"
    # and it comes back from the link
    fresh = AppTest.from_file(APP, default_timeout=60)
    fresh.query_params = {"to": "verzorgende-ig", "region": "zuid-limburg", "busy": busy}
    fresh.run()
    assert fresh.radio(key="pl_prog_1_1").value == "busy"


def test_choosing_a_diploma_replaces_geen_startkwalificatie(app):
    app.run()
    assert app.selectbox(key="pl_start").value == "geen-startkwalificatie"
    app.multiselect(key="pl_holds").set_value(["mbo2-helpende-zorg-welzijn"]).run()
    app.selectbox(key="pl_to").set_value("verzorgende-ig").run()
    assert not app.exception
    assert app.selectbox(key="pl_start").value == ""
    assert app.query_params["from"] in ("mbo2-helpende-zorg-welzijn", ["mbo2-helpende-zorg-welzijn"])


def test_the_coach_page_switches_language_with_a_session_open(app):
    at = coach(app)
    enter_client(at)
    at.radio(key="co_prog_1_1").set_value("busy").run()
    at.radio(key="lang").set_value("en").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "For coaches"
    assert any("Nothing about your client is stored on the server" in i.value for i in at.info)
    assert routes_shown(at) and "◐ busy" in texts(at)
    assert at.text_area(key="co_notes").value.startswith("Wil in de ouderenzorg")


def test_a_route_only_in_another_region_is_one_click_away(app):
    """No route without a region, one in Haaglanden: the coach sees the region named and a
    button that chooses it, and then the route."""
    coach(app)
    app.selectbox(key="co_school").set_value("mbo-3-andere-sector").run()
    app.selectbox(key="co_to").set_value("huiskamerbegeleider").run()
    assert not app.exception and app.warning, "no route without a region"
    assert "Zonder regio vinden we geen route" in texts(app)
    app.button(key="co_choose_region_haaglanden-rijn-gouwe").click().run()
    assert not app.exception
    assert app.selectbox(key="co_region").value == "haaglanden-rijn-gouwe"
    assert not app.warning and routes_shown(app), "with the region chosen, the route is there"
