"""The app as a user meets it, through Streamlit's AppTest (no browser).

Covers: every page runs; the standard question in three interactions; links
restore the planner; hostile links give a friendly warning; a broken data folder
shows its problems; the language switch; both catalogues complete.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from routes import load_dataset
from routes.models import Level, ProgrammeStatus, Registration, Sector, StepKind, TargetGroup
from routes.planner import SORTS
from tests.conftest import DATA, ROOT, replace_in
from ui.i18n import LOCALES

APP = str(ROOT / "app.py")
PAGES = [
    "views/routeplanner.py",
    "views/metrokaart.py",
    "views/beroepen.py",
    "views/programmas.py",
    "views/coach.py",
    "views/quiz.py",
]
TIMEOUT = 60
pytestmark = pytest.mark.usefixtures("quiet_streamlit")


@pytest.fixture
def app(monkeypatch) -> AppTest:
    monkeypatch.setenv("METROKAART_DATA", str(DATA))
    return AppTest.from_file(APP, default_timeout=TIMEOUT)


def texts(at: AppTest) -> str:
    """Everything the page says in Markdown-like elements, as one string."""
    parts = [e.value for kind in ("title", "header", "subheader", "markdown", "caption", "info") for e in at.get(kind)]
    return "\n".join(str(p) for p in parts)


def plain(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


# --- every page ----------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_an_exception(app, page):
    app.run()
    if page != PAGES[0]:
        app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error
    assert app.title, "each page has a title"


# --- the planner ---------------------------------------------------------------------------


def test_first_visit_explains_itself(app):
    app.run()
    intro = [i.value for i in app.info]
    assert any("Kies waar je nu staat" in text for text in intro)
    assert app.selectbox(key="pl_start").value == "geen-startkwalificatie"
    # With no target yet: what can I become from here, as a list of jobs to pick from.
    assert "Wat kun je worden vanaf hier?" in texts(app)
    assert any(o.startswith("Helpende zorg en welzijn (mbo 2) · ") for o in app.radio(key="pl_reach").options)


def test_standard_question_in_three_interactions(app):
    """Geen diploma -> verzorgende IG in Zuid-Limburg, alleen betaald leren."""
    app.run()
    app.selectbox(key="pl_to").set_value("verzorgende-ig").run()  # 1
    app.selectbox(key="pl_region").set_value("zuid-limburg").run()  # 2
    app.checkbox(key="pl_paid").check().run()  # 3
    assert not app.exception
    shown = plain(texts(app))
    assert "Routes naar Verzorgende IG" in shown
    assert "Route 1" in shown and "Je start bij: **Geen startkwalificatie**" in shown
    assert "je verdient de hele route" in shown
    assert "onbetaald" not in shown, "paid only: no unpaid step may be shown"
    assert "Zorgstart Zuid-Limburg" in shown, "the regional programme that helps is named"
    # The whole question is in the address, ready to share.
    assert app.query_params == {"to": "verzorgende-ig", "region": "zuid-limburg", "paid": "1"}
    # ... and the map link carries it on.
    links = [p for p in app.get("page_link") if "metrokaart" in p.proto.page]
    assert links, "each route card links to the map"


def test_choosing_a_job_from_the_reach_list_plans_the_route(app):
    app.run()
    app.radio(key="pl_reach").set_value("helpende-zorg-welzijn").run()
    assert app.selectbox(key="pl_to").value == "helpende-zorg-welzijn"
    assert "Routes naar Helpende zorg en welzijn" in plain(texts(app))


def test_a_link_restores_the_planner(app):
    app.query_params = {
        "from": ["havo", "mbo2-helpende-zorg-welzijn"],
        "to": "mbo-verpleegkundige",
        "region": "zuid-limburg",
        "months": "60",
        "sort": "fewest-steps",
        "k": "2",
    }
    app.run()
    assert not app.exception and not app.warning
    assert app.selectbox(key="pl_start").value == "havo"
    assert app.multiselect(key="pl_holds").value == ["mbo2-helpende-zorg-welzijn"]
    assert app.selectbox(key="pl_to").value == "mbo-verpleegkundige"
    assert app.selectbox(key="pl_region").value == "zuid-limburg"
    assert app.number_input(key="pl_months").value == 60
    assert app.radio(key="pl_sort").value == "fewest-steps"
    assert app.number_input(key="pl_k").value == 2
    shown = plain(texts(app))
    assert "Route 2" in shown and "Route 3" not in shown


def test_age_and_hours_from_the_form_change_the_routes_and_the_link(app):
    # A vmbo-kb pupil of 16 with 16 hours a week: no 21+ test, no learn-work job that needs 18 hours.
    app.query_params = {"from": "vmbo-kb", "to": "hbo-verpleegkundige"}
    app.run()
    assert "21+" in plain(texts(app)), "without an age the 21+ route is shown, labelled with its age"
    app.number_input(key="pl_age").set_value(16)
    app.number_input(key="pl_hours").set_value(16)
    app.run()
    assert not app.exception
    shown = plain(texts(app))
    assert "Route 1" in shown
    assert "21+" not in shown
    assert "BBL" not in shown and "werkend leren" not in shown.lower()
    assert app.query_params["age"] == "16" and app.query_params["hours"] == "16"


def test_situation_changes_the_order_but_stays_out_of_the_link(app):
    app.query_params = {"from": "werkervaring-winkel", "to": "verzorgende-ig", "region": "zuid-limburg"}
    app.run()
    app.selectbox(key="pl_group").set_value("side-entrant")
    app.run()
    assert not app.exception
    shown = plain(texts(app))
    assert "We gaan uit van" in shown  # shop work named without a diploma: the assumption is said
    assert "VOG" in shown and "Kosten en voorwaarden per stap" in [e.label for e in app.expander]
    assert "group" not in app.query_params
    app.checkbox(key="pl_share_group").check()
    app.run()
    assert app.query_params["group"] == "side-entrant"


@pytest.mark.parametrize(
    "params",
    [
        {"to": "<script>alert(1)</script>"},  # markup
        {"from": "nobody", "months": "-5"},  # unknown id, negative months
        {"k": "100000000"},  # a huge number of routes
        {"region": "../../etc/passwd", "paid": "perhaps", "level": "phd", "sort": "drop table"},
        {"lang": "klingon"},  # an unknown language
    ],
)
def test_a_hostile_link_gives_a_friendly_warning_and_the_defaults(app, params):
    app.query_params = params
    app.run()
    assert not app.exception
    assert app.warning, "the user is told the link was not quite right"
    warning = app.warning[0].value
    assert "<script>" not in warning.replace("`<script>", ""), "values are shown as code, never as markup"
    assert app.selectbox(key="pl_start").value == "geen-startkwalificatie"
    assert app.selectbox(key="pl_to").value is None
    assert app.number_input(key="pl_months").value is None
    assert app.title[0].value == "Routeplanner"


def test_no_route_tells_what_to_relax(app):
    app.query_params = {"to": "verzorgende-ig", "months": "3"}
    app.run()
    assert not app.exception
    assert any("geen route" in w.value for w in app.warning)
    assert "Het lukt niet binnen 3 maanden" in plain(texts(app))


def test_language_switch_keeps_the_question(app):
    app.query_params = {"to": "verzorgende-ig"}
    app.run()
    assert app.radio(key="lang").value == "nl"
    # The switch lives in app.py's sidebar. AppTest (1.67) re-runs only the page script
    # after the first run of a multipage app, so the change goes in the way the widget
    # makes it (the browser test clicks the real switch and checks the address).
    app.session_state["lang"] = "en"
    app.run()
    assert not app.exception
    assert app.title[0].value == "Route planner"
    assert app.selectbox(key="pl_to").value == "verzorgende-ig"
    english_name = load_dataset().functions["verzorgende-ig"].en.name
    assert f"Routes to {english_name}" in plain(texts(app)), "the job by its English name"


def test_english_from_a_link(app):
    app.query_params = {"lang": "en"}
    app.run()
    assert app.title[0].value == "Route planner"


# --- broken data ---------------------------------------------------------------------------


def test_broken_data_folder_shows_the_problems_not_a_traceback(monkeypatch, mini_copy):
    replace_in(mini_copy / "graph.yaml", "    kind: bbl\n", "    kind: [bbl\n")
    monkeypatch.setenv("METROKAART_DATA", str(mini_copy))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    messages = [e.value for e in at.error]
    assert len(messages) >= 2
    assert any("graph.yaml" in plain(m) and re.search(r":\d+:\d+:", plain(m)) for m in messages)
    assert "Routeplanner" not in [t.value for t in at.title], "no page runs on broken data"


def test_mini_dataset_works_too(monkeypatch):
    monkeypatch.setenv("METROKAART_DATA", str(ROOT / "tests" / "fixtures" / "mini"))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params = {"to": "verzorgende-ig"}
    at.run()
    assert not at.exception and not at.error
    assert "Route 1" in plain(texts(at))


def test_data_loaded_once_per_version(monkeypatch, mini_copy):
    from ui import data

    monkeypatch.setenv("METROKAART_DATA", str(mini_copy))
    first = data.load()
    assert first.ok and data.load() is first, "an unchanged folder is not loaded again"

    replace_in(mini_copy / "functions.yaml", "Je verpleegt mensen.", "Je verpleegt zieke mensen.")
    edited = data.load()
    assert edited is not first and edited.digest != first.digest
    assert edited.dataset.functions["mbo-verpleegkundige"].description == "Je verpleegt zieke mensen."

    # A new file matching an include pattern is part of the next version too.
    (mini_copy / "regions" / "extra.yaml").write_text("regions:\n", encoding="utf-8")
    assert data.fingerprint(mini_copy) != edited.digest


def test_the_launcher_loads_what_the_first_visit_uses(monkeypatch, mini_copy):
    """`python -m ui.launch` loads the data while the server starts: the first visit must find
    that very version in the cache, not load it again."""
    from ui import data, launch

    monkeypatch.setenv("METROKAART_DATA", str(mini_copy))
    monkeypatch.setattr(launch, "_server_started", lambda: None)
    calls = []
    monkeypatch.setattr(data, "load_dataset", lambda path: calls.append(path) or load_dataset(path))
    launch.warm_up()
    first_visit = data.load()
    assert first_visit.ok and len(calls) == 1


def test_fingerprint_reads_no_file_but_a_changed_entry(monkeypatch, mini_copy):
    from routes import yaml_source
    from ui import data

    data.fingerprint(mini_copy)
    opened = []
    monkeypatch.setattr(yaml_source.os, "open", lambda *a, **k: opened.append(a) or (_ for _ in ()).throw(OSError))
    data.fingerprint(mini_copy)
    assert opened == []


def test_a_broken_edit_keeps_the_last_good_data_in_service(monkeypatch, mini_copy, caplog):
    from ui import data

    monkeypatch.setenv("METROKAART_DATA", str(mini_copy))
    good = data.load()
    assert good.ok and not good.stale
    path = mini_copy / "graph.yaml"
    replace_in(path, "    kind: bbl\n", "    kind: [bbl\n")
    with caplog.at_level(logging.WARNING, logger="metrokaart.data"):
        served = data.load()
    assert served.ok and served.stale, "visitors keep the last good data"
    assert served.dataset is good.dataset
    assert any("graph.yaml" in p for p in served.problems)
    assert any("is broken" in r.getMessage() and str(mini_copy) in r.getMessage() for r in caplog.records)

    # The app keeps working and tells the maintainer in the sidebar.
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception and not at.error
    assert at.title and at.title[0].value == "Routeplanner"
    notice = [e for e in at.sidebar.get("expander")]
    assert notice and "beheerders" in notice[0].label
    assert any("graph.yaml" in plain(c.value) for c in at.sidebar.caption)

    # The next good edit is picked up without a restart.
    replace_in(path, "    kind: [bbl\n", "    kind: bbl\n")
    replace_in(mini_copy / "functions.yaml", "Je verpleegt mensen.", "Je verpleegt zieke mensen.")
    fixed = data.load()
    assert fixed.ok and not fixed.stale and fixed.dataset is not good.dataset
    assert fixed.dataset.functions["mbo-verpleegkundige"].description == "Je verpleegt zieke mensen."


def _old_cache_name(folder: Path) -> str:
    """The name the removed pickle cache gave a data folder's file (predictable from the data)."""
    import hashlib

    where = hashlib.sha256(str(folder.resolve()).encode("utf-8")).hexdigest()[:8]
    digest = hashlib.sha256()
    for file in sorted(folder.rglob("*.yaml")):
        digest.update(str(file.relative_to(folder)).encode("utf-8") + b"\0" + file.read_bytes() + b"\0")
    code = hashlib.sha256()
    for file in sorted((ROOT / "routes").glob("*.py")):
        code.update(file.name.encode() + b"\0" + file.read_bytes())
    return f"{where}-{digest.hexdigest()[:16]}-{code.hexdigest()[:12]}.pickle"


