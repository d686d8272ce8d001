"""What the planner shows when its answer comes from the UI layer's caches.

A rerun that keeps the question (a progress mark, a language switch, another session with the
same link) gets the routes, the timelines and the comparison table from caches shared by all
sessions: Streamlit replays the recorded chart and table. These tests check the person sees
the same answer as on the first run, in the right language, and the marks of this session only.
"""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import DATA, ROOT

APP = str(ROOT / "app.py")
QUESTION = {"from": "vmbo-kb", "to": "verzorgende-ig", "region": "zuid-limburg"}
pytestmark = pytest.mark.usefixtures("quiet_streamlit")


@pytest.fixture
def new_session(monkeypatch):
    monkeypatch.setenv("METROKAART_DATA", str(DATA))
    return lambda: AppTest.from_file(APP, default_timeout=60)


def cards(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("#### ")]


def charts(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")]


def table(at: AppTest):
    value = at.table[0].value
    return getattr(value, "data", value)  # a pandas Styler keeps its frame in .data


def answer(at: AppTest) -> tuple:
    frame = table(at)
    return cards(at), charts(at), list(frame.columns), list(frame.index), frame.values.tolist()


def test_a_second_session_with_the_same_link_sees_the_same_answer(new_session):
    first, second = new_session(), new_session()
    for at in (first, second):
        at.query_params = dict(QUESTION)
        at.run()
        assert not at.exception
    shown = answer(first)
    assert len(shown[0]) == 3 and len(shown[1]) == 3, "three route cards, a timeline on each"
    assert shown[2] == ["Route 1", "Route 2", "Route 3"]
    assert answer(second) == shown
    first.run()  # the same question again in the same session
    assert not first.exception and answer(first) == shown


def test_a_progress_mark_shows_in_this_session_only(new_session):
    marked, other = new_session(), new_session()
    for at in (marked, other):
        at.query_params = dict(QUESTION)
        at.run()
    before = cards(marked)
    assert not any("klaar" in card for card in before)
    marked.radio(key="pl_prog_1_1").set_value("done").run()
    assert not marked.exception
    after = cards(marked)
    assert "✓ klaar" in after[0], "the step marked done on route 1"
    assert len(charts(marked)) == 3 and list(table(marked).columns) == ["Route 1", "Route 2", "Route 3"]
    other.run()
    assert cards(other) == before, "another session's marks are not shown here"


def test_the_answer_follows_the_language(new_session):
    at = new_session()
    at.query_params = dict(QUESTION)
    at.run()
    dutch = json.dumps(charts(at))
    assert "maanden vanaf nu" in dutch and "Hoe lang" in " ".join(table(at).index)
    at.session_state["lang"] = "en"  # as the sidebar switch does (see test_app)
    at.run()
    assert not at.exception
    english = json.dumps(charts(at))
    assert len(charts(at)) == 3
    assert "months from now" in english and "maanden vanaf nu" not in english
    assert any(label.endswith("How long") for label in table(at).index)
    assert list(table(at).columns) == ["Route 1", "Route 2", "Route 3"]
    at.session_state["lang"] = "nl"
    at.run()
    assert "maanden vanaf nu" in json.dumps(charts(at)), "and back"


def test_no_route_is_explained_again_when_the_question_comes_back(new_session):
    at = new_session()
    at.query_params = {"to": "verzorgende-ig", "months": "3"}
    at.run()
    for _ in range(2):  # the first answer is planned, the second comes from the cache
        assert not at.exception
        assert any("geen route" in w.value for w in at.warning)
        shown = re.sub(r"\\(.)", r"\1", "\n".join(m.value for m in at.markdown))
        assert "Het lukt niet binnen 3 maanden" in shown
        at.run()


def test_the_timeline_is_the_chart_altair_makes():
    from routes import build_graph, load_dataset
    from routes.planner import Query, plan
    from routes.timeline import timeline_frame
    from ui.charts import timeline_chart, timeline_spec

    G = build_graph(load_dataset(DATA))
    questions = [  # short and long routes (month ticks every 6, 12, 24), one step and several
        Query(holds=("vmbo-kb",), target="verzorgende-ig", region="zuid-limburg"),
        Query(holds=("geen-startkwalificatie",), target="hbo-verpleegkundige", k=5),
        Query(holds=("havo",), target="ic-verpleegkundige", k=4),
        Query(holds=("vmbo-bb",), target="pedagogisch-medewerker-kinderopvang"),
        Query(holds=("geen-startkwalificatie",), target="gz-psycholoog", k=1),  # over 8 years: ticks every 2 years
    ]
    compared = 0
    for query in questions:
        for route in plan(G, query):
            frame = timeline_frame(G, route, "nl")
            if len(frame):
                assert json.dumps(timeline_spec(frame)) == json.dumps(timeline_chart(frame).to_dict())
                compared += 1
    assert compared >= 8
