"""The coach's hand-over: routes side by side, the timeline, and the plan as PDF, CSV and Excel."""

from __future__ import annotations

import datetime as dt
import io
from types import SimpleNamespace

import pandas as pd
import pytest

from routes.compare import MAX_COMPARED, ROW_KEYS, compare_routes
from routes.explain import describe_months
from routes.graph import ACCESS
from routes.handover import (
    clean_name,
    contact_point,
    export,
    first_action,
    handover,
    handover_pdf,
    steps_csv,
    steps_frame,
    steps_xlsx,
)
from routes.planner import Query, plan
from routes.state import PlannerState, permalink
from routes.timeline import case_names, timeline_frame

pypdf = pytest.importorskip("pypdf")

LINK = "https://metrokaart.example/?to=verzorgende-ig&region=zuid-limburg"
ZL = Query(holds=("geen-startkwalificatie",), target="verzorgende-ig", region="zuid-limburg")
LONG = Query(holds=("geen-startkwalificatie",), target="hbo-verpleegkundige")


@pytest.fixture(scope="module")
def zl_routes(real_graph):
    return plan(real_graph, ZL)


def pdf_text(content: bytes) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    """Text extracted from a PDF, with the line breaks of wrapped paragraphs undone."""
    return " ".join(text.split())


def learning(route):
    return [s for s in route.steps if s.kind != ACCESS]


# --- compare --------------------------------------------------------------------------------


def test_compare_has_one_value_per_route_and_marks_exactly_the_rows_that_differ(real_graph, zl_routes):
    assert len(zl_routes) >= 2
    table = compare_routes(real_graph, zl_routes)
    assert [r.key for r in table.rows] == list(ROW_KEYS)
    for row in table.rows:
        assert len(row.values) == len(zl_routes)
        assert row.differs == (len(set(row.values)) > 1), row.key
    months = table.rows[ROW_KEYS.index("months")]
    assert months.values == tuple(describe_months(r.months_min, r.months_max) for r in zl_routes)
    steps = table.rows[ROW_KEYS.index("steps")]
    assert steps.values == tuple(str(r.learning_steps) for r in zl_routes)
    assert "paid" in table.differences, "route 3 here is an unpaid admission-test route"
    assert table.records()[0]["label"] == "Wat is anders"


def test_compare_a_route_with_itself_marks_nothing(real_graph, zl_routes):
    table = compare_routes(real_graph, [zl_routes[0], zl_routes[0]], numbers=[1, 1])
    assert table.differences == ()


def test_compare_in_english_and_with_the_planners_numbers(real_graph, zl_routes):
    table = compare_routes(real_graph, zl_routes[1:3], "en", numbers=[2, 3])
    assert table.numbers == (2, 3)
    assert table.rows[0].label == "What is different"
    assert set(table.records()[0]) == {"key", "label", "Route 2", "Route 3"}
    assert table.rows[ROW_KEYS.index("months")].values[0] == describe_months(
        zl_routes[1].months_min, zl_routes[1].months_max, "en"
    )


@pytest.mark.parametrize("count", [0, MAX_COMPARED + 1])  # nothing to compare; too many columns to read
def test_compare_refuses_no_routes_or_too_many(real_graph, zl_routes, count):
    with pytest.raises(ValueError):
        compare_routes(real_graph, (list(zl_routes) * 2)[:count])


# --- timeline -------------------------------------------------------------------------------