def test_no_code_runs_from_a_planted_cache_and_nothing_unvalidated_is_shown(monkeypatch, tmp_path, mini_copy):
    import pickle

    from routes import build_graph, load_dataset
    from ui import data

    marker = tmp_path / "pwned"

    class Exploit:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    poisoned = load_dataset(mini_copy)
    poisoned.functions["mbo-verpleegkundige"].name = "Verzonnen beroep XYZ"
    name = _old_cache_name(mini_copy)
    # A command where METROKAART_CACHE points, a well-formed poisoned dataset in the default place.
    cache = tmp_path / "cache"
    xdg = tmp_path / "xdg" / "metrokaart-zorg-welzijn"
    for folder, content in ((cache, Exploit()), (xdg, (poisoned, build_graph(poisoned)))):
        folder.mkdir(parents=True)
        (folder / name).write_bytes(pickle.dumps(content))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("METROKAART_DATA", str(mini_copy))
    before = sorted(p.name for p in tmp_path.rglob("*"))

    data._load.clear()
    assert data.load().dataset.functions["mbo-verpleegkundige"].name != "Verzonnen beroep XYZ"
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params = {"beroep": "mbo-verpleegkundige"}
    at.run()
    at.switch_page("views/beroepen.py").run()
    assert not at.exception
    assert "Verzonnen beroep XYZ" not in plain(texts(at))

    monkeypatch.setenv("METROKAART_CACHE", str(cache))
    data._load.clear()
    assert data.load().ok
    assert not marker.exists(), "code ran from the cache folder"
    assert sorted(p.name for p in tmp_path.rglob("*")) == before, "nothing is written to a cache"
    loaders = re.compile(r"^\s*(import|from)\s+(pickle|marshal|shelve|dill|joblib)\b", re.M)
    for module in [ROOT / "app.py", *(ROOT / "ui").glob("*.py"), *(ROOT / "routes").glob("*.py")]:
        assert not loaders.search(module.read_text(encoding="utf-8")), module


