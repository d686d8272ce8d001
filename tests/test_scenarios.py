"""The presenter's ready scenarios: data/scenarios.yaml and routes/scenarios.py."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from routes import load_dataset
from routes.errors import DataError
from routes.explain import describe_months
from routes.models import Scenario
from routes.planner import plan, reach
from routes.scenarios import (
    MAX_WORDS,
    ScenarioReach,
    ScenarioRoute,
    reach_scenario,
    route_scenario,
    run_scenario,
    scenario_problems,
    scenario_query,
)
from tests.conftest import DATA, ROOT

ROUTE_IDS = [
    "vmbo-kb-naar-verpleegkundige",
    "kassamedewerker-naar-verzorgende-ig",
    "havo-naar-jeugdzorgwerker",
    "statushouder-naar-de-zorg",
    "helpende-naar-wijkverpleegkundige",
]
REACH_IDS = [
    "wat-kun-je-worden-vmbo-bb",
    "wat-kun-je-worden-vmbo-kb",
    "wat-kun-je-worden-vmbo-gt",
    "wat-kun-je-worden-havo",
]


def words(text: str) -> int:
    return len(text.split())


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


def scenario(**fields) -> Scenario:
    base = {"id": "test", "kind": "route", "title": {"nl": "Test"}}
    return Scenario.model_validate(base | fields)


def validate(data_dir) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "routes", "validate", str(data_dir)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def line_of(path, needle: str) -> int:
    """The 1-based line of the first line in ``path`` that contains ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


# --- the shipped scenarios ------------------------------------------------------------------


def test_the_issue_scenarios_are_shipped(real):
    assert set(ROUTE_IDS + REACH_IDS) <= set(real.scenarios)
    for sid in REACH_IDS:
        assert real.scenarios[sid].kind.value == "reach"


@pytest.mark.parametrize("sid", ROUTE_IDS + REACH_IDS)
def test_every_shipped_scenario_resolves_on_the_real_data(real, real_graph, sid):
    result = run_scenario(real_graph, real.scenarios[sid])
    assert result.ok, result.message
    assert result.title and result.title_en
    if isinstance(result, ScenarioRoute):
        assert len(result.stops) >= 3  # a start, at least one step, the job
        assert result.stops[-1].station_id == real.scenarios[sid].to
    else:
        assert isinstance(result, ScenarioReach) and result.jobs and result.stations
    assert scenario_problems(real_graph, real.scenarios[sid]) == []


def test_every_scenario_in_the_file_resolves(real, real_graph):
    # also the ones a school adds later
    for s in real.scenarios.values():
        assert run_scenario(real_graph, s).ok, s.id


@pytest.mark.parametrize("sid", ROUTE_IDS)
def test_stops_are_the_planners_route_in_order(real, real_graph, sid):
    s = real.scenarios[sid]
    route = plan(real_graph, scenario_query(s))[0]
    walk = route_scenario(real_graph, s)
    assert tuple(stop.station_id for stop in walk.stops) == route.nodes
    assert walk.stops[0].step_id is None and walk.stops[0].kind == "start"
    assert [stop.step_id for stop in walk.stops[1:]] == [step.step_id for step in route.steps]
    assert [stop.months for stop in walk.stops[1:]] == [(st.months_min, st.months_max) for st in route.steps]
    assert walk.months == (route.months_min, route.months_max)
    for stop in walk.stops:
        assert stop.name == real_graph.nodes[stop.station_id]["name"]


@pytest.mark.parametrize("sid", ROUTE_IDS)
def test_every_stop_has_one_short_text_with_the_planners_duration(real, real_graph, sid):
    walk = route_scenario(real_graph, real.scenarios[sid])
    for stop in walk.stops:
        for lang in ("nl", "en"):
            text = stop.sentence(lang)
            assert text and "\n" not in text
            assert words(text) <= MAX_WORDS, text
            assert all(words(s) <= 12 for s in sentences(text)), f"short sentences: {text}"
        low, high = stop.months
        if stop.kind in ("start", "access"):
            assert stop.months == (0, 0) and "duurt" not in stop.text
        else:
            assert stop.text.endswith(f"Dit duurt {describe_months(low, high)}.")
            assert stop.text_en.endswith(f"This takes {describe_months(low, high, 'en')}.")
    assert walk.stops[-1].text.startswith("Nu kun je werken als")


