"""The planner on the real data: the questions side-entrants and coaches actually ask."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from routes import NoRoute, UnknownStation
from routes.planner import Query, plan, reach, sort_key
from tests.conftest import ROOT


def programmes_of(routes):
    return {p for route in routes for step in route.steps for p in step.programmes}


def test_havo_to_hbo_nurse_takes_about_four_years(real_graph):
    best = plan(real_graph, Query(holds=("havo",), target="hbo-verpleegkundige"))[0]
    assert 42 <= best.months_min <= 48 <= best.months_max <= 54
    assert "hbo-verpleegkunde" in best.nodes


def test_from_helpende_vig_is_closer_than_from_no_diploma(real_graph):
    helpende = plan(real_graph, Query(holds=("mbo2-helpende-zorg-welzijn",), target="verzorgende-ig"))[0]
    nothing = plan(real_graph, Query(holds=("geen-startkwalificatie",), target="verzorgende-ig"))[0]
    assert helpende.months_max < nothing.months_max
    assert helpende.months_min < nothing.months_min


def test_side_entrant_in_zuid_limburg_heading_for_vig_sees_zorgstart(real_graph):
    routes = plan(
        real_graph,
        Query(holds=("geen-startkwalificatie",), target="verzorgende-ig", region="zuid-limburg", group="side-entrant"),
    )
    assert "zorgstart-zuid-limburg" in programmes_of(routes)


def test_rotterdam_supporting_role_sees_nieuw_zorgtalent_and_no_other_region(real, real_graph):
    routes = plan(
        real_graph,
        Query(holds=("geen-startkwalificatie",), target="welzijnsassistent", region="rotterdam-rijnmond"),
    )
    found = programmes_of(routes)
    assert "nieuw-zorgtalent" in found
    for pid in found:
        assert set(real.programmes[pid].regions) & {"rotterdam-rijnmond", "nederland"}, pid


def test_ended_programmes_are_never_offered(real, real_graph):
    ended = {pid for pid, p in real.programmes.items() if p.status.value != "running"}
    for target in ("verzorgende-ig", "mbo-verpleegkundige", "pedagogisch-medewerker-kinderopvang", "welzijnsassistent"):
        for region in (None, "rotterdam-rijnmond", "zuid-limburg"):
            routes = plan(real_graph, Query(holds=("geen-startkwalificatie",), target=target, region=region))
            assert not programmes_of(routes) & ended


def test_a_stated_situation_leaves_out_programmes_for_others(real, real_graph):
    query = Query(holds=("geen-startkwalificatie",), target="welzijnsassistent", region="rotterdam-rijnmond")
    student = programmes_of(plan(real_graph, Query(**{**query.__dict__, "group": "student"})))
    for pid in student:
        groups = {g.value for g in real.programmes[pid].target_groups}
        assert groups & {"student", "everyone"}, pid
    assert "nieuw-zorgtalent" not in student  # it is meant for people on benefits


def test_paid_only_routes_contain_only_paid_steps(real_graph):
    routes = plan(real_graph, Query(holds=("geen-startkwalificatie",), target="verzorgende-ig", paid_only=True))
    assert routes and all(step.paid for route in routes for step in route.steps)


def test_nurse_job_needs_the_nursing_diploma_not_certificates(real_graph):
    routes = plan(real_graph, Query(holds=("mbo3-verzorgende-ig",), target="mbo-verpleegkundige", k=5))
    for route in routes:
        # certificates may count towards the diploma, but only the diploma opens the BIG job
        assert route.steps[-1].from_id == "mbo4-verpleegkundige"
    with pytest.raises(NoRoute):
        plan(
            real_graph,
            Query(
                holds=("mbo3-verzorgende-ig",), target="mbo-verpleegkundige", avoid=frozenset({"mbo4-verpleegkundige"})
            ),
        )


def test_max_level_keeps_routes_at_mbo(real_graph):
    routes = plan(real_graph, Query(holds=("vmbo-gt",), target="mbo-verpleegkundige", max_level="mbo-4", k=5))
    levels = {real_graph.nodes[n]["level"] for r in routes for n in r.nodes}
    assert not levels & {"ad", "hbo", "wo", "master"}


def test_alternatives_differ_in_diplomas_or_kind_of_step(real_graph):
    # vmbo-gt -> VIG: the combi route is quickest; the regular BBL is a real alternative.
    routes = plan(real_graph, Query(holds=("vmbo-gt",), target="verzorgende-ig", k=3))
    assert len(routes) >= 2
    assert len({r.essence() for r in routes}) == len(routes)
    assert len({r.label for r in routes}) == len(routes), "each alternative says what makes it different"
    assert all(r.label for r in routes)


def test_what_can_i_become_within_three_years(real_graph):
    found = dict(reach(real_graph, Query(holds=("geen-startkwalificatie",)), within_months=36))
    assert "helpende-zorg-welzijn" in found
    assert "hbo-verpleegkundige" not in found
    assert all(route.months_max <= 36 for route in found.values())
    shorter = dict(reach(real_graph, Query(holds=("geen-startkwalificatie",)), within_months=12))
    assert set(shorter) < set(found)


def test_unknown_id_gets_the_nearest_matches(real_graph):
    with pytest.raises(UnknownStation) as info:
        plan(real_graph, Query(holds=("geen-startkwalificatie",), target="verzorgende-gi"))
    assert "verzorgende-ig" in info.value.suggestions


def test_no_route_says_which_constraint_blocks(real_graph):
    with pytest.raises(NoRoute) as info:
        plan(real_graph, Query(holds=("geen-startkwalificatie",), target="verzorgende-ig", max_months=6))
    assert any("6 maanden" in m and "snelste route" in m for m in info.value.messages)


def cli(*argv):
    return subprocess.run([sys.executable, "-m", "routes", *argv], cwd=ROOT, capture_output=True, text=True)


def test_cli_plan_json_contract():
    result = cli(
        "plan",
        "--from",
        "geen-startkwalificatie",
        "--to",
        "verzorgende-ig",
        "--region",
        "zuid-limburg",
        "--paid-only",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert set(answer) == {"routes", "messages"} and answer["routes"]
    for route in answer["routes"]:
        steps = route["steps"]
        assert {"steps", "months_min", "months_max", "cost_eur", "paid"} <= set(route)
        assert route["months_min"] == sum(s["months_min"] for s in steps)
        assert route["months_max"] == sum(s["months_max"] for s in steps)
        assert route["paid"] is True
        for a, b in zip(steps, steps[1:], strict=False):
            assert a["to"] == b["from"]
        for step in steps:
            assert {"from", "to", "kind", "months_min", "months_max", "cost_eur", "paid", "programmes", "why"} <= set(
                step
            )
            assert step["why"]
        assert steps[0]["from"] == "geen-startkwalificatie" and steps[-1]["to"] == "verzorgende-ig"


def test_cli_plan_impossible_max_months_exits_3_with_a_helpful_message():
    result = cli("plan", "--from", "geen-startkwalificatie", "--to", "verzorgende-ig", "--max-months", "3", "--json")
    assert result.returncode == 3
    answer = json.loads(result.stdout)
    assert answer["routes"] == [] and "3 maanden" in answer["messages"][0]


@pytest.mark.parametrize(
    "argv",
    [
        ["--from", "geen-diploma-typo", "--to", "verzorgende-ig"],  # unknown start
        ["--from", "havo", "--to", "verpleegkundig"],  # unknown target
        ["--from", "havo", "--to", "verzorgende-ig", "--region", "limburg"],  # unknown region
        ["--from", "havo", "--to", "verzorgende-ig", "--max-months", "-4"],  # bad number
        ["--from", "havo"],  # no target
    ],
)
def test_cli_plan_bad_usage_exits_2_without_traceback(argv):
    result = cli("plan", *argv)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.strip()


def test_cli_unknown_id_suggests_the_nearest():
    result = cli("plan", "--from", "havo", "--to", "verzorgende-gi")
    assert "did you mean" in result.stderr and "verzorgende-ig" in result.stderr


def test_cli_reach_lists_jobs_with_routes():
    result = cli("reach", "--from", "mbo3-verzorgende-ig", "--within-months", "36", "--json")
    assert result.returncode == 0
    found = json.loads(result.stdout)
    ids = [item["id"] for item in found]
    assert "verzorgende-ig" in ids and "mbo-verpleegkundige" in ids
    assert all(item["route"]["months_max"] <= 36 for item in found)


@pytest.mark.parametrize("sort", ["fastest", "fewest-steps", "cheapest", "earn-most"])
def test_reach_ranks_jobs_as_their_routes_sort_and_a_limit_keeps_the_first(real_graph, sort):
    # reach() ranks by totals summed along its search; the reference is the order of the routes it returns
    starts = sorted(v for v, d in real_graph.nodes(data=True) if d["kind"] == "start")
    for start in starts:
        for query in (Query(holds=(start,), sort=sort), Query(holds=(start,), sort=sort, group="side-entrant")):
            found = reach(real_graph, query, limit=None)
            keys = [sort_key(route, query)[:-1] + (real_graph.nodes[n]["name"].lower(),) for n, route in found]
            assert keys == sorted(keys)
            first = reach(real_graph, query, limit=10)
            assert list(first) == list(found)[:10] and first.total == len(found)
