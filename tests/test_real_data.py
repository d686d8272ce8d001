"""The real dataset: minimums, honesty rules, and a broken copy failing the right way."""

from __future__ import annotations

import subprocess
import sys

import pytest

from routes.models import ProgrammeStatus, Registration, Sector
from tests.conftest import ROOT, line_of, replace_in


def test_counts_meet_the_minimums(real):
    assert real.count("function") >= 45
    assert real.count("qualification") >= 25
    assert real.count("certificate") >= 10
    assert real.count("step") >= 60
    assert real.count("line") >= 7


def test_all_eight_sectors_have_jobs(real):
    covered = {sector for f in real.functions.values() for sector in f.sectors}
    assert covered == set(Sector)


def test_qualifications_span_mbo_1_to_master(real):
    levels = {q.level.value for q in real.qualifications.values()}
    assert {"mbo-1", "mbo-2", "mbo-3", "mbo-4", "ad", "hbo", "master"} <= levels


def test_the_well_known_shortened_routes_exist(real):
    def has_step(source, target, kinds=None):
        return any(
            source in s.from_
            and (s.to == target or target in s.also_gives)
            and (kinds is None or s.kind.value in kinds)
            for s in real.steps.values()
        )

    assert has_step("mbo2-helpende-zorg-welzijn", "mbo3-verzorgende-ig", {"verkort"})
    assert has_step("mbo3-verzorgende-ig", "mbo4-verpleegkundige", {"verkort"})
    assert any(
        "mbo4-verpleegkundige" in s.from_ and s.to == "hbo-verpleegkunde" and s.months.max <= 36
        for s in real.steps.values()
    )
    # the combined VIG + maatschappelijke zorg route gives both diplomas
    assert any(
        s.to == "mbo3-verzorgende-ig" and "mbo3-maatschappelijke-zorg" in s.also_gives for s in real.steps.values()
    )
    # breed basisjaar: offered only in Rotterdam-Rijnmond
    basisjaar = [s for s in real.steps.values() if "basisjaar" in s.id]
    assert basisjaar and all(s.regions == ["rotterdam-rijnmond"] for s in basisjaar)
    # both BBL and BOL routes exist
    kinds = {s.kind.value for s in real.steps.values()}
    assert {"bbl", "bol"} <= kinds


def test_seed_programmes_with_the_right_status(real):
    programmes = real.programmes
    for pid in ("stap-budget", "sectorplanplus"):
        assert programmes[pid].status is ProgrammeStatus.ENDED and programmes[pid].ended
    for pid in ("zorgstart-zuid-limburg", "nieuw-zorgtalent"):
        assert programmes[pid].status is ProgrammeStatus.RUNNING
    names = " ".join(p.name.lower() for p in programmes.values())
    for seed_name in (
        "zorgstart",
        "nieuw zorgtalent",
        "sterke start",
        "ontwikkelsporen",
        "voorschakel",
        "see",
        "bekwaam is inzetbaar",
        "tweede spoor",
        "de zorg leert samen",
        "workflow",
        "matchtafels",
        "contactpunt",
    ):
        assert seed_name in names, seed_name


def test_seed_regions_have_their_employer_organisations(real):
    assert real.regions["rotterdam-rijnmond"].employer_organisation == "deRotterdamseZorg"
    assert real.regions["zuid-limburg"].employer_organisation == "Zorg aan Zet"
    assert len(real.regions) >= 10


def test_registration_rules(real):
    f = real.functions
    assert f["verzorgende-ig"].registration is Registration.BIG_TITLE
    assert f["mbo-verpleegkundige"].registration is Registration.BIG_REGISTER
    assert f["hbo-verpleegkundige"].registration is Registration.BIG_REGISTER
    assert f["jeugd-en-gezinsprofessional"].registration is Registration.SKJ
    # mbo-V certificates never give access to a BIG-registered job
    for function in f.values():
        if function.registration is Registration.BIG_REGISTER:
            assert "cert-mbo-v-onderdelen" not in function.access


def test_crebo_codes_are_strings_of_five_digits(real):
    assert real.qualifications["mbo3-verzorgende-ig"].crebo[0] == "25656"
    assert real.qualifications["mbo3-pedagogisch-medewerker-kinderopvang"].crebo[:2] == ["25696", "25486"]


def test_every_entity_names_a_source_and_a_check_date(real):
    for entity_id, entity in real.entities.items():
        if real.kinds[entity_id] in ("scenario", "question"):
            continue  # a presenter scenario or a quiz question states no facts
        assert entity.sources and entity.checked


@pytest.mark.parametrize(
    ("file", "old", "new", "needle"),
    [
        # a renamed id: every reference to it is reported, with the nearest id
        ("qualifications.yaml", "  - id: mbo3-verzorgende-ig\n", "  - id: mbo3-verzorgende-igg\n", "did you mean"),
        # a syntax error
        ("steps.yaml", "steps:\n", "steps:\n  - id: [unclosed\n", "YAML syntax error"),
        # a python object tag
        ("starts.yaml", "starts:\n", "starts: !!python/object/apply:os.system ['true']\n", "!!python/object"),
        # a duplicated id
        ("lines.yaml", "lines:\n", "lines:\n", "duplicate id"),
    ],
)
def test_broken_copy_of_the_real_data_exits_1_with_file_and_line(data_copy, file, old, new, needle):
    path = data_copy / file
    if needle == "duplicate id":
        text = path.read_text()
        first = text.split("\n  - id: ")[1].split("\n\n")[0]
        path.write_text(text.replace("lines:\n", "lines:\n  - id: " + first + "\n\n", 1))
    elif needle == "!!python/object":
        text = path.read_text()
        path.write_text(text.split("starts:\n")[0] + new)
    else:
        replace_in(path, old, new)
    result = subprocess.run(
        [sys.executable, "-m", "routes", "validate", str(data_copy)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines and all(":" in line and line.split(":")[1].isdigit() for line in lines)
    # a renamed id shows up where it is referred to; the other problems in the file itself
    assert any(needle in line and (file in line or needle == "did you mean") for line in lines), lines


def test_empty_file_in_the_real_data(data_copy):
    (data_copy / "lines.yaml").write_text("")
    result = subprocess.run(
        [sys.executable, "-m", "routes", "validate", str(data_copy)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert f"{data_copy / 'lines.yaml'}:1:1: the file is empty" in result.stdout


def test_renamed_id_reports_the_line_of_each_reference(data_copy):
    path = data_copy / "qualifications.yaml"
    replace_in(path, "  - id: mbo3-verzorgende-ig\n", "  - id: mbo3-vig\n")
    result = subprocess.run(
        [sys.executable, "-m", "routes", "validate", str(data_copy)], cwd=ROOT, capture_output=True, text=True
    )
    steps = data_copy / "steps.yaml"
    first_reference = line_of(steps, "mbo3-verzorgende-ig")
    assert f"{steps}:{first_reference}:" in result.stdout