# --- the other pages ---------------------------------------------------------------------


def test_map_page_shows_the_route_from_a_link(app):
    app.run()
    app.query_params = {"to": "verzorgende-ig", "region": "zuid-limburg", "paid": "1", "route": "2"}
    app.switch_page("views/metrokaart.py").run()
    assert not app.exception
    shown = plain(texts(app))
    assert "Route 1 · " in shown and ": **Geen startkwalificatie** →" in shown and "**Verzorgende IG**" in shown
    assert "Route 2 · " in shown, "every alternative is listed as text under the map"
    assert app.query_params.get("route") == "2", "the chosen route stays in the link"
    assert app.get("download_button"), "the poster can be downloaded"
    assert app.dataframe, "the text twin is there as a table"
    # The planner follows the link too.
    app.switch_page("views/routeplanner.py").run()
    assert app.selectbox(key="pl_to").value == "verzorgende-ig"
    assert app.checkbox(key="pl_paid").value is True


def test_map_page_filters_lines_and_presenter_view(app):
    app.run()
    app.switch_page("views/metrokaart.py").run()
    app.multiselect(key="mp_lines").set_value(["lijn-vvt"]).run()
    app.toggle(key="mp_presenter").set_value(True).run()
    assert not app.exception
    assert app.query_params.get("lines") == "lijn-vvt"
    assert app.query_params.get("presenter") == "1"