def test_every_step_in_the_data_gives_a_short_text(real_graph):
    # a school may build a scenario over any step: each generated text must fit
    from routes.planner import RouteStep
    from routes.scenarios import start_sentence, step_sentence

    G = real_graph
    for u, v, key, d in G.edges(keys=True, data=True):
        if d["kind"] == "admission":
            continue
        step = RouteStep(u, v, key, d["step"], d["kind"], d["months_min"], d["months_max"], d["paid"], None)
        for lang in ("nl", "en"):
            assert words(step_sentence(G, step, lang)) <= MAX_WORDS, step_sentence(G, step, lang)
    for node, attrs in G.nodes(data=True):
        if attrs["kind"] != "admission":
            for lang in ("nl", "en"):
                assert words(start_sentence(G, node, (), lang)) <= MAX_WORDS


def test_a_bbl_stop_says_work_and_pay_as_the_issue_asks(real, real_graph):
    walk = route_scenario(real_graph, real.scenarios["vmbo-kb-naar-verpleegkundige"])
    bbl = next(stop for stop in walk.stops if stop.kind == "bbl")
    assert bbl.text.startswith("Je leert en werkt tegelijk (BBL). Je krijgt loon. Dit duurt ")


@pytest.mark.parametrize("sid", REACH_IDS)
def test_reach_lights_up_the_planners_jobs_and_the_stations_on_the_way(real, real_graph, sid):
    s = real.scenarios[sid]
    result = reach_scenario(real_graph, s)
    found = reach(real_graph, scenario_query(s))
    assert result.jobs == tuple(job for job, _ in found)
    on_the_way = {node for _, route in found for node in route.nodes} - set(result.start_ids)
    assert {st.station_id for st in result.stations} == on_the_way
    assert set(result.jobs) <= on_the_way
    # grouped: every station once, by the steps it is away
    grouped = [sid for ids in result.by_steps().values() for sid in ids]
    assert sorted(grouped) == sorted(on_the_way)
    assert sorted(x for ids in result.by_years().values() for x in ids) == sorted(on_the_way)
    for station in result.stations:
        assert station.station_id in result.by_steps()[station.steps]
        assert station.steps >= 1 and station.months[0] <= station.months[1]
    for text in (result.intro, result.intro_en):
        assert words(text) <= MAX_WORDS, text
        assert str(len(result.jobs)) in text


def test_havo_reaches_more_in_one_step_than_vmbo_bb(real, real_graph):
    havo = reach_scenario(real_graph, real.scenarios["wat-kun-je-worden-havo"])
    bb = reach_scenario(real_graph, real.scenarios["wat-kun-je-worden-vmbo-bb"])
    assert len(havo.by_steps()[1]) > len(bb.by_steps()[1])


# --- overrides ------------------------------------------------------------------------------


def test_a_sentence_from_the_file_is_used(real, real_graph):
    s = real.scenarios["kassamedewerker-naar-verzorgende-ig"]
    walk = route_scenario(real_graph, s)
    first = walk.stops[0]
    assert first.custom and first.text == s.sentences[first.station_id].nl
    assert first.text_en == s.sentences[first.station_id].en
    assert not any(stop.custom for stop in walk.stops[1:])


def test_an_own_sentence_on_a_step_keeps_the_planners_duration(real_graph):
    s = scenario(
        **{
            "from": ["vmbo-kb"],
            "to": "mbo-verpleegkundige",
            "sentences": {"mbo4-verpleegkundige": {"nl": "Op naar de BBL!"}},
        }
    )
    walk = route_scenario(real_graph, s)
    stop = next(stop for stop in walk.stops if stop.station_id == "mbo4-verpleegkundige")
    assert stop.custom
    assert stop.text == f"Op naar de BBL! Dit duurt {describe_months(*stop.months)}."
    assert stop.text_en.startswith("You learn and work")  # no English given: the generated text


# --- a scenario that no longer works ----------------------------------------------------------


def test_a_route_that_no_longer_exists_gives_a_message_not_an_exception(real, real_graph):
    s = real.scenarios["vmbo-kb-naar-verpleegkundige"]
    changed = real_graph.copy()
    changed.remove_edges_from([(u, v, k) for u, v, k in changed.in_edges("mbo4-verpleegkundige", keys=True)])
    walk = route_scenario(changed, s)
    assert not walk.ok and walk.stops == ()
    assert walk.message.startswith("Deze route bestaat niet meer in de gegevens.")
    assert walk.message_en
    assert scenario_problems(changed, s)[0][0] == ("to",)


