"""No route without a region (or in the region named), but one elsewhere: the answer says where.

Without a region the planner offers national steps only, so a person who has not chosen a
region was told there is no route at all when a regional programme leads there. The
"what to relax" answer now names the regions that have a route (the fastest with their
duration) and ``NoRoute.regions`` lists them for callers (the CLI's ``plan --json``).
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from routes import NoRoute, build_graph, planner
from routes.cli import main
from routes.explain import describe_months
from routes.planner import Query, _fastest_route, assumed_holds, plan, reach
from routes.synthetic import national_graph, random_graph
from routes.translation import localize
from tests.conftest import DATA, ROOT

HUISKAMER = Query(holds=("mbo-3-andere-sector",), target="huiskamerbegeleider")
HAAGLANDEN = "haaglanden-rijn-gouwe"
HAAGLANDEN_NAME = "Haaglanden, Rijn Gouwe en Nieuwe Waterweg Noord"


def no_route(G, query: Query) -> NoRoute:
    with pytest.raises(NoRoute) as info:
        plan(G, query)
    return info.value


def regions_with_a_route(G, query: Query) -> dict[str, tuple[int, int]]:
    """The reference, region by region: where the fastest route of the planner (the one the
    "what to relax" answer reports) exists once that region is named, from what the planner
    starts from; (months_max, months_min) of each."""
    start = replace(query, holds=assumed_holds(G, query.holds))
    found = {}
    for region in sorted(G.graph["regions"]):
        if region not in (query.region, "nederland"):
            route = _fastest_route(G, replace(start, region=region))
            if route is not None:
                found[region] = (route.months_max, route.months_min)
    return found


def test_without_a_region_the_answer_names_the_region_with_a_route(real_graph):
    exc = no_route(real_graph, HUISKAMER)
    best = plan(real_graph, replace(HUISKAMER, region=HAAGLANDEN))[0]  # what choosing the region shows
    assert exc.regions == [HAAGLANDEN]
    assert exc.blocking == [], "naming a region is not relaxing a constraint"
    assert len(exc.messages) == 1
    message = exc.messages[0]
    assert message.startswith("Zonder regio vinden we geen route.")
    assert HAAGLANDEN_NAME in message and HAAGLANDEN not in message, "the region by its name, not its id"
    assert f"({describe_months(best.months_min, best.months_max)})" in message
    assert "Kies je regio" in message
    assert "geen route van" not in message, "no longer 'there is no route at all'"


def test_a_region_without_the_route_names_the_region_with_one(real_graph):
    exc = no_route(real_graph, replace(HUISKAMER, region="zuid-limburg"))
    assert exc.regions == [HAAGLANDEN]
    assert "region" not in exc.blocking
    assert exc.messages[0].startswith("In Zuid-Limburg vinden we geen route. In een andere regio wel:")
    assert HAAGLANDEN_NAME in exc.messages[0]


def test_other_constraints_are_still_explained_next_to_the_regions(real_graph):
    # Two months at most: nationally there is no route at all; the region's takes at most one month.
    exc = no_route(real_graph, replace(HUISKAMER, max_months=2, paid_only=True))
    assert exc.regions == [HAAGLANDEN] and HAAGLANDEN_NAME in exc.messages[0]
    assert not any("geen route van" in m for m in exc.messages)


def test_no_region_has_a_route_keeps_the_plain_answer(real_graph):
    query = Query(holds=("vmbo-kb",), target="verzorgende-ig", max_months=1)
    exc = no_route(real_graph, query)
    assert exc.regions == [] and regions_with_a_route(real_graph, query) == {}
    assert plan(real_graph, replace(query, max_months=None)), "a route that takes longer"
    assert not any("regio" in m for m in exc.messages)


def test_english_graph_says_it_in_english(real):
    english = build_graph(localize(real, "en"))
    exc = no_route(english, HUISKAMER)
    assert exc.regions == [HAAGLANDEN]
    assert exc.messages[0].startswith("Without a region we find no route. In one region we do:")
    assert "Choose your region" in exc.messages[0] and "(0 to 1 month)" in exc.messages[0]
    exc = no_route(english, replace(HUISKAMER, region="zuid-limburg"))
    assert exc.messages[0].startswith("We find no route in Zuid-Limburg. In another region we do:")


def test_every_pair_without_a_national_route_is_told_every_region_with_one(real_graph):
    # All starts and jobs of the real data: "no route" only when no region has one either.
    G = real_graph
    starts = sorted(v for v, d in G.nodes(data=True) if d["kind"] == "start")
    jobs = sorted(v for v, d in G.nodes(data=True) if d["kind"] == "function")
    told = 0
    for start in starts:
        reached = {job for job, _ in reach(G, Query(holds=(start,)), limit=None)}
        for job in jobs:
            if job in reached or job == start:
                continue
            query = Query(holds=(start,), target=job, k=1)
            try:
                plan(G, query)
                continue
            except NoRoute as exc:
                answer = exc
            expected = regions_with_a_route(G, query)
            assert sorted(answer.regions) == sorted(expected), (start, job)
            told += bool(expected)
            if expected:
                assert not any("geen route van" in m for m in answer.messages), (start, job)
    assert told >= 9, "the huiskamerbegeleider pairs at least"


def test_plan_json_lists_the_regions_with_a_route(capsys):
    argv = ["plan", "--from", "mbo-3-andere-sector", "--to", "huiskamerbegeleider", "--json"]
    code = main(argv)
    answer = json.loads(capsys.readouterr().out)
    assert code == 3
    assert answer["routes"] == [] and answer["regions"] == [HAAGLANDEN]
    assert HAAGLANDEN_NAME in answer["messages"][0]


def test_the_app_offers_the_region_as_a_button(monkeypatch):
    monkeypatch.setenv("METROKAART_DATA", str(DATA))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params = {"from": "mbo-3-andere-sector", "to": "huiskamerbegeleider"}
    app.run()
    assert not app.exception
    assert app.warning, "no route without a region"
    shown = "\n".join(str(m.value) for m in app.markdown)
    assert "Zonder regio vinden we geen route" in shown
    button = app.button(key=f"pl_choose_region_{HAAGLANDEN}")
    assert button.label.startswith("Kies Haaglanden")
    button.click().run()
    assert not app.exception
    assert app.selectbox(key="pl_region").value == HAAGLANDEN
    assert not app.warning, "with the region chosen, the route is there"
    assert any(str(m.value).startswith("#### Route 1") for m in app.markdown)


# --- on generated graphs: the one search over every region against a search per region ------

GRAPHS = []
for seed in range(3):
    base = random_graph(40, 160, seed=300 + seed)
    GRAPHS += [base, national_graph(base, 8, seed=seed)]


@st.composite
def queries(draw):
    G = GRAPHS[draw(st.integers(0, len(GRAPHS) - 1))]
    nodes = sorted(G.nodes)
    holds = tuple(draw(st.lists(st.sampled_from(nodes), min_size=1, max_size=2, unique=True)))
    target = draw(st.sampled_from([n for n in nodes if G.nodes[n]["kind"] == "function" and n not in holds]))
    via = draw(st.none() | st.sampled_from(nodes))
    regions = sorted(r for r in G.graph["regions"] if r != "nederland")
    return G, Query(
        holds=holds,
        target=target,
        region=draw(st.none() | st.sampled_from(regions)),
        paid_only=draw(st.booleans()),
        max_months=draw(st.none() | st.integers(6, 120)),
        via=None if via in holds or via == target else via,
        hours_per_week=draw(st.none() | st.integers(8, 40)),
        age=draw(st.none() | st.integers(16, 30)),
        k=1,
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(queries(), st.sampled_from([1, planner.REGIONS_NAMED]))
def test_the_regions_named_are_exactly_those_with_a_route_and_the_fastest_first(case, shown):
    G, query = case
    named_before, planner.REGIONS_NAMED = planner.REGIONS_NAMED, shown  # 1: also the regions only counted
    try:
        plan(G, query)
        return
    except NoRoute as exc:
        answer = exc
    finally:
        planner.REGIONS_NAMED = named_before
    expected = regions_with_a_route(G, query)
    assert sorted(answer.regions) == sorted(expected)
    assert "region" not in answer.blocking
    named = answer.regions[:shown]
    slowest = max((expected[r] for r in named), default=None)
    assert all(expected[r] >= slowest for r in answer.regions[shown:]), "the fastest are named"
    if expected:
        assert any(G.graph["regions"][named[0]] in m for m in answer.messages)


def test_a_search_too_wide_for_a_hint_still_answers_plainly(real_graph, monkeypatch):
    """On a national-scale graph the search for other regions stops at its budget: the person
    then gets the plain "no route" answer, at once, rather than a late one or an error."""
    monkeypatch.setattr(planner, "REGION_SEARCH_BUDGET", 5)
    with pytest.raises(NoRoute) as caught:
        plan(real_graph, Query(holds=("mbo-3-andere-sector",), target="huiskamerbegeleider"))
    assert caught.value.regions == []
    assert caught.value.messages and "geen route" in caught.value.messages[0]
