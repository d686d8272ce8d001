"""Long pickers are searched first: only matches (and what is chosen) go to the browser."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import DATA, ROOT
from ui import picker
from ui.picker import Options

pytestmark = pytest.mark.usefixtures("quiet_streamlit")


def test_matching_needs_every_word_and_keeps_the_chosen():
    options = Options(("a", "b", "c"), {"a": "Verzorgende IG (mbo 3)", "b": "Mbo-verpleegkundige", "c": "Helpende"})
    assert options.matching("verzorg ig") == ["a"]
    assert options.matching("VERPLEEG") == ["b"]
    assert options.matching("helpende", keep=["b"]) == ["b", "c"]
    assert options.matching("") == ["a", "b", "c"]


def test_a_long_target_list_is_searched_and_the_route_follows(monkeypatch):
    monkeypatch.setenv("METROKAART_DATA", str(DATA))
    monkeypatch.setattr(picker, "MAX_SHOWN", 20)  # the real lists are short; make them "long"
    monkeypatch.setattr(picker, "MATCHES_SHOWN", 5)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params = {"from": "vmbo-kb"}
    app.run()
    target = app.selectbox(key="pl_to")
    assert len(target.options) == 5, "before a search only the first few options are sent"
    app.text_input(key="pl_to__q").set_value("verzorgende ig").run()
    options = app.selectbox(key="pl_to").options
    assert options and all("verzorgende ig" in o.lower() for o in options)
    app.selectbox(key="pl_to").set_value("verzorgende-ig").run()
    assert not app.exception
    app.text_input(key="pl_to__q").set_value("kraam").run()
    assert app.selectbox(key="pl_to").value == "verzorgende-ig", "a new search keeps the chosen job"
    page = "\n".join(str(e.value) for e in app.markdown)
    assert "Verzorgende IG" in page


def test_what_can_i_become_shows_the_nearest_jobs_and_more_on_demand(monkeypatch):
    import routes.planner

    monkeypatch.setenv("METROKAART_DATA", str(DATA))
    monkeypatch.setattr(routes.planner, "REACH_LIMIT", 5)  # the real list is short; make it "national"
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params = {"from": "vmbo-kb"}
    app.run()
    assert len(app.radio(key="pl_reach").options) == 5
    assert any("En nog" in c.value for c in app.caption)
    next(b for b in app.button if "Toon er" in str(b.label)).click().run()
    assert len(app.radio(key="pl_reach").options) == 10
