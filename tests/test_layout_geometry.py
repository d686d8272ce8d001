"""The map's geometry, measured: octilinear segments, no overlaps, nothing missing, a current stored layout.

These are the checks behind the figures in the closing note (``python -m routes layout --figures``):
on the real data and on generated data (the real data copied twice, with renamed ids).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from routes import load_dataset
from routes.layout import metro_layout
from routes.layout.checks import figures, label_overlaps, line_problems, not_octilinear
from routes.layout.geometry import boxes_overlap, grow, wrap
from routes.layout.store import FILE_NAME, dumps, file_name, layout_from_json, load_layout, stored_layout
from routes.loader import default_data_dir
from routes.synthetic import scaled_data_dir
from routes.translation import localize
from tests.conftest import ROOT

DATA = default_data_dir()


@pytest.fixture(scope="module")
def fresh(real):
    return metro_layout(real)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = scaled_data_dir(DATA, tmp_path_factory.mktemp("twice"), 2)
    dataset = load_dataset(folder)
    return dataset, metro_layout(dataset)


def assert_readable(dataset, layout):
    assert not_octilinear(layout) == []
    assert label_overlaps(layout) == []
    assert line_problems(layout) == {"crossings": [], "overlaps": [], "through_station": []}
    on_lines = {sid for line in dataset.lines.values() for sid in line.stations}
    assert on_lines <= {s.id for s in layout.stations}, "every station on a line is on the map"
    assert [m.id for m in layout.lines] and {m.id for m in layout.lines} == set(dataset.lines)
    drawn_lines = {s.line for s in layout.drawn() if s.line}
    assert drawn_lines == {lid for lid, line in dataset.lines.items() if len(line.stations) > 1}


def test_the_real_map_is_octilinear_without_overlaps_or_crossings(real, fresh):
    assert_readable(real, fresh)


def test_generated_data_twice_the_size_is_as_readable(generated):
    dataset, layout = generated
    assert len(layout.stations) >= 2 * 130
    assert_readable(dataset, layout)


def test_labels_sit_beside_their_own_station_and_never_break_inside_a_word(real, fresh):
    for station in fresh.stations:
        label = station.label
        words = station.name.split()
        assert all(word in words or word in " ".join(words) for line in label.lines for word in line.split())
        # the label touches a ring around its station: a reader pairs them
        near = grow((station.x, station.y, station.x, station.y), station.radius + 60)
        assert boxes_overlap(label.box, near), station.id
    assert wrap("Persoonlijk begeleider gehandicaptenzorg", 60) == ("Persoonlijk", "begeleider", "gehandicaptenzorg")


def test_the_stored_layout_is_the_current_one(real, fresh):
    stored = stored_layout(real, DATA / FILE_NAME)
    assert stored is not None, f"data/{FILE_NAME} is stale: run `python -m routes layout --write`"
    assert dumps(stored) == dumps(fresh)


def test_the_stored_english_layout_is_current_and_lies_like_the_dutch_one(real, fresh):
    english = localize(real, "en")
    stored = stored_layout(english, DATA / file_name("en"))
    assert stored is not None, f"data/{file_name('en')} is stale: run `python -m routes layout --write`"
    assert dumps(stored) == dumps(metro_layout(english))
    dutch = {s.id: (s.x, s.y) for s in fresh.stations}
    assert {s.id: (s.x, s.y) for s in stored.stations} == dutch, "only the labels differ between languages"
    assert {s.id: s.name for s in stored.stations} != {s.id: s.name for s in fresh.stations}
    assert stored_layout(real, DATA / file_name("en")) is None, "a Dutch map never takes the English file"


def test_same_data_same_layout(real, fresh):
    assert dumps(metro_layout(real)) == dumps(fresh)


def test_layout_round_trips_through_json(fresh):
    assert layout_from_json(json.loads(dumps(fresh))) == fresh


@pytest.mark.parametrize(
    "content",
    [
        "{not json",  # broken
        '{"format": "something-else"}',  # not ours
        "[1, 2, 3]",  # the wrong shape
        None,  # right format, wrong data digest
        "x" * 6_000_000,  # too large to read
    ],
)
def test_a_broken_or_foreign_stored_layout_is_never_used(real, fresh, mini, tmp_path, content):
    path = tmp_path / FILE_NAME
    if content is None:
        content = dumps(metro_layout(mini))  # a real layout of other data
    path.write_text(content, encoding="utf-8")
    assert stored_layout(real, path) is None
    assert dumps(load_layout(real, tmp_path)) == dumps(fresh)


def test_layout_json_contract():
    result = subprocess.run(
        [sys.executable, "-m", "routes", "layout", "--json"], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"stations", "segments", "lines"} <= set(data)
    station = data["stations"][0]
    assert {"id", "x", "y", "label"} <= set(station)
    assert {"x0", "y0", "x1", "y1", "lines"} <= set(station["label"])
    segment = data["segments"][0]
    assert {"line", "from", "to", "points", "dashed"} <= set(segment)
    assert all(len(p) == 2 for p in segment["points"])
    assert {"id", "name", "color"} <= set(data["lines"][0])


def test_layout_figures_on_the_command_line():
    result = subprocess.run(
        [sys.executable, "-m", "routes", "layout", "--figures"], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
    shown = dict(line.split() for line in result.stdout.splitlines())
    assert shown["crossings"] == shown["label_overlaps"] == shown["not_octilinear"] == "0"


def test_figures_count_what_the_checks_find(fresh):
    counted = figures(fresh)
    assert counted["stations"] == len(fresh.stations) and counted["lines"] == len(fresh.lines)
    assert counted["label_overlaps"] == 0 and counted["crossings"] == 0