@pytest.mark.parametrize("query", [ZL, LONG], ids=["zuid-limburg", "long"])
def test_timeline_steps_follow_each_other_in_both_cases(real_graph, query):
    for route in plan(real_graph, query):
        frame = timeline_frame(real_graph, route)
        steps = learning(route)
        assert len(frame) == 2 * len(steps)
        quick, slow = case_names()
        for case, attr_min in ((quick, "months_min"), (slow, "months_max")):
            bars = frame[frame["case"] == case].sort_values("number")
            assert list(bars["start"])[0] == 0
            assert list(bars["start"])[1:] == list(bars["end"])[:-1], "each step starts when the one before ends"
            assert list(bars["end"] - bars["start"]) == [getattr(s, attr_min) for s in steps]
        assert frame.groupby("case")["end"].max().to_dict() == {quick: route.months_min, slow: route.months_max}
        assert list(frame.drop_duplicates("number")["duration"]) == [
            describe_months(s.months_min, s.months_max) for s in steps
        ]
        assert list(frame.drop_duplicates("number")["paid"]) == [s.paid for s in steps]


# --- the plan -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def zl_plan(real, real_graph, zl_routes):
    return handover(real, real_graph, zl_routes[1], ZL, number=2, permalink=LINK, first_name="Zoë Ménard")


def test_pdf_is_one_page_with_every_step_the_same_durations_and_dutch_characters(zl_plan, zl_routes):
    pages, text = pdf_text(handover_pdf(zl_plan))
    assert pages == 1
    text = flat(text)
    route = zl_routes[1]
    assert "Jouw route naar Verzorgende IG" in text and "Voor Zoë Ménard" in text
    assert describe_months(route.months_min, route.months_max) in text
    for number, step in enumerate(learning(route), 1):
        name = zl_plan.steps[[s.number for s in zl_plan.steps].index(number)].name
        assert f"{number}. {name}" in text
        assert describe_months(step.months_min, step.months_max) in text, "the page's words for a duration"
    assert "Je bent er: je mag werken als Verzorgende IG." in text
    assert "Wat doe je eerst?" in text and flat(zl_plan.first_action) in text
    assert "Zorgstart Zuid-Limburg" in text and "Contactpunt in je regio (Zuid-Limburg)" in text
    assert "Zorg aan Zet" in text
    assert LINK in text.replace(" ", "")
    assert "Gegevens gecontroleerd" in text and "Bronnen" in text
    for character in "ëé€":
        assert character in text


def test_each_condition_is_said_once_per_step(zl_plan):
    for step in zl_plan.steps:
        assert sum("VOG" in c for c in step.conditions) <= 1, step.name


def test_pdf_qr_code_decodes_to_the_permalink(zl_plan):
    pdfium = pytest.importorskip("pypdfium2")
    cv2 = pytest.importorskip("cv2")
    np = pytest.importorskip("numpy")
    page = pdfium.PdfDocument(handover_pdf(zl_plan))[0]
    image = np.array(page.render(scale=2).to_pil().convert("L"))
    value, _points, _ = cv2.QRCodeDetector().detectAndDecode(image)
    assert value == LINK


def test_pdf_without_a_link_has_no_qr_and_without_a_name_no_greeting(real, real_graph, zl_routes):
    document = handover(real, real_graph, zl_routes[0], ZL)
    _, text = pdf_text(handover_pdf(document))
    assert "Scan de code" not in text and "Je route online" not in text
    assert text.splitlines()[1].startswith("Je start bij"), "no greeting line without a name"


def test_the_first_name_is_only_in_the_page_text(real, real_graph, zl_routes):
    document = handover(real, real_graph, zl_routes[0], ZL, first_name="Ïsa\x00\n")
    assert document.first_name == "Ïsa"
    reader = pypdf.PdfReader(io.BytesIO(handover_pdf(document)))
    assert "Ïsa" not in str(reader.metadata), "not in the file's metadata"
    assert "Ïsa" in reader.pages[0].extract_text()
    assert "Ïsa" not in (document.permalink or "")


def test_a_long_route_in_english_still_fits_one_page(real, real_graph):
    routes = plan(real_graph, LONG)
    for number, route in enumerate(routes, 1):
        document = handover(real, real_graph, route, LONG, number=number, permalink=LINK, lang="en")
        pages, text = pdf_text(handover_pdf(document))
        assert pages == 1
        text = flat(text)
        assert "What do you do first?" in text and f"Route {number}" in text
        for step in learning(route):
            assert describe_months(step.months_min, step.months_max, "en") in text
        assert "Choose your region in the planner" in text, "no region: say how to get a contact point"


