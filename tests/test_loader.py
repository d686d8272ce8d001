"""Every class of loader error names the file, the right line and the problem."""

from __future__ import annotations

import pytest

from routes import DataError, load_dataset
from tests.conftest import line_of, replace_in


def problems_of(data_dir):
    with pytest.raises(DataError) as info:
        load_dataset(data_dir)
    return info.value.problems


def test_the_mini_fixture_is_valid(mini):
    assert mini.count("function") == 3
    assert mini.kind_of("havo") == "start"
    assert mini.qualifications["mbo3-verzorgende-ig"].crebo == ["25656"]


def test_syntax_error_names_file_and_line(mini_copy):
    path = mini_copy / "graph.yaml"
    replace_in(path, "    name: Havo-diploma", "    name: [Havo-diploma")
    (problem,) = problems_of(mini_copy)
    assert problem.file.endswith("graph.yaml")
    assert "syntax error" in problem.message
    assert (
        line_of(path, "[Havo-diploma") in (problem.line, problem.line - 1)
        or "line " + str(line_of(path, "[Havo-diploma")) in problem.message
    )


def test_python_tag_is_refused_not_executed(mini_copy, tmp_path):
    marker = tmp_path / "pwned"
    path = mini_copy / "regions" / "evil.yaml"
    path.write_text(f"regions: !!python/object/apply:os.system ['touch {marker}']\n")
    (problem,) = problems_of(mini_copy)
    assert problem.file.endswith("evil.yaml") and problem.line == 1
    assert "!!python/object/apply:os.system" in problem.message and "not allowed" in problem.message
    assert not marker.exists()


def test_empty_file(mini_copy):
    (mini_copy / "regions" / "empty.yaml").write_text("# nothing here yet\n")
    (problem,) = problems_of(mini_copy)
    assert problem.file.endswith("empty.yaml") and problem.line == 1
    assert "empty" in problem.message


def test_duplicate_id_points_at_the_second_and_names_the_first(mini_copy):
    path = mini_copy / "graph.yaml"
    replace_in(path, "  - id: havo", "  - id: geen-startkwalificatie")
    (problem,) = problems_of(mini_copy)
    assert problem.line == line_of(path, "id: geen-startkwalificatie", nth=2)
    assert "duplicate id 'geen-startkwalificatie'" in problem.message
    assert f"graph.yaml:{line_of(path, 'id: geen-startkwalificatie')}" in problem.message


def test_duplicate_key_in_one_mapping(mini_copy):
    path = mini_copy / "functions.yaml"
    replace_in(path, "    aliases: [VIG]", "    aliases: [VIG]\n    aliases: [verzorgende]")
    (problem,) = problems_of(mini_copy)
    assert problem.line == line_of(path, "aliases: [verzorgende]")
    assert "duplicate key 'aliases'" in problem.message


def test_renamed_id_gives_unknown_reference_with_suggestion(mini_copy):
    path = mini_copy / "graph.yaml"
    replace_in(path, "  - id: mbo3-verzorgende-ig", "  - id: mbo3-verzorgende")
    problems = problems_of(mini_copy)
    # Both the step and the function that refer to the old id are reported.
    messages = [str(p) for p in problems]
    assert any("unknown id 'mbo3-verzorgende-ig'" in m and "did you mean 'mbo3-verzorgende'" in m for m in messages)
    files = {p.file.rsplit("/", 1)[-1] for p in problems}
    assert files == {"functions.yaml", "graph.yaml", "zuid-limburg.yaml"}
    step_problem = next(p for p in problems if p.file.endswith("graph.yaml"))
    assert step_problem.line == line_of(path, "to: mbo3-verzorgende-ig")


def test_reference_to_the_wrong_kind(mini_copy):
    path = mini_copy / "functions.yaml"
    replace_in(path, "access: [mbo2-helpende-zorg-welzijn]", "access: [havo]")
    (problem,) = problems_of(mini_copy)
    assert problem.line == line_of(path, "access: [havo]")
    assert "'havo', which is a start" in problem.message