def test_jobs_page_search_and_profile(app):
    app.run()
    app.switch_page("views/beroepen.py").run()
    app.text_input(key="jb_search").input("VIG").run()
    pills = app.get("button_group")[0]
    assert pills.options[0] == "Verzorgende IG" or "verzorgende-ig" in str(pills.proto)
    app.session_state["jb_pick"] = "verzorgende-ig"
    app.run()
    assert not app.exception
    shown = plain(texts(app))
    for heading in (
        "Wat doe je?",
        "Welk diploma heb je nodig?",
        "Registratie",
        "CAO en salaris",
        "Vraag naar dit beroep",
        "Hoe word je dit?",
        "Waar kun je heen vanaf hier?",
    ):
        assert heading in shown
    assert "beschermde titel" in shown
    assert app.query_params.get("beroep") == "verzorgende-ig"


def test_jobs_page_link_with_unknown_job(app):
    app.run()
    app.query_params = {"beroep": "astronaut"}
    app.switch_page("views/beroepen.py").run()
    assert not app.exception and app.warning


def test_programmes_page_never_offers_an_ended_programme(app, real):
    app.run()
    app.switch_page("views/programmas.py").run()
    assert not app.exception
    ended = {p.name for p in real.programmes.values() if p.status is ProgrammeStatus.ENDED}
    assert ended
    expander = [e for e in app.expander if "afgelopen" in e.label]
    assert expander, "ended programmes are kept as history, folded away"
    inside = {plain(m.value).removeprefix("#### ") for m in expander[0].markdown}
    outside = {plain(m.value).removeprefix("#### ") for m in app.main.markdown} - inside
    assert ended <= inside
    assert not (ended & outside)