def test_pdf_output_is_the_same_each_time(zl_plan):
    assert handover_pdf(zl_plan) == handover_pdf(zl_plan)


def test_csv_has_the_columns_and_matches_the_route(zl_plan, zl_routes):
    frame = pd.read_csv(io.BytesIO(steps_csv(zl_plan)), sep=";", encoding="utf-8-sig")
    assert list(frame.columns) == [
        "stap", "naar", "hoe", "duur", "maanden_min", "maanden_max", "betaald",
        "loon_per_maand_eur", "kosten_eur", "kosten", "hulp", "voorwaarden", "voortgang",
    ]  # fmt: skip
    route = zl_routes[1]
    assert len(frame) == len(route.steps)
    assert list(frame["maanden_min"]) == [s.months_min for s in route.steps]
    assert list(frame["maanden_max"]) == [s.months_max for s in route.steps]
    assert list(frame["duur"]) == [describe_months(s.months_min, s.months_max) for s in route.steps]
    assert list(frame["stap"].dropna().astype(int)) == list(range(1, route.learning_steps + 1))
    assert frame["kosten"].str.contains("€").any() or frame["kosten"].eq("onbekend").any()


def test_english_csv_uses_commas_and_english_columns(real, real_graph, zl_routes):
    document = handover(real, real_graph, zl_routes[0], ZL, lang="en")
    frame = pd.read_csv(io.BytesIO(steps_csv(document)), encoding="utf-8-sig")
    assert list(frame.columns)[:4] == ["step", "to", "how", "duration"]


def test_excel_has_the_steps_and_the_plan_in_short(zl_plan):
    pytest.importorskip("openpyxl")
    content = steps_xlsx(zl_plan)
    steps = pd.read_excel(io.BytesIO(content), sheet_name="Stappen")
    expected = steps_frame(zl_plan)
    assert list(steps.columns) == list(expected.columns)
    assert list(steps["duur"]) == list(expected["duur"])
    about = pd.read_excel(io.BytesIO(content), sheet_name="Plan")
    assert LINK in set(about["waarde"]) and "Zoë Ménard" in set(about["waarde"])


def test_export_names_its_formats(zl_plan):
    assert export(zl_plan, "pdf").startswith(b"%PDF")
    with pytest.raises(ValueError):
        export(zl_plan, "docx")


# --- what to do first, and where to ask -----------------------------------------------------


def test_first_action_names_the_programme_of_the_first_step(real_graph, zl_routes):
    assert first_action(real_graph, zl_routes[0]).startswith("Meld je aan bij Zorgstart Zuid-Limburg")


def test_first_action_after_an_admission_test_names_what_it_opens(real_graph):
    route = next(r for r in plan(real_graph, LONG) if learning(r)[0].kind == "toelatingstoets")
    action = first_action(real_graph, route)
    assert "toets" in action and real_graph.nodes[learning(route)[1].to_id]["name"] in action


@pytest.mark.parametrize("target", ["verzorgende-ig", "mbo-verpleegkundige", "helpende-zorg-welzijn"])
@pytest.mark.parametrize("start", ["geen-startkwalificatie", "havo", "vmbo-kb"])
def test_every_route_has_a_first_action_in_both_languages(real, real_graph, start, target):
    query = Query(holds=(start,), target=target, region="rotterdam-rijnmond")
    contact = contact_point(real, query.region)
    for route in plan(real_graph, query):
        for lang in ("nl", "en"):
            action = first_action(real_graph, route, contact, lang)
            assert action.endswith(".") and len(action) > 20