def test_unknown_field_suggests_the_right_one(mini_copy):
    path = mini_copy / "functions.yaml"
    replace_in(path, "    registration: big-title", "    registation: big-title")
    problems = problems_of(mini_copy)
    unknown = next(p for p in problems if "unknown field" in p.message)
    assert unknown.line == line_of(path, "registation:")
    assert "did you mean 'registration'" in unknown.message
    assert any("missing field 'registration'" in p.message for p in problems)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # a level that does not exist
        ("    level: mbo-4", "    level: mbo-5", "level: Input should be"),
        # min above max
        ("months: {min: 18, max: 30}", "months: {min: 31, max: 30}", "min (31) is larger than max (30)"),
        # a duration beyond any real programme
        ("months: {min: 18, max: 30}", "months: {min: 18, max: 300}", "less than or equal to 144"),
        # crebo codes are five digits
        ('crebo: ["25656"]', 'crebo: ["2565"]', "crebo.0"),
        # a source must be a URL or a seed file
        ("sources: [001_b2ecc7a5da4b3da1.txt]", "sources: [some website]", "neither a URL"),
        # unconfirmed must name a real field
        ("unconfirmed: [crebo]", "unconfirmed: [creebo]", "not a field of qualification"),
    ],
)
def test_field_errors(mini_copy, old, new, expected):
    path = next(mini_copy / n for n in ("functions.yaml", "graph.yaml") if old in (mini_copy / n).read_text())
    replace_in(path, old, new)
    (problem,) = problems_of(mini_copy)
    assert problem.file == str(path)
    assert problem.line == line_of(path, new.strip())
    assert expected in problem.message


def test_line_station_that_does_not_exist(mini_copy):
    path = mini_copy / "graph.yaml"
    replace_in(path, "stations: [mbo2-helpende-zorg-welzijn,", "stations: [mbo2-helpende,")
    (problem,) = problems_of(mini_copy)
    assert problem.line == line_of(path, "stations: [mbo2-helpende,")
    assert (
        "unknown id 'mbo2-helpende'" in problem.message
        and "did you mean 'mbo2-helpende-zorg-welzijn'" in problem.message
    )


def test_function_no_start_can_reach(mini_copy):
    path = mini_copy / "graph.yaml"
    replace_in(
        path,
        "    from: mbo3-verzorgende-ig\n    to: mbo4-verpleegkundige",
        "    from: mbo4-verpleegkundige\n    to: mbo3-verzorgende-ig",
    )
    problems = problems_of(mini_copy)
    reach = [p for p in problems if "cannot be reached" in p.message]
    assert {p.message.split("'")[1] for p in reach} == {"mbo4-verpleegkundige", "mbo-verpleegkundige"}


def test_certificate_cannot_give_big_registration(mini_copy):
    path = mini_copy / "functions.yaml"
    replace_in(path, "access: [mbo4-verpleegkundige]", "access: [mbo4-verpleegkundige, cert-mbo-v-onderdelen]")
    (problem,) = problems_of(mini_copy)
    assert "needs BIG registration" in problem.message and "cert-mbo-v-onderdelen" in problem.message


def test_entry_level_is_checked_for_regular_programmes(mini_copy):
    path = mini_copy / "graph.yaml"
    replace_in(path, "    kind: verkort\n    months: {min: 12", "    kind: bol\n    months: {min: 12")
    replace_in(path, "    from: [mbo2-helpende-zorg-welzijn]", "    from: [geen-startkwalificatie]")
    (problem,) = problems_of(mini_copy)
    assert "admits you up to mbo-1" in problem.message and "needs admission to mbo-3" in problem.message


def test_ended_programme_needs_an_end_date(mini_copy):
    path = mini_copy / "regions" / "zuid-limburg.yaml"
    replace_in(path, "    ended: 2023-12-31\n", "")
    (problem,) = problems_of(mini_copy)
    assert "ended programme needs its end date" in problem.message


def test_all_problems_in_one_run_sorted_by_file_and_line(mini_copy):
    replace_in(mini_copy / "functions.yaml", "    level: mbo-4", "    level: mbo-9")
    replace_in(mini_copy / "graph.yaml", "    kind: bbl", "    kind: bbbl")
    (mini_copy / "regions" / "empty.yaml").write_text("")
    problems = problems_of(mini_copy)
    assert len(problems) == 3
    assert [p.file.rsplit("/", 1)[-1] for p in problems] == ["functions.yaml", "graph.yaml", "empty.yaml"]


