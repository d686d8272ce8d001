"""The command-line contract: output shapes and exit codes other parts rely on."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from routes import load_dataset
from routes.cli import main
from tests.conftest import DATA, MINI, ROOT, replace_in


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_process(*argv):
    """Run as a user would, to see exactly what reaches the terminal."""
    return subprocess.run([sys.executable, "-m", "routes", *argv], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_validate_ok_prints_one_summary_line(capsys):
    code, out, err = run(capsys, "validate", str(MINI))
    assert code == 0
    assert len(out.strip().splitlines()) == 1 and out.startswith("OK")


def test_validate_broken_data_exit_1_one_line_per_problem_no_traceback(mini_copy):
    replace_in(mini_copy / "graph.yaml", "  - id: havo", "  - id: geen-startkwalificatie")
    (mini_copy / "regions" / "evil.yaml").write_text("regions: !!python/object:os.system {}\n")
    result = run_process("validate", str(mini_copy))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    assert all(line.startswith(str(mini_copy)) and line.split(":")[1].isdigit() for line in lines)
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["stats", "--bogus"],  # an unknown option
        ["frobnicate"],  # an unknown command
        ["find"],  # a missing argument
    ],
)
def test_bad_usage_exits_2(capsys, argv):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2


def test_validate_missing_folder_exits_2():
    result = run_process("validate", "/no/such/folder")
    assert result.returncode == 2 and "does not exist" in result.stderr


def test_stats_json_counts_every_kind(capsys):
    code, out, _ = run(capsys, "stats", "--json", "--data", str(MINI))
    assert code == 0
    counts = json.loads(out)
    assert counts == {
        "start": 2,
        "function": 3,
        "qualification": 3,
        "certificate": 1,
        "step": 4,
        "programme": 2,
        "region": 1,
        "line": 1,
        "scenario": 0,
        "question": 0,
        "contact_points": 0,
    }


CONTACT = """    contact:
      name: Ik Zorg. Contactpunt
      url: https://www.example.org/contactpunt
      email: contactpunt@example.org
      source: https://www.example.org/contactpunt
      checked: 2026-12-01