def test_programmes_page_by_region(app, real):
    app.run()
    app.switch_page("views/programmas.py").run()
    app.selectbox(key="pg_region").set_value("zuid-limburg").run()
    shown = plain(texts(app))
    assert "Zorgstart Zuid-Limburg" in shown
    assert "Zorgstart Noord- en Midden-Limburg" not in shown
    assert app.query_params.get("region") == "zuid-limburg"


def test_programmes_page_says_who_to_call_and_gives_the_regions_figures(app, real):
    app.run()
    app.switch_page("views/programmas.py").run()
    app.selectbox(key="pg_region").set_value("rotterdam-rijnmond").run()
    shown = plain(texts(app))
    region = real.regions["rotterdam-rijnmond"]
    assert region.employer_organisation in shown
    assert (region.contact.name if region.contact else "geen contactpunt") in shown
    assert region.demand and all(d.signal.split()[0] in shown for d in region.demand)
    assert "87.000" in shown


def test_programmes_page_keeps_the_situation_out_of_the_address(app):
    app.query_params = {"group": "status-holder"}  # a link that carries it is still read ...
    app.run()
    app.switch_page("views/programmas.py").run()
    assert app.selectbox(key="pg_group").value == "status-holder"
    assert "group" not in app.query_params  # ... but the address no longer shows it
    app.selectbox(key="pg_group").set_value("benefits").run()
    assert "group" not in app.query_params


# --- the catalogues ------------------------------------------------------------------------


def catalogue(lang: str) -> dict:
    import yaml

    return yaml.safe_load((LOCALES / f"{lang}.yaml").read_text(encoding="utf-8"))


def test_both_catalogues_have_the_same_keys_and_no_empty_dutch_text():
    nl, en = catalogue("nl"), catalogue("en")
    assert set(nl) == set(en)
    assert all(isinstance(v, str) for v in list(nl.values()) + list(en.values()))
    assert [k for k, v in nl.items() if not v.strip()] == ["app.data_in_dutch"], "only the note for English is empty"
    for key in nl:
        assert set(re.findall(r"{(\w+)}", nl[key])) == set(re.findall(r"{(\w+)}", en[key])), key


