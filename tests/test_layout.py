"""The metro map layout: every station has its own place, levels run left to right, lines run straight."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

import pytest

from routes import UnknownStation, load_dataset
from routes.layout import metro_layout, station_rows
from routes.models import level_rank

SECOND_LINE = """
  - id: lijn-zorg
    name: Zorg dichtbij
    colour: "#1E8A3C"
    stations: [mbo3-verzorgende-ig, verzorgende-ig, cert-mbo-v-onderdelen]
    sources: [001_b2ecc7a5da4b3da1.txt]
    checked: 2026-11-23
"""


@pytest.fixture
def two_lines(mini_copy):
    """The mini dataset with a second line that shares Verzorgende IG with lijn-vvt."""
    path = mini_copy / "graph.yaml"
    path.write_text(path.read_text(encoding="utf-8") + SECOND_LINE, encoding="utf-8")
    return load_dataset(mini_copy)


@pytest.fixture(scope="module")
def real_layout(real):
    return metro_layout(real)


def line_ids(dataset):
    return {sid for line in dataset.lines.values() for sid in line.stations}


def connected_ids(dataset):
    ids = {sid for step in dataset.steps.values() for sid in (*step.from_, step.to, *step.also_gives)}
    return ids | {ref for f in dataset.functions.values() for ref in f.access} | set(dataset.functions)


@pytest.mark.parametrize("which", ["mini", "real"])
def test_every_line_or_connected_station_has_one_unique_position(which, request):
    dataset = request.getfixturevalue(which)
    layout = metro_layout(dataset)
    ids = [s.id for s in layout.stations]
    assert len(ids) == len(set(ids))
    # every station on a line has a position; so has every station a step or access reaches
    assert line_ids(dataset) <= set(ids)
    assert {i for i in connected_ids(dataset) if dataset.kinds[i] != "programme"} <= set(ids)
    positions = Counter((round(s.x, 3), round(s.y, 3)) for s in layout.stations)
    assert positions.most_common(1)[0][1] == 1, "two stations share a position"


def test_a_station_without_steps_or_line_is_left_off(mini):
    # havo is a start position in the mini data that no step leaves from
    assert "havo" not in metro_layout(mini)
    assert "lijn-vvt" not in metro_layout(mini)  # lines and programmes are not stations


@pytest.mark.parametrize("which", ["mini", "real"])
def test_levels_go_left_to_right(which, request):
    dataset = request.getfixturevalue(which)
    layout = metro_layout(dataset)
    stations = [s for s in layout.stations if s.level is not None]
    for a in stations:
        for b in stations:
            if level_rank(a.level) < level_rank(b.level):
                assert a.x < b.x, f"{a.id} ({a.level}) is not left of {b.id} ({b.level})"
    starts = [s for s in layout.stations if s.kind == "start"]
    assert starts and all(s.x < min(o.x for o in layout.stations if o.kind != "start") for s in starts)


def test_mbo2_lies_left_of_hbo_on_the_real_map(real_layout):
    assert real_layout.position("mbo2-helpende-zorg-welzijn")[0] < real_layout.position("hbo-verpleegkunde")[0]
    assert real_layout.position("verzorgende-ig")[0] < real_layout.position("wijkverpleegkundige")[0]


def test_columns_follow_the_levels_and_do_not_overlap(real_layout):
    columns = real_layout.columns
    assert [c.level for c in columns] == ["start", "mbo-1", "mbo-2", "mbo-3", "mbo-4", "ad", "hbo", "wo"]
    for left, right in pairwise(columns):
        assert left.x_max < right.x_min
    for station in real_layout.stations:
        column = columns[station.column]
        assert column.x_min <= station.x <= column.x_max
        if station.level is not None:
            assert station.column == level_rank(station.level)


def test_interchanges_are_exactly_the_stations_on_more_than_one_line(real, real_layout):
    on = Counter(sid for line in real.lines.values() for sid in line.stations)
    for station in real_layout.stations:
        assert station.interchange == (on[station.id] > 1), station.id
        assert set(station.lines) == {lid for lid, line in real.lines.items() if station.id in line.stations}
    assert real_layout.station("mbo4-verpleegkundige").interchange
    assert not real_layout.station("wijkverpleegkundige").interchange


def test_a_shared_station_becomes_an_interchange(mini, two_lines):
    assert not metro_layout(mini).station("verzorgende-ig").interchange
    layout = metro_layout(two_lines)
    station = layout.station("verzorgende-ig")
    assert station.interchange and set(station.lines) == {"lijn-vvt", "lijn-zorg"}
    assert station.radius > layout.station("mbo-verpleegkundige").radius, "an interchange has the bigger symbol"
    assert [s.id for s in layout.stations if s.interchange] == ["verzorgende-ig"]


def test_each_line_has_its_own_track_and_runs_mostly_straight(real, real_layout):
    tracks = {line.id: line.track for line in real_layout.lines}
    for line in real_layout.lines:
        assert any(real_layout.station(s).y == line.track for s in line.stations), line.id
    assert len(set(tracks.values())) == len(tracks) == len(real.lines)
    flat = total = 0
    for line in real_layout.lines:
        runs = [real_layout.position(a)[1] == real_layout.position(b)[1] for a, b in pairwise(line.stations)]
        assert any(runs), f"{line.id} has no horizontal run"
        flat, total = flat + sum(runs), total + len(runs)
    # it reads like a metro map: most pieces of line are horizontal
    assert flat / total >= 0.7
    # stations on no line lie below all tracks (the neutral band), starts in their own column
    lowest_track = max(tracks.values())
    for station in real_layout.stations:
        if not station.lines and station.kind != "start":
            assert station.y > lowest_track


def test_lines_mostly_run_left_to_right(real_layout):
    forward = backward = 0
    for track in real_layout.lines:
        for a, b in pairwise(track.stations):
            if real_layout.position(a)[0] < real_layout.position(b)[0]:
                forward += 1
            else:
                backward += 1
    assert backward <= 2 and forward > 50


def test_segments_join_line_neighbours_in_the_line_colour(real, real_layout):
    segments = [s for s in real_layout.segments if not s.lateral]
    expected = Counter()
    for line in real.lines.values():
        for a, b in pairwise(line.stations):
            expected[(line.id, frozenset((a, b)))] += 1
    assert Counter((s.line, frozenset((s.source, s.target))) for s in segments) == expected
    for seg in segments:
        assert seg.colour == real.lines[seg.line].colour


def test_lateral_segments_are_steps_between_stations_that_are_not_line_neighbours(mini):
    layout = metro_layout(mini)
    laterals = {(s.source, s.target): s for s in layout.segments if s.lateral}
    assert all(s.dashed and s.kind in ("branch", "link") for s in laterals.values())
    # a step off the line: VIG diploma -> mbo-V diploma
    assert laterals[("mbo3-verzorgende-ig", "mbo4-verpleegkundige")].kinds == ("verkort",)
    assert laterals[("mbo3-verzorgende-ig", "mbo4-verpleegkundige")].months_max == 30
    # access: a diploma gives access to its job
    assert laterals[("mbo3-verzorgende-ig", "verzorgende-ig")].kinds == ("access",)
    neighbours = {frozenset(p) for line in mini.lines.values() for p in pairwise(line.stations)}
    assert not any(frozenset(pair) in neighbours for pair in laterals)
    assert all(s.line is None for s in laterals.values())


def test_same_input_same_layout(real):
    assert metro_layout(real) == metro_layout(real)


def test_lines_sharing_a_stretch_run_in_parallel_lanes(real_layout):
    from routes.layout.model import LANE

    lanes = {
        s.line: s.points
        for s in real_layout.segments
        if {s.source, s.target} == {"mbo4-verpleegkundige", "mbo-verpleegkundige"}
    }
    assert set(lanes) == {"lijn-vvt", "lijn-ziekenhuis"}
    vvt, hospital = lanes["lijn-vvt"], lanes["lijn-ziekenhuis"]
    assert len(vvt) == len(hospital)
    for (ax, ay), (bx, by) in zip(vvt, hospital, strict=True):  # the same shape, one lane apart
        assert abs(((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5 - LANE) < 0.5 or ax != bx


def test_line_order_can_be_given(mini, two_lines):
    layout = metro_layout(two_lines, line_order=["lijn-zorg", "lijn-vvt"])
    assert [t.id for t in layout.lines] == ["lijn-zorg", "lijn-vvt"]
    with pytest.raises(UnknownStation):
        metro_layout(mini, line_order=["lijn-onbekend"])
    with pytest.raises(UnknownStation) as info:
        metro_layout(mini).station("verzorgende")
    assert "verzorgende-ig" in info.value.suggestions


def test_station_rows_read_line_by_line_with_connections(mini):
    layout = metro_layout(mini)
    rows = station_rows(mini, layout)
    assert [r["id"] for r in rows] == [s.id for s in layout.stations]
    assert [r["number"] for r in rows] == list(range(1, len(rows) + 1))
    # start first, then the line from left to right
    assert [r["id"] for r in rows[:4]] == [
        "geen-startkwalificatie",
        "mbo2-helpende-zorg-welzijn",
        "verzorgende-ig",
        "mbo-verpleegkundige",
    ]
    vig = next(r for r in rows if r["id"] == "mbo3-verzorgende-ig")
    assert vig["kind_label"] == "diploma" and vig["level"] == "mbo-3" and vig["lines"] == ()
    outgoing = {
        (c["id"], c["kind"], c["months_min"], c["months_max"]) for c in vig["connections"] if c["direction"] == "to"
    }
    assert ("mbo4-verpleegkundige", "verkort", 18, 30) in outgoing
    assert ("verzorgende-ig", "access", 0, 0) in outgoing
    incoming = {c["id"] for c in vig["connections"] if c["direction"] == "from"}
    assert incoming == {"mbo2-helpende-zorg-welzijn"}
    on_line = next(r for r in rows if r["id"] == "verzorgende-ig")
    assert on_line["lines"] == ("Verpleging en verzorging",)
    assert on_line["neighbours"] == [
        {
            "line": "lijn-vvt",
            "line_name": "Verpleging en verzorging",
            "previous": "mbo2-helpende-zorg-welzijn",
            "next": "mbo-verpleegkundige",
        }
    ]


def test_station_rows_list_every_step_of_the_real_data(real, real_layout):
    rows = {r["id"]: r for r in station_rows(real, real_layout)}
    assert len(rows) == len(real_layout.stations)
    for step in real.steps.values():
        for source in step.from_:
            assert any(c["step"] == step.id and c["id"] == step.to for c in rows[source]["connections"])
            assert any(c["step"] == step.id and c["id"] == source for c in rows[step.to]["connections"])