"""


def test_stats_json_counts_regions_with_a_contact_point(capsys, mini_copy):
    checked = "    checked: 2026-11-23\n"
    replace_in(mini_copy / "regions" / "zuid-limburg.yaml", checked, checked + CONTACT)
    code, out, _ = run(capsys, "stats", "--json", "--data", str(mini_copy))
    counts = json.loads(out)
    assert code == 0 and counts["contact_points"] == 1
    assert counts["region"] == 1 and counts["function"] == 3  # the existing keys stay


def test_stats_text_lists_contact_points(capsys):
    code, out, _ = run(capsys, "stats", "--data", str(MINI))
    assert code == 0
    assert out.splitlines()[-1].split() == ["contact_points", "0"]


def test_show_region_contact_null_without_a_contact_point(capsys):
    code, out, _ = run(capsys, "show", "zuid-limburg", "--json", "--data", str(MINI))
    record = json.loads(out)
    assert code == 0 and record["kind"] == "region"
    assert "contact" in record and record["contact"] is None
    assert record["employer_organisation"] == "Zorg aan Zet"


def test_show_region_contact_has_name_url_phone_email(capsys, mini_copy):
    checked = "    checked: 2026-11-23\n"
    replace_in(mini_copy / "regions" / "zuid-limburg.yaml", checked, checked + CONTACT)
    code, out, _ = run(capsys, "show", "zuid-limburg", "--json", "--data", str(mini_copy))
    contact = json.loads(out)["contact"]
    assert code == 0
    assert {"name", "url", "phone", "email"} <= contact.keys()
    assert contact["name"] == "Ik Zorg. Contactpunt" and contact["url"] == "https://www.example.org/contactpunt"
    assert contact["phone"] is None  # not published: null, never guessed
    assert contact["email"] == "contactpunt@example.org"


def test_show_function_has_no_contact_key(capsys):
    _, out, _ = run(capsys, "show", "verzorgende-ig", "--json", "--data", str(MINI))
    assert "contact" not in json.loads(out)


@pytest.mark.parametrize("text", ["vig", "Verzorgende IG", "verzorgende-ig", "VERZORGENDE ig", "verzorgénde ig"])
def test_find_vig_every_way(capsys, text):
    code, out, _ = run(capsys, "find", text, "--json", "--data", str(MINI))
    assert code == 0
    results = json.loads(out)
    assert results[0] == {"id": "verzorgende-ig", "kind": "function", "name": "Verzorgende IG"}


def test_find_with_kind_and_no_match(capsys):
    _, out, _ = run(capsys, "find", "havo", "--kind", "start", "--json", "--data", str(MINI))
    assert [r["id"] for r in json.loads(out)][0] == "havo"
    code, out, _ = run(capsys, "find", "astronaut", "--json", "--data", str(MINI))
    assert code == 0 and json.loads(out) == []


def test_show_json_fields(capsys):
    code, out, _ = run(capsys, "show", "mbo3-verzorgende-ig", "--json", "--data", str(MINI))
    assert code == 0
    record = json.loads(out)
    assert record["kind"] == "qualification"
    assert record["level"] == "mbo-3" and record["registration"] == "big-title"
    assert record["crebo"] == "25656" and record["crebo_previous"] == []  # the current code, then older ones
    assert record["sources"] and record["id"] == "mbo3-verzorgende-ig"


def test_show_json_qualification_without_crebo_gives_null(capsys, mini_copy):
    replace_in(mini_copy / "graph.yaml", 'crebo: ["25655"]', "crebo: []")
    _, out, _ = run(capsys, "show", "mbo4-verpleegkundige", "--json", "--data", str(mini_copy))
    record = json.loads(out)
    assert record["crebo"] is None and record["crebo_previous"] == []
    _, out, _ = run(capsys, "show", "mbo-verpleegkundige", "--json", "--data", str(mini_copy))
    assert json.loads(out)["crebo"] == []  # the job's diploma has no known code


def test_show_json_job_crosswalk_keys_null_when_unknown(capsys):
    _, out, _ = run(capsys, "show", "verzorgende-ig", "--json", "--data", str(MINI))
    record = json.loads(out)
    assert record["isco"] is None and record["esco"] is None and record["competentnl"] is None
    assert record["crebo"] == ["25656"]  # a job: the current crebo codes of the mbo diplomas in its access
    assert record["name_en"] is None  # no English twin yet


def test_show_json_name_en_from_the_english_twin(capsys, mini_copy):
    registration = "    registration: big-title\n"
    replace_in(mini_copy / "functions.yaml", registration, registration + "    en:\n      name: Care worker (IG)\n")
    _, out, _ = run(capsys, "show", "verzorgende-ig", "--json", "--data", str(mini_copy))
    assert json.loads(out)["name_en"] == "Care worker (IG)"


def show_real(capsys, entity_id):
    code, out, _ = run(capsys, "show", entity_id, "--json", "--data", str(DATA))
    assert code == 0
    return json.loads(out)


def test_show_json_real_job_has_isco_esco_and_the_crebo_of_its_diplomas(capsys):
    record = show_real(capsys, "mbo-verpleegkundige")
    assert record["isco"] == "2221"
    assert record["esco"] == "http://data.europa.eu/esco/occupation/8d3e8aaa-791b-4c75-a465-f3f827028f50"
    assert record["competentnl"] is None  # no CompetentNL ids are published per occupation
    assert record["crebo"] == ["25655"]  # the mbo diploma in access; the foreign-diploma certificate has none
    assert "name_en" in record


def test_show_json_real_job_without_esco_keeps_the_key(capsys):
    record = show_real(capsys, "physician-assistant")
    assert record["isco"] == "2240" and record["esco"] is None
    assert record["crebo"] == []  # a master: no mbo diploma in access


def test_show_json_real_hbo_diploma_has_croho_and_no_crebo(capsys):
    record = show_real(capsys, "hbo-verpleegkunde")
    assert record["kind"] == "qualification" and record["croho"] == "34560"
    assert record["crebo"] is None and record["crebo_previous"] == []


def test_show_json_real_qualification_gives_current_and_previous_crebo(capsys):
    record = show_real(capsys, "mbo4-sociaal-werker")
    assert record["crebo"] == "25615"
    assert record["crebo_previous"] == ["25488", "25489"]
    record = show_real(capsys, "mbo3-pedagogisch-medewerker-kinderopvang")
    assert record["crebo"] == "25696" and record["crebo_previous"] == ["25486"]


def test_show_text_prints_the_crosswalks(capsys):
    code, out, _ = run(capsys, "show", "hbo-verpleegkundige", "--data", str(DATA))
    assert code == 0
    assert "  isco: 2221" in out and "  esco: http://data.europa.eu/esco/occupation/" in out


def test_show_programme_has_status_and_regions(capsys):
    _, out, _ = run(capsys, "show", "stap-budget", "--json", "--data", str(MINI))
    record = json.loads(out)
    assert record["status"] == "ended" and record["regions"] == ["zuid-limburg"]


def test_show_unknown_id_exits_2_with_suggestion(capsys):
    code, out, err = run(capsys, "show", "verzorgende-gi", "--data", str(MINI))
    assert code == 2 and out == ""
    assert "unknown id 'verzorgende-gi'" in err and "verzorgende-ig" in err


def test_schema_command_prints_the_committed_schema(capsys):
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert json.loads(out)["title"] == "Metrokaart data file"


# --- poster ----------------------------------------------------------------------------------


def test_poster_svg_is_written(capsys, tmp_path):
    import xml.etree.ElementTree as ET

    target = tmp_path / "kaart.svg"
    code, out, err = run(capsys, "poster", "--format", "svg", "--output", str(target), "--data", str(MINI))
    assert code == 0 and out == "" and str(target) in err
    root = ET.fromstring(target.read_bytes())
    assert root.get("viewBox") == "0 0 420 297"
    assert "Verpleging en verzorging" in target.read_text(encoding="utf-8")


def test_poster_pdf_with_a_route(capsys, tmp_path):
    import io

    import pypdf

    target = tmp_path / "kaart.pdf"
    argv = ["poster", "--format", "pdf", "--output", str(target), "--data", str(MINI)]
    code, _, _ = run(capsys, *argv, "--route-from", "havo", "--route-to", "verzorgende-ig")
    assert code == 0 and target.read_bytes().startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(target.read_bytes()))
    assert len(reader.pages) == 1
    assert "Jouw route" in reader.pages[0].extract_text()


def test_poster_format_follows_the_file_name(capsys, tmp_path):
    target = tmp_path / "kaart.PDF"
    code, _, _ = run(capsys, "poster", "-o", str(target), "--data", str(MINI))
    assert code == 0 and target.read_bytes().startswith(b"%PDF")


def test_poster_to_an_unwritable_place_exits_2_in_one_line(tmp_path):
    result = run_process("poster", "--format", "pdf", "--output", str(tmp_path / "no" / "such" / "dir.pdf"))
    assert result.returncode == 2
    assert result.stderr.strip().startswith("error: cannot write") and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stdout + result.stderr
    result = run_process("poster", "--output", str(tmp_path))  # a folder, not a file
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_poster_unknown_station_exits_2_with_suggestions(capsys, tmp_path):
    target = tmp_path / "kaart.svg"
    argv = ["poster", "--output", str(target), "--data", str(MINI), "--route-from", "havo"]
    code, _, err = run(capsys, *argv, "--route-to", "verzorgende-gi")
    assert code == 2 and "unknown id 'verzorgende-gi'" in err and "verzorgende-ig" in err
    assert not target.exists()
    code, _, err = run(capsys, *argv)  # a route needs both ends
    assert code == 2 and "--route-to" in err


def test_poster_no_route_exits_3(capsys, tmp_path):
    target = tmp_path / "kaart.svg"
    argv = ["poster", "--output", str(target), "--data", str(MINI)]
    code, _, err = run(capsys, *argv, "--route-from", "mbo-verpleegkundige", "--route-to", "havo")
    assert code == 3 and err.strip() and not target.exists()


# --- plan --format pdf|csv|xlsx --output FILE: the hand-over plan ---------------------------

PLAN = ["plan", "--from", "geen-startkwalificatie", "--to", "verzorgende-ig", "--region", "zuid-limburg"]


@pytest.mark.parametrize("fmt", ["pdf", "csv", "xlsx"])
def test_plan_writes_the_hand_over_file(capsys, tmp_path, fmt):
    target = tmp_path / f"plan.{fmt}"
    code, out, err = run(capsys, *PLAN, "--format", fmt, "--output", str(target), "--route", "2")
    assert code == 0 and out == ""
    assert f"{fmt} written to {target}" in err
    content = target.read_bytes()
    if fmt == "pdf":
        pypdf = pytest.importorskip("pypdf")
        import io

        reader = pypdf.PdfReader(io.BytesIO(content))
        assert len(reader.pages) == 1 and "Route 2" in reader.pages[0].extract_text()
    elif fmt == "csv":
        assert content.startswith("\ufeffstap;naar;hoe;duur".encode())
    else:
        assert content.startswith(b"PK"), "an xlsx file is a zip archive"


def test_plan_output_suffix_names_the_format_and_the_link_carries_the_question(capsys, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    target = tmp_path / "plan.PDF"
    code, _, _ = run(capsys, *PLAN, "--output", str(target), "--lang", "en", "--link-base", "https://m.example/")
    assert code == 0
    text = " ".join(pypdf.PdfReader(str(target)).pages[0].extract_text().split())
    english_name = load_dataset().functions["verzorgende-ig"].en.name
    assert f"Your route to {english_name}" in text, "in English the plan uses the English names"
    assert "https://m.example/?to=verzorgende-ig&region=zuid-limburg&lang=en" in text.replace(" ", "")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--output", "/no/such/folder/plan.pdf"], "cannot write /no/such/folder/plan.pdf"),  # missing folder
        (["--format", "pdf", "--output", "/"], "cannot write /"),  # a directory
        (["--output", "plan.txt"], "say which format"),  # an unknown suffix and no --format
        (["--format", "csv"], "needs --output"),  # a format but no file
        (["--output", "x.pdf", "--route", "9"], "only"),  # a route that was not found
    ],
)
def test_plan_bad_output_is_a_clear_message_exit_2(extra, message):
    result = run_process(*PLAN, *extra)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_plan_without_format_keeps_its_text_and_json_output(capsys):
    code, out, _ = run(capsys, *PLAN)
    assert code == 0 and out.startswith("Route 1: ")
    code, out, _ = run(capsys, *PLAN, "--json")
    assert code == 0
    answer = json.loads(out)
    assert set(answer) == {"routes", "messages"}
    assert set(answer["routes"][0]) == {
        "steps", "months_min", "months_max", "cost_eur", "paid", "label", "label_codes", "off_ramps", "relaxed",
    }  # fmt: skip
