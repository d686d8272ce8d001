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
    MAX_PROGRESS,
    MapState,
    PlannerState,
    compared,
    holdable_ids,
    map_params,
    mark,
    parse_lang,
    parse_map_params,
    parse_planner_params,
    permalink,
    planner_params,
    region_ids,
    settle_start,
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
            start=None,  # a diploma of mbo 2 replaces "geen startkwalificatie"
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
            done=("mbo2-helpende-zorg-welzijn",),  # progress on the route
            busy=("mbo3-verzorgende-ig",),
            compare=(1, 3),  # routes side by side
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


# --- issue 9: one start, progress and compared routes in the link --------------------------


def test_a_diploma_replaces_geen_startkwalificatie_in_the_link(mini):
    state = PlannerState(start=DEFAULT_START, holds=("mbo2-helpende-zorg-welzijn",), target="verzorgende-ig")
    params = planner_params(state, mini)
    assert params["from"] == ["mbo2-helpende-zorg-welzijn"], "never from=geen-startkwalificatie&from=mbo2-..."
    restored, issues = parse_planner_params(params, mini)
    assert issues == [] and restored == settle_start(state, mini) and restored.start is None


def test_an_old_link_with_a_contradictory_start_reads_as_the_diploma(mini):
    old = {"from": ["geen-startkwalificatie", "mbo2-helpende-zorg-welzijn"], "to": "verzorgende-ig"}
    state, issues = parse_planner_params(old, mini)
    assert issues == []
    assert (state.start, state.holds) == (None, ("mbo2-helpende-zorg-welzijn",))
    assert "geen-startkwalificatie" not in planner_params(state, mini).get("from", [])


def test_a_certificate_or_a_job_does_not_replace_the_start(mini):
    cert = PlannerState(start=DEFAULT_START, holds=("cert-mbo-v-onderdelen",))
    assert settle_start(cert, mini) == cert


def test_progress_and_compared_routes_survive_a_round_trip_and_a_permalink(mini):
    state = mark(
        mark(PlannerState(start="havo", target="verzorgende-ig"), "mbo3-verzorgende-ig", "busy"), "havo", "done"
    )
    state = replace(state, compare=compared([3, 1]), age=19, hours_per_week=32)
    params = planner_params(state, mini)
    assert params["done"] == ["havo"] and params["busy"] == ["mbo3-verzorgende-ig"] and params["compare"] == ["1", "3"]
    assert parse_planner_params(params, mini) == (state, [])
    link = permalink("https://x.nl/", state, mini)
    assert "done=havo" in link and "busy=mbo3-verzorgende-ig" in link and "compare=1&compare=3" in link
    assert "age=19" in link and "hours=32" in link


def test_progress_reads_comma_separated_and_moves_from_busy_to_done(mini):
    state, issues = parse_planner_params({"done": "havo,mbo3-verzorgende-ig", "busy": "havo"}, mini)
    assert issues == []
    assert state.progress == {"havo": "done", "mbo3-verzorgende-ig": "done"}, "done wins over busy"
    assert mark(state, "havo", None).progress == {"mbo3-verzorgende-ig": "done"}
    with pytest.raises(ValueError):
        mark(state, "havo", "half")


@pytest.mark.parametrize(
    ("params", "code", "param"),
    [
        ({"done": "no-such-step"}, "unknown", "done"),  # an unknown step is dropped with a message
        ({"busy": "<script>alert(1)</script>"}, "unknown", "busy"),  # markup
        ({"done": ",".join(["havo"] * (MAX_PROGRESS + 1))}, "too-many", "done"),  # a flood
        ({"compare": "9"}, "out-of-range", "compare"),
        ({"compare": "one"}, "not-a-number", "compare"),
        ({"compare": ["1", "2", "3", "4"]}, "too-many", "compare"),
    ],
)
def test_bad_progress_or_compare_values_become_messages(mini, params, code, param):
    state, issues = parse_planner_params(params, mini)
    assert (code, param) in [(i.code, i.param) for i in issues]
    assert "no-such-step" not in state.done and "<script>" not in str(state.busy)


def test_the_map_link_carries_progress(mini):
    planner = mark(PlannerState(start="havo", target="verzorgende-ig"), "havo", "done")
    params = map_params(MapState(planner=planner, route=2), mini)
    state, issues = parse_map_params(params, mini)
    assert issues == [] and state.planner.progress == {"havo": "done"} and state.route == 2


def test_compared_is_canonical():
    assert compared([2, 2, 1]) == (1, 2)
    assert compared([1, 2, 3]) == (), "the default (first three) is left out of links"
