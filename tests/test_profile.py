"""Job profiles: what the Beroepen page shows must follow from the data and the planner."""

from __future__ import annotations

import pytest

from routes import UnknownStation, build_graph
from routes.models import level_rank
from routes.profile import profile


@pytest.fixture(scope="module")
def mini_graph(mini):
    return build_graph(mini)


def assert_route_is_walkable(G, route, start, end):
    assert route.nodes[0] == start and route.nodes[-1] == end
    for step in route.steps:
        assert all(G.has_edge(u, v, key) for u, v, key in step.edges())


def test_profile_of_a_job_in_the_small_dataset(mini, mini_graph):
    p = profile(mini, mini_graph, "verzorgende-ig")
    assert (p.name, p.level, p.registration) == ("Verzorgende IG", "mbo-3", "big-title")
    assert [a.id for a in p.access] == ["mbo3-verzorgende-ig"]
    assert p.tasks == ("Verzorgen", "Medicijnen geven")
    assert [line[0] for line in p.lines] == ["lijn-vvt"]
    # Zorgstart supports the VIG diploma; the ended STAP-budget supports nothing here.
    assert p.programmes == ("zorgstart",)


def test_how_to_get_here_has_the_fastest_route_from_each_start_that_has_one(mini, mini_graph):
    p = profile(mini, mini_graph, "verzorgende-ig")
    assert [s for s, _ in p.get_here] == ["geen-startkwalificatie", "havo"]
    for start, route in p.get_here:
        assert_route_is_walkable(mini_graph, route, start, "verzorgende-ig")


def test_where_next_starts_from_the_job_and_never_goes_down_a_level(real, real_graph):
    p = profile(real, real_graph, "verzorgende-ig")
    assert p.go_next, "a VIG can grow further"
    own = level_rank(p.level)
    for fid, route in p.go_next:
        assert fid != "verzorgende-ig"
        assert level_rank(real_graph.nodes[fid]["level"]) >= own
        assert route.nodes[0] in ("verzorgende-ig", p.access[0].id)
    times = [(r.months_max, r.months_min) for _, r in p.go_next]
    assert times == sorted(times), "fastest first"
    assert "mbo-verpleegkundige" in {fid for fid, _ in p.go_next}


def test_real_profile_has_demand_newest_first_with_year_and_source(real, real_graph):
    p = profile(real, real_graph, "verzorgende-ig")
    years = [d.year for d in p.demand]
    assert years == sorted(years, reverse=True)
    assert all(d.source and d.signal for d in p.demand)
    assert all((d.region is None) == (d.region_name is None) for d in p.demand)


def test_every_real_job_has_a_profile_and_a_way_in(real, real_graph):
    for function_id in real.functions:
        p = profile(real, real_graph, function_id, starts=[])
        assert p.access, function_id
        assert p.description and p.tasks


def test_region_limits_the_routes(real, real_graph):
    national = profile(real, real_graph, "verzorgende-ig")
    regional = profile(real, real_graph, "verzorgende-ig", region="zuid-limburg")
    for _, route in regional.get_here:
        for step in route.steps:
            assert not step.regions or "zuid-limburg" in step.regions
    assert {s for s, _ in regional.get_here} <= {s for s, _ in national.get_here}


def test_unknown_id_and_non_job_are_refused(mini, mini_graph):
    with pytest.raises(UnknownStation) as info:
        profile(mini, mini_graph, "verzorgende-i")
    assert "verzorgende-ig" in info.value.suggestions
    with pytest.raises(ValueError):
        profile(mini, mini_graph, "havo")
