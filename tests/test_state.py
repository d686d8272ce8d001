"""Shareable links: a link restores the planner exactly; a bad or hostile link never breaks anything."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from routes import NoRoute, build_graph
from routes.planner import plan
from routes.state import (
    DEFAULT_START,
    MAX_HOLDS,
    MapState,
    PlannerState,
    holdable_ids,
    map_params,
    parse_lang,
    parse_map_params,
    parse_planner_params,
    planner_params,
    region_ids,
)


@pytest.fixture(scope="module")
def mini_graph(mini):
    return build_graph(mini)


@pytest.mark.parametrize(
    "state",
    [
        PlannerState(start=DEFAULT_START),  # the first visit: nothing in the link
        PlannerState(start="havo", target="verzorgende-ig", region="zuid-limburg", paid_only=True),
        # everything set, with diplomas held besides the start
        PlannerState(
            start="geen-startkwalificatie",
            holds=("mbo2-helpende-zorg-welzijn", "cert-mbo-v-onderdelen"),
            target="mbo-verpleegkundige",
            region="zuid-limburg",
            group="side-entrant",
            paid_only=True,
            max_months=48,
            max_level="mbo-4",
            sort="cheapest",
            k=5,
            age=34,
            hours_per_week=24,
            via="mbo2-helpende-zorg-welzijn",
            share_group=True,  # the person chose to put the situation in the link
        ),
        PlannerState(start=None, holds=("mbo3-verzorgende-ig",), target="mbo-verpleegkundige"),  # diplomas only
        PlannerState(start=None, holds=()),  # the user chose "none of these" and nothing else
    ],
)
def test_a_link_restores_the_state_it_was_made_from(mini, state):
    params = planner_params(state, mini)
    restored, issues = parse_planner_params(params, mini)
    assert issues == []
    assert restored == state


def test_the_situation_stays_out_of_a_link_unless_the_person_shares_it(mini):
    # benefits or status holder is sensitive: it would end up in browser history, chats and logs
    private = PlannerState(start="havo", target="verzorgende-ig", group="benefits", age=40, hours_per_week=20)
    params = planner_params(private, mini)
    assert "group" not in params
    assert params["age"] == ["40"] and params["hours"] == ["20"]
    shared = planner_params(replace(private, share_group=True), mini)
    assert shared["group"] == ["benefits"]


def test_bad_age_hours_via_and_avoid_in_a_link_become_messages(mini):
    params = {"age": "7", "hours": "lots", "via": "<script>", "avoid": ["havo", "nope"]}
    state, issues = parse_planner_params(params, mini)
    assert (state.age, state.hours_per_week, state.via, state.avoid) == (None, None, None, ("havo",))
    assert sorted(i.param for i in issues) == ["age", "avoid", "hours", "via"]


def test_defaults_are_left_out_of_the_link(mini):
    assert planner_params(PlannerState(start=DEFAULT_START), mini) == {}


ATTRIBUTE = {
    "to": "target",
    "from": "sources",
    "region": "region",
    "group": "group",
    "level": "max_level",
    "sort": "sort",
    "months": "max_months",
    "k": "k",
    "paid": "paid_only",
}


@pytest.mark.parametrize(
    ("params", "code", "param"),
    [
        ({"to": "<script>alert(1)</script>"}, "unknown", "to"),  # markup instead of an id
        ({"to": "havo"}, "unknown", "to"),  # a real id, but not a job
        ({"from": "no-such-start"}, "unknown", "from"),  # an unknown id
        ({"region": "atlantis"}, "unknown", "region"),
        ({"group": "aliens"}, "unknown", "group"),
        ({"level": "phd"}, "unknown", "level"),
        ({"sort": "random"}, "unknown", "sort"),
        ({"months": "-5"}, "out-of-range", "months"),  # negative months
        ({"months": "0"}, "out-of-range", "months"),
        ({"months": "99999999999999999999"}, "out-of-range", "months"),
        ({"months": "twelve"}, "not-a-number", "months"),
        ({"k": "999999"}, "out-of-range", "k"),  # a huge number of alternatives
        ({"k": "1e9"}, "not-a-number", "k"),
        ({"paid": "maybe"}, "not-yes-no", "paid"),
        ({"from": ["havo", "geen-startkwalificatie"]}, "second-start", "from"),  # two start positions
        ({"from": ["havo"] * (MAX_HOLDS + 5)}, "too-many", "from"),  # a flood of values
    ],
)
def test_a_bad_value_becomes_an_issue_and_the_default(mini, params, code, param):
    state, issues = parse_planner_params(params, mini)
    assert (code, param) in [(i.code, i.param) for i in issues]
    if code not in ("second-start", "too-many"):  # those keep the first good values
        default, _ = parse_planner_params({}, mini)
        assert getattr(state, ATTRIBUTE[param]) == getattr(default, ATTRIBUTE[param])


def test_a_near_miss_suggests_the_id_meant(mini):
    _, issues = parse_planner_params({"to": "verzorgende-i"}, mini)
    assert issues[0].suggestions[0] == "verzorgende-ig"


def test_the_value_shown_back_is_short_and_printable(mini):
    _, issues = parse_planner_params({"to": "x" * 10_000 + "\x00\n"}, mini)
    assert len(issues[0].value) <= 40
    assert all(c.isprintable() for c in issues[0].value)


def test_good_values_survive_next_to_bad_ones(mini):
    state, issues = parse_planner_params({"to": "verzorgende-ig", "k": "-1", "region": "zuid-limburg"}, mini)
    assert (state.target, state.region, state.k) == ("verzorgende-ig", "zuid-limburg", 3)
    assert [i.param for i in issues] == ["k"]


def test_from_with_only_diplomas_means_no_start_position(mini):
    state, _ = parse_planner_params({"from": "mbo2-helpende-zorg-welzijn"}, mini)
    assert state.start is None and state.sources == ("mbo2-helpende-zorg-welzijn",)


def test_unknown_parameters_are_ignored(mini):
    state, issues = parse_planner_params({"utm_source": "newsletter", "embed": "true"}, mini)
    assert issues == [] and state == parse_planner_params({}, mini)[0]


@pytest.mark.parametrize(("value", "expected"), [("en", "en"), ("EN", "en"), ("nl", "nl"), ("", "nl"), ("fr", "nl")])
def test_language_from_a_link(value, expected):
    issues = []
    assert parse_lang({"lang": value}, issues) == expected
    assert bool(issues) == (value == "fr")


def test_map_link_round_trip(mini):
    state = MapState(
        planner=PlannerState(start="havo", target="verzorgende-ig"), route=2, lines=("lijn-vvt",), presenter=True
    )
    restored, issues = parse_map_params(map_params(state, mini), mini)
    assert issues == [] and restored == state


def test_map_link_with_bad_values(mini):
    state, issues = parse_map_params({"route": "42", "lines": ["lijn-vvt", "<b>"], "presenter": "x"}, mini)
    assert (state.route, state.lines, state.presenter) == (1, ("lijn-vvt",), False)
    assert sorted(i.param for i in issues) == ["lines", "presenter", "route"]


# Any link at all: never an exception, and the state is always one the planner accepts.
param_names = st.sampled_from(["from", "to", "region", "group", "paid", "months", "level", "sort", "k", "x"])
values = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["havo", "verzorgende-ig", "zuid-limburg", "1", "0", "-1", "1e3", "<script>", "' OR 1=1"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(param_names, st.lists(values, min_size=1, max_size=4), max_size=8))
def test_any_link_gives_a_state_the_planner_accepts(mini, mini_graph, params):
    state, issues = parse_planner_params(params, mini)
    assert all(h in mini for h in state.sources)
    assert state.target is None or state.target in mini.functions
    assert state.region is None or state.region in region_ids(mini)
    assert 1 <= state.k <= 5
    assert state.max_months is None or 1 <= state.max_months <= 144
    assert set(state.holds) <= set(holdable_ids(mini))
    if state.target and state.sources:
        try:
            routes = plan(mini_graph, state.query())
        except NoRoute:
            routes = []
        assert all(r.nodes[-1] == state.target for r in routes)