def test_contact_point_from_the_region_and_gracefully_absent(real):
    assert contact_point(real, None) is None
    assert contact_point(real, "atlantis") is None
    point = contact_point(real, "zuid-limburg")
    assert point.name == real.regions["zuid-limburg"].employer_organisation and point.url


def test_contact_point_prefers_a_contact_field_when_the_data_gains_one():
    region = SimpleNamespace(
        name="Testregio",
        employer_organisation="Werkgevers Test",
        url="https://werkgevers.example",
        contact={"name": "Loket Zorgbanen", "email": "loket@example.org", "phone": "010-1234567"},
    )
    point = contact_point(SimpleNamespace(regions={"test": region}), "test")
    assert point.name == "Loket Zorgbanen" and "loket@example.org" in point.details
    assert point.url == "https://werkgevers.example"
    region.contact = "Bel het regioloket"
    assert contact_point(SimpleNamespace(regions={"test": region}), "test").details == "Bel het regioloket"


def test_the_plan_states_the_data_date_and_sources(zl_plan, real):
    oldest, newest = zl_plan.checked
    assert oldest <= newest <= dt.date.today() + dt.timedelta(days=400)
    assert zl_plan.sources and all(s.startswith("http") for s in zl_plan.sources)


def test_clean_name_keeps_a_name_short_and_printable():
    assert clean_name("A" * 100) == "A" * 40
    assert clean_name(" \t ") is None


def test_permalink_round_trips_to_the_same_question(real):
    from routes.state import parse_planner_params

    state = PlannerState(start="havo", holds=("mbo2-helpende-zorg-welzijn",), target="verzorgende-ig", age=30)
    link = permalink("https://x.example/", state, real, lang="en")
    from urllib.parse import parse_qs, urlsplit

    params = parse_qs(urlsplit(link).query)
    assert params["lang"] == ["en"]
    parsed, issues = parse_planner_params(params, real)
    assert not issues and parsed.sources == state.sources and parsed.age == 30


def test_the_page_chart_draws_a_row_per_step_with_months_as_people_count_them(real_graph):
    from ui.charts import BAR_PX, timeline_chart

    route = plan(real_graph, LONG)[0]
    spec = timeline_chart(timeline_frame(real_graph, route)).to_dict()
    assert spec["height"] == {"step": BAR_PX}, "a fixed height with yOffset collapses the rows into one"
    ticks = spec["encoding"]["x"]["axis"]["values"]
    assert ticks[0] == 0 and ticks[-1] >= route.months_max and all(t % 6 == 0 for t in ticks)
    assert spec["encoding"]["x2"]["field"] == "end" and spec["encoding"]["yOffset"]["field"] == "case"


def test_progress_shows_on_the_plan_and_in_the_steps(real, real_graph, zl_routes):
    route = zl_routes[1]
    first, *rest = learning(route)
    progress = {first.to_id: "done"} | ({rest[0].to_id: "busy"} if rest else {})
    document = handover(real, real_graph, route, ZL, number=2, permalink=LINK, progress=progress)
    marked = [s.status for s in document.steps if s.number is not None]
    assert marked[0] == "done" and (not rest or marked[1] == "busy")
    pages, text = pdf_text(handover_pdf(document))
    assert pages == 1
    assert "klaar" in flat(text) and (not rest or "[bezig]" in flat(text))
    frame = pd.read_csv(io.BytesIO(steps_csv(document)), sep=";", encoding="utf-8-sig")
    assert "klaar" in frame["voortgang"].fillna("").tolist()
    plain_doc = handover(real, real_graph, route, ZL, number=2, permalink=LINK)
    assert "klaar" not in flat(pdf_text(handover_pdf(plain_doc))[1]), "no marks without progress"


def test_the_command_line_offers_exactly_the_hand_over_formats():
    from routes.cli import PLAN_FORMATS
    from routes.handover import FORMATS

    assert PLAN_FORMATS == FORMATS