def test_every_key_used_in_the_app_exists():
    nl = catalogue("nl")
    sources = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").glob("*.py"))]
    used = set()
    for path in sources:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_.\-]+)["']""", path.read_text(encoding="utf-8")))
    assert used, "the pattern finds the keys"
    assert sorted(used - set(nl)) == []


@pytest.mark.parametrize(
    ("prefix", "values"),
    [
        ("kind", [k.value for k in StepKind] + ["access"]),
        ("group", [g.value for g in TargetGroup]),
        ("level", [lvl.value for lvl in Level]),
        ("sort", list(SORTS)),
        ("status", [s.value for s in ProgrammeStatus]),
        ("registration", [r.value for r in Registration]),
        ("registration_text", [r.value for r in Registration]),
        ("sector", [s.value for s in Sector]),
        ("holdkind", ["start", "qualification", "certificate", "function"]),
        (
            "param",
            [
                "from",
                "to",
                "region",
                "group",
                "paid",
                "months",
                "level",
                "sort",
                "k",
                "route",
                "lines",
                "presenter",
                "lang",
                "beroep",
                "sector",
                "done",
                "busy",
                "compare",
            ],
        ),
        ("issue", ["unknown", "not-a-number", "out-of-range", "not-yes-no", "too-many", "second-start"]),
    ],
)
def test_keys_built_at_run_time_exist(prefix, values):
    nl = catalogue("nl")
    assert [v for v in values if f"{prefix}.{v}" not in nl] == []