def test_yaml_11_surprises_are_switched_off(mini_copy):
    # "no" stays a word, a crebo code keeps its digits, a date-like text in a text field stays text.
    replace_in(mini_copy / "functions.yaml", "    name: Helpende zorg en welzijn", "    name: no")
    replace_in(mini_copy / "graph.yaml", 'crebo: ["25656"]', "crebo: [02565, 25999]")
    dataset = load_dataset(mini_copy)
    assert dataset.functions["helpende-zorg-welzijn"].name == "no"
    assert dataset.qualifications["mbo3-verzorgende-ig"].crebo == ["02565", "25999"]


def test_aliases_are_refused(mini_copy):
    path = mini_copy / "regions" / "zuid-limburg.yaml"
    replace_in(path, "    target_groups: [side-entrant]", "    target_groups: &groups [side-entrant]")
    replace_in(path, "    target_groups: [everyone]", "    target_groups: *groups")
    problems = problems_of(mini_copy)
    assert any("aliases" in p.message and p.file == str(path) for p in problems)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # a syntax error in the steps file
        ("    kind: bbl\n", "    kind: [bbl\n"),
        # the steps section written as a mapping
        ("steps:\n", "steps: {id: x}\nold_steps:\n"),
        # a Python tag on the whole section
        ("steps:\n", "steps: !!python/object/apply:os.system ['true']\nold_steps:\n"),
    ],
)
def test_a_broken_steps_file_brings_no_follow_on_noise(data_copy, old, new):
    path = data_copy / "steps.yaml"
    replace_in(path, old, new)
    problems = problems_of(data_copy)
    assert len(problems) <= 2, [str(p) for p in problems]
    assert all(p.file == str(path) for p in problems)
    assert not any("cannot be reached" in p.message or "unknown id" in p.message for p in problems)


def test_the_app_and_validate_read_the_same_files(mini_copy, tmp_path):
    import os
    import time

    from routes.loader import collect_files
    from ui.data import fingerprint

    before = fingerprint(mini_copy)
    (mini_copy / "notes.yaml").write_text("not: included\n")  # not named by the include list
    assert fingerprint(mini_copy) == before
    os.mkfifo(mini_copy / "regions" / "pipe.yaml")
    (mini_copy / "regions" / "zero.yaml").symlink_to("/dev/zero")
    started = time.monotonic()
    found = collect_files(mini_copy)
    changed = fingerprint(mini_copy)
    problems = problems_of(mini_copy)
    assert time.monotonic() - started < 5, "nothing hangs on a FIFO or reads /dev/zero"
    assert changed != before
    assert [str(p) for p in found.problems] == [str(p) for p in problems]
    assert {p.file.rsplit("/", 1)[-1] for p in problems} == {"pipe.yaml", "zero.yaml"}


def test_problems_stop_at_200_with_a_count_of_the_rest(mini_copy):
    lines = "".join(f"  - id: r{i}\n" for i in range(400))
    (mini_copy / "regions" / "many.yaml").write_text("regions:\n" + lines)
    problems = problems_of(mini_copy)
    assert len(problems) == 201
    assert str(problems[-1]).startswith("... and ") and "more problems" in str(problems[-1])


def test_a_swapped_file_is_a_new_version_at_once(mini_copy, tmp_path):
    """Reruns check an unchanged folder with stat only: a file swapped for a link out of the
    folder, a removed file or an edit of the same size must still show on the next rerun."""
    from routes.loader import collect_files
    from ui.data import fingerprint

    first = fingerprint(mini_copy)
    assert fingerprint(mini_copy) == first
    region = mini_copy / "regions" / "zuid-limburg.yaml"
    outside = tmp_path / "outside.yaml"
    outside.write_text(region.read_text(encoding="utf-8"), encoding="utf-8")
    region.unlink()
    region.symlink_to(outside)
    linked = fingerprint(mini_copy)
    assert linked != first
    assert "leads outside the data folder" in " ".join(str(p) for p in collect_files(mini_copy).problems)
    region.unlink()
    assert fingerprint(mini_copy) not in (first, linked)
    region.write_text(outside.read_text(encoding="utf-8"), encoding="utf-8")
    restored = fingerprint(mini_copy)
    graph = mini_copy / "graph.yaml"
    text = graph.read_text(encoding="utf-8")
    graph.write_text(text.replace("bbl", "bol", 1), encoding="utf-8")  # same size
    assert fingerprint(mini_copy) != restored