@pytest.mark.parametrize(
    "fields",
    [
        {"from": ["bestaat-niet"], "to": "mbo-verpleegkundige"},  # an id removed from the data
        {"from": ["vmbo-kb"], "to": "mbo-verpleegkundige", "via": "kraamverzorgende"},  # no such route
        {"from": ["vmbo-kb"], "to": "mbo-verpleegkundige", "region": "nergens"},  # an unknown region
    ],
)
def test_a_broken_route_scenario_never_raises(real_graph, fields):
    walk = route_scenario(real_graph, scenario(**fields))
    assert not walk.ok and walk.message and walk.stops == ()


def test_a_broken_reach_scenario_never_raises(real_graph):
    result = reach_scenario(real_graph, scenario(kind="reach", **{"from": ["bestaat-niet"]}))
    assert not result.ok and result.message and result.stations == ()


def test_validate_reports_a_scenario_whose_route_no_longer_exists(data_copy):
    path = data_copy / "scenarios.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("    to: mbo-verpleegkundige\n", "    to: mbo-verpleegkundige\n    via: kraamverzorgende\n", 1),
        encoding="utf-8",
    )
    result = validate(data_copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = line_of(path, "    to: mbo-verpleegkundige")
    assert f"scenarios.yaml:{line}:5: scenario 'vmbo-kb-naar-verpleegkundige': the route no longer exists" in (
        result.stdout
    )


def test_validate_reports_a_sentence_for_a_station_off_the_route(data_copy):
    path = data_copy / "scenarios.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "    from: [havo]\n", "    from: [havo]\n    sentences:\n      mbo1-entree:\n        nl: Hoi.\n", 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        load_dataset(data_copy)
    (problem,) = info.value.problems
    assert problem.line == line_of(path, "      mbo1-entree:")
    assert "'mbo1-entree', which is not a stop of the route" in problem.message


# --- a broken scenarios file: file:line through the command line -------------------------------


@pytest.mark.parametrize(
    ("old", "new", "needle", "expected"),
    [
        # a typo in a station id: the nearest id is suggested
        (
            "    to: mbo-verpleegkundige\n",
            "    to: mbo-verpleegkundig\n",
            "    to: mbo-verpleegkundig",
            "to refers to unknown id 'mbo-verpleegkundig'; did you mean 'mbo-verpleegkundige'?",
        ),
        # a start that is not there
        ("    from: [havo]\n", "    from: [hav0]\n", "    from: [hav0]", "from refers to unknown id 'hav0'"),
        # 'to' must be a job
        (
            "    to: verzorgende-ig\n",
            "    to: mbo3-verzorgende-ig\n",
            "    to: mbo3-verzorgende-ig",
            "needs a function",
        ),
        # the title is missing
        (
            "    title:\n      nl: Van havo naar jeugdzorgwerker\n      en: From havo to youth care worker\n",
            "",
            "  - id: havo-naar-jeugdzorgwerker",
            "missing field 'title'",
        ),
        # a wrong type: age is a number
        ("    from: [vmbo-kb]\n    age: 16", "    from: [vmbo-kb]\n    age: oud", "    age: oud", "age:"),
        # a wrong kind
        ("    kind: route\n", "    kind: tour\n", "    kind: tour", "kind:"),
        # a field name typo
        ("    via: mbo4-verpleegkundige\n", "    vai: mbo4-verpleegkundige\n", "    vai:", "did you mean 'via'?"),
        # a reach scenario has no target
        (
            "    from: [vmbo-bb]\n",
            "    from: [vmbo-bb]\n    to: zorghulp\n",
            "  - id: wat-kun-je-worden-vmbo-bb",
            "reach",
        ),
    ],
)
def test_a_broken_scenarios_file_gives_file_line_errors(data_copy, old, new, needle, expected):
    path = data_copy / "scenarios.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = validate(data_copy)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines and all(re.match(r"^.+:\d+:\d+: ", line) for line in lines), lines
    ours = [line for line in lines if line.startswith(str(path) + ":")]
    assert ours, lines
    line = line_of(path, needle)
    assert any(f":{line}:" in hit and expected in hit for hit in ours), (line, ours)


def test_the_scenarios_file_is_included_and_carries_the_modeline():
    assert "  - scenarios.yaml" in (DATA / "functions.yaml").read_text(encoding="utf-8")
    first = (DATA / "scenarios.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schema.json"


def test_scenarios_are_not_found_as_stations(real):
    from routes.search import find

    assert all(m.kind != "scenario" for m in find(real, "verpleegkundige", limit=None))
    assert [m.id for m in find(real, "vmbo-kb naar verpleegkundige", kind="scenario")][0] == (
        "vmbo-kb-naar-verpleegkundige"
    )


def test_the_scenarios_module_is_pure():
    code = "import sys, routes.scenarios; assert 'streamlit' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=60)