def test_no_page_loads_anything_from_the_internet():
    for path in [Path(APP), *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<(script|link|img)[^>]+(src|href)=[\"']https?:", text), path


# --- the coach's hand-over -------------------------------------------------------------------


def test_compare_table_timeline_and_download_buttons(app):
    app.query_params = {"to": "verzorgende-ig", "region": "zuid-limburg"}
    app.run()
    assert not app.exception
    shown = plain(texts(app))
    assert "Routes naast elkaar" in shown and "Plan meegeven" in shown
    table = app.table[0].value
    table = getattr(table, "data", table)  # a pandas Styler keeps its frame in .data
    assert list(table.columns) == ["Route 1", "Route 2", "Route 3"]
    assert "≠ Hoe lang" in table.index and "≠ Betaald?" in table.index, "the differences are marked"
    assert "Hulp van programma's" in table.index, "a row where the routes agree is not marked"
    charts = app.get("arrow_vega_lite_chart") or app.get("vega_lite_chart")
    assert len(charts) == 3, "a timeline on every route card"
    labels = [b.proto.label for b in app.get("download_button") if b.proto.label.startswith(("Plan", "Stappen"))]
    assert labels == ["Plan (PDF)", "Stappen (CSV)", "Stappen (Excel)"]
    # A first name goes on the plan only: never into the address.
    app.text_input(key="pl_first_name").input("Zoë").run()
    app.selectbox(key="pl_handover_route").set_value(2).run()
    assert not app.exception
    assert "Zoë" not in str(app.query_params) and "pl_first_name" not in str(app.query_params)
    assert app.query_params == {"to": "verzorgende-ig", "region": "zuid-limburg"}


def test_compare_lets_you_pick_three_of_five_routes_and_speaks_english(app):
    app.query_params = {"from": "havo", "to": "hbo-verpleegkundige", "k": "5", "lang": "en"}
    app.run()
    assert not app.exception
    routes = plain(texts(app)).count("#### Route ")
    assert routes > 3, "this question has more routes than fit side by side"
    pick = app.multiselect(key="pl_compare")
    assert pick.value == [1, 2, 3], "the first three to begin with"
    pick.set_value([1, routes]).run()
    assert not app.exception
    table = app.table[0].value
    table = getattr(table, "data", table)
    assert "Routes side by side" in plain(texts(app))
    assert list(table.columns) == ["Route 1", f"Route {routes}"]
    assert any(label.endswith("How long") for label in table.index)


# --- demand on the Beroepen page, and the quiz -------------------------------------------------


def test_jobs_page_sorts_by_demand_in_my_region_and_charts_it(app):
    app.run()
    app.switch_page("views/beroepen.py").run()
    assert app.selectbox(key="jb_sort").value == "naam"
    app.selectbox(key="jb_sort").set_value("vraag").run()
    app.selectbox(key="jb_region").set_value("zuid-limburg").run()
    assert not app.exception
    options = app.get("button_group")[0].options
    assert options[0].startswith(("Verzorgende IG · ", "Mbo-verpleegkundige · ")) and "regio" in options[0]
    assert options[-1].endswith("· geen cijfers"), "jobs without figures come last"
    firsts = [i for i, o in enumerate(options) if o.endswith("geen cijfers")]
    assert firsts == list(range(firsts[0], len(options))), "all of them"
    assert app.query_params.get("sort") == "vraag" and app.query_params.get("region") == "zuid-limburg"

    app.session_state["jb_pick"] = "verzorgende-ig"
    app.run()
    assert not app.exception
    charts = app.get("arrow_vega_lite_chart") or app.get("vega_lite_chart")
    assert len(charts) == 1, "the demand chart on the profile"
    shown = plain(texts(app))
    assert "Berichten over tekort" in shown or "Elke stip" in shown
    assert "**Bronnen**" in shown and "skipr.nl" in shown, "the sources under the chart"


def test_jobs_page_link_with_demand_sort(app):
    app.run()
    app.query_params = {"sort": "vraag", "region": "rotterdam-rijnmond", "beroep": "sociaal-werker"}
    app.switch_page("views/beroepen.py").run()
    assert not app.exception and not app.warning
    assert app.selectbox(key="jb_region").value == "rotterdam-rijnmond"
    assert app.get("button_group")[0].options[0].endswith("vraag in je regio")


def test_quiz_answers_lead_to_suggestions_with_links(app):
    app.run()
    app.switch_page("views/quiz.py").run()
    assert not app.exception
    assert app.title[0].value == "Welk zorgwerk past bij mij?"
    radios = [r for r in app.radio if str(r.key).startswith("qz_")]
    assert 8 <= len(radios) <= 12 and all(r.value is None for r in radios)
    assert any("Beantwoord minstens" in i.value for i in app.info)
    assert radios[0].options == ["Ja", "Een beetje", "Nee"]

    app.radio(key="qz_vraag-kinderen").set_value("ja")
    app.radio(key="qz_vraag-verzorging").set_value("nee")
    app.radio(key="qz_vraag-diensten").set_value("nee").run()
    assert not app.exception
    heads = [s.value for s in app.subheader]
    assert len(heads) == 5 and heads[0].startswith("1. ")
    assert any("kinderopvang" in h.lower() or "Gastouder" in h for h in heads[:3])
    assert "Je werkt graag met jonge kinderen." in plain(texts(app)), "the reason"
    links = app.get("page_link")
    profile = [p.proto for p in links if p.proto.page == "beroepen"]
    planner = [p.proto for p in links if p.proto.label == "Plan je route hierheen"]
    assert len(profile) == len(planner) == 5
    assert profile[0].query_string.startswith("beroep=") and planner[0].query_string.startswith("to=")

    # The link to the planner lands with the target filled in.
    job = planner[0].query_string.split("=", 1)[1]
    app.query_params = {"to": job}
    app.switch_page("views/routeplanner.py").run()
    assert app.selectbox(key="pl_to").value == job


def test_quiz_in_english(app):
    app.run()
    app.sidebar.radio(key="lang").set_value("en").run()
    app.switch_page("views/quiz.py").run()
    assert not app.exception
    assert app.title[0].value == "Which care work suits me?"
    radio = app.radio(key="qz_vraag-kinderen")
    assert radio.options == ["Yes", "A bit", "No"] and "children" in radio.label
    app.radio(key="qz_vraag-kinderen").set_value("ja")
    app.radio(key="qz_vraag-ouderen").set_value("nee")
    app.radio(key="qz_vraag-ziekenhuis").set_value("nee").run()
    assert "You like working with young children." in plain(texts(app))
