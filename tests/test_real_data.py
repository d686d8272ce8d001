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


# The ESCO occupations the jobs point to, with their ISCO-08 unit group (``iscoGroup`` in the
# ESCO v1.0 occupations export). A job that points to another occupation needs a line here.
ESCO_ISCO = {
    "71f09c8b-a172-408c-b9e7-32e580e39ff6": "2211",  # general practitioner
    "9b889f07-c39c-464d-b9d9-b2daa650f9ac": "2212",  # specialised doctor
    "36494988-69d2-4420-9db4-eb56605ac983": "2221",  # advanced nurse practitioner
    "8d3e8aaa-791b-4c75-a465-f3f827028f50": "2221",  # nurse responsible for general care
    "18e14e61-495b-44cc-a7c6-df4c625934ba": "2221",  # specialist nurse
    "95cda6a9-a70a-4a93-9442-11d573cb4a02": "2222",  # midwife
    "e52b5707-7097-4dbc-ac61-054e917da241": "2261",  # dental practitioner
    "7c132147-428b-4ea3-87e1-70f7abb691ce": "2262",  # pharmacist
    "006cc1f9-2841-41c3-991a-dc3f2f3bd533": "2264",  # physiotherapist
    "8a53f8d3-d995-4c7b-a70d-d79f76bdcb3f": "2265",  # dietitian
    "8021f3a2-e3de-43c0-b366-075da74dc5b7": "2266",  # speech and language therapist
    "7d092380-1c2e-48fe-81de-0d191b4e96d6": "2269",  # diagnostic radiographer
    "33da5532-8c4e-4d1b-b52e-c201ee1bc7ab": "2269",  # occupational therapist
    "cf9b6da9-3a59-4780-bec9-500b148b8878": "2269",  # podiatrist
    "c3c8c56c-b3ab-4425-a38a-abcace020d22": "2634",  # clinical psychologist
    "0d423a2e-6fb7-4704-8544-bd6c522b3c62": "2635",  # child care social worker
    "85482504-c83d-4038-80d9-265198d18b48": "2635",  # community care case worker
    "95d0a616-a4a9-4f56-a8fb-4de43cdb4c82": "2635",  # family social worker
    "3b2229b4-807c-482a-89ca-2d0a542be196": "2635",  # gerontology social worker
    "a76a05bb-e04d-4be8-953e-1ffd691dd58d": "2635",  # mental health social worker
    "4b05bef2-ded4-4b09-ab94-f4c6a555a775": "2635",  # social worker
    "7b74626d-b487-48a1-9e80-47faf9928210": "3213",  # pharmacy technician
    "30194ac4-93b8-4450-8a15-f6f7cbe351cb": "3222",  # maternity support worker
    "bdc74965-1d1a-4f8e-a490-9cf71f494e02": "3251",  # dental chairside assistant
    "d18deca3-3063-4970-9ddc-e3c70404a28c": "3251",  # dental hygienist
    "0c041d1e-1841-4acb-b0a1-2c387a61bf65": "3256",  # doctors' surgery assistant
    "64e909ad-1bd0-493c-a8dc-1afbed0c9c2f": "3258",  # emergency ambulance driver
    "0b5dfc02-b825-4445-811d-d39ed442657e": "3258",  # paramedic in emergency responses
    "16e65196-3449-4c88-b379-0aa98f43db2b": "3259",  # anaesthetic technician
    "f4525ed8-54eb-4a3b-90db-55cc01b0d9fd": "3412",  # care at home worker
    "9c55aa23-e3f2-4c00-8c90-5ed5204951a3": "3412",  # disability support worker
    "5a9acd29-666c-4ca1-b10e-e086584a526b": "3412",  # mental health support worker
    "78f474ae-c154-4206-ad0f-d8a00e9c541e": "3412",  # residential home adult care worker
    "6667bf29-a3e3-4513-a71b-82c67206045b": "3412",  # residential home young people care worker
    "4fa660b3-ab97-4a99-ad73-ce3c2612f2c3": "3412",  # social work assistant
    "68450507-b4a0-40e0-895b-385fe705be10": "4223",  # emergency medical dispatcher
    "1822bfc2-e735-449f-ba00-ca71eb5c062b": "5153",  # building caretaker
    "d5954a2b-a525-45b7-b6d9-b62efafc6c78": "5162",  # companion
    "3413f234-6230-47a8-8cc7-2691fd54ce3a": "5311",  # child care worker
    "3f74aad8-2d60-4be2-b059-8dba5568d530": "5311",  # child day care worker
    "d38c2107-98f2-47b7-8bb4-f69750d51082": "5321",  # healthcare assistant
    "87d0795a-d41f-47ee-979f-0ab7d73836e7": "5321",  # nurse assistant
    "1391bdf9-bd61-4fb5-91ca-c29036ab2b60": "5322",  # home care aide
    "7005c266-d1a9-42ac-8c36-b42d5d755463": "5329",  # sterile services technician
    "cbad55a4-c7cf-4ab6-9540-eac72b26729b": "9111",  # domestic cleaner
}
ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/"


def test_every_job_has_an_isco_code_with_its_source(real):
    for job in real.functions.values():
        assert job.isco, f"{job.id} has no isco code"
        assert "isco" in job.sources_by_field, f"{job.id}: record where its isco code comes from in sources_by_field"
        if job.esco:
            assert "esco" in job.sources_by_field, f"{job.id}: record the source of its esco occupation"


def test_every_esco_occupation_has_the_isco_group_of_the_job(real):
    with_esco = [job for job in real.functions.values() if job.esco]
    assert len(with_esco) >= 80  # most jobs have an ESCO occupation; the rest say why not in their isco note
    for job in with_esco:
        uuid = job.esco.removeprefix(ESCO_OCCUPATION)
        assert uuid in ESCO_ISCO, f"{job.id}: {job.esco} is not in ESCO_ISCO; add it with its iscoGroup"
        group = ESCO_ISCO[uuid]
        assert group == job.isco, f"{job.id}: isco {job.isco}, but its ESCO occupation is in ISCO group {group}"
    for job in real.functions.values():
        if not job.esco:
            assert job.sources_by_field["isco"].note, f"{job.id} has no ESCO occupation: say why in the isco note"


def test_croho_codes_and_previous_crebo_codes(real):
    quals = real.qualifications
    assert quals["hbo-verpleegkunde"].croho == "34560"
    assert quals["mbo4-sociaal-werker"].crebo == ["25615", "25488", "25489"]
    for qualification in quals.values():
        if qualification.croho:
            assert qualification.level.value in ("ad", "hbo", "wo", "master"), qualification.id
            assert "croho" in qualification.sources_by_field, f"{qualification.id}: record the source of its CROHO code"


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
