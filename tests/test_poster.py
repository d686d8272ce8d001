"""The A3 poster (SVG and PDF): the same layout as the map, every station and line on it, labels in
their boxes, a legend that works in black and white, texts escaped, nothing external."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pypdf
import pytest

from routes import load_dataset
from routes.errors import UnknownStation
from routes.layout import metro_layout
from routes.layout.checks import label_overlaps
from routes.layout.geometry import boxes_overlap, text_width
from routes.layout.model import FONT_SIZE, LINE_HEIGHT
from routes.layout.store import load_layout
from routes.poster import PAGE_H, PAGE_W, PATTERNS, line_codes, line_pattern, map_pdf, map_svg, poster_frame
from tests.conftest import DATA, replace_in

SVG = "{http://www.w3.org/2000/svg}"
A3_PT = (1190.55, 841.89)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.encode("utf-8"))


def group(root: ET.Element, name: str) -> ET.Element:
    return next(g for g in root.iter(f"{SVG}g") if g.get("id") == name)


def texts(element: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in element.iter(f"{SVG}text")]


def pdf_text(data: bytes) -> tuple[pypdf.PdfReader, str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture(scope="module")
def real_layout(real):
    return load_layout(real, DATA)


@pytest.fixture(scope="module")
def real_poster(real, real_layout):
    return parse(map_svg(real, real_layout))


@pytest.fixture(scope="module")
def real_pdf(real, real_layout):
    return map_pdf(real, real_layout)


# --- SVG -------------------------------------------------------------------------------------


def test_the_poster_is_a3_landscape(real_poster):
    assert real_poster.tag == f"{SVG}svg"
    assert real_poster.get("viewBox") == "0 0 420 297"
    assert (real_poster.get("width"), real_poster.get("height")) == ("420mm", "297mm")


def test_every_station_name_and_line_name_is_on_it(real_layout, real_poster):
    every = texts(real_poster)
    titles = {t.text for t in group(real_poster, "stations").iter(f"{SVG}title")}
    for station in real_layout.stations:
        assert station.name in titles  # the full name, as the symbol's tooltip
        for line in station.label.lines:
            assert line in every  # the label as the map sets it
    for line in real_layout.lines:
        assert line.name in every


def test_every_station_has_its_symbol_by_kind(real_layout, real_poster):
    symbols = {e.get("id"): e for e in group(real_poster, "stations") if e.get("id")}
    assert set(symbols) == {f"st-{s.id}" for s in real_layout.stations}
    shapes = {"qualification": "circle", "function": "polygon", "certificate": "polygon", "start": "polygon"}
    corners = {"function": 4, "certificate": 4, "start": 3}
    for station in real_layout.stations:
        symbol = symbols[f"st-{station.id}"]
        if station.interchange:
            assert symbol.tag == f"{SVG}circle" and symbol.get("fill") == "#ffffff"
            assert symbol.get("stroke") == "#1a1a1a"
            ring = float(symbol.get("r")) + float(symbol.get("stroke-width")) / 2
            assert ring == pytest.approx(station.radius * poster_frame(real_layout).scale, abs=1e-3)
        else:
            assert symbol.tag == f"{SVG}{shapes[station.kind]}"
            if station.kind in corners:
                assert len(symbol.get("points").split()) == corners[station.kind]


def test_every_drawn_segment_is_drawn_and_links_are_not(real_layout, real_poster):
    drawn = real_layout.drawn()
    lines = group(real_poster, "lines")
    assert lines.get("stroke-linejoin") == "round"
    polylines = list(lines.iter(f"{SVG}polyline"))
    colours = {m.id: m.colour for m in real_layout.lines}
    assert len(polylines) == sum(s.kind == "line" for s in drawn)
    for p in polylines:
        assert p.get("stroke") == colours[p.get("data-line")] and not p.get("stroke-dasharray")
        assert p.get("stroke-linejoin") == "round"
    branches = list(group(real_poster, "branches").iter(f"{SVG}polyline"))
    assert len(branches) == sum(s.kind != "line" for s in drawn)
    assert all(b.get("stroke-dasharray") for b in branches)
    assert not list(group(real_poster, "route")), "no route: nothing highlighted, no links"
    assert len(real_layout.segments) > len(drawn)  # the real data does have links


def test_labels_sit_exactly_in_their_boxes_and_do_not_overlap(real_layout, real_poster):
    frame = poster_frame(real_layout)
    placed = group(real_poster, "labels").findall(f"{SVG}text")
    expected = []
    for station in real_layout.stations:
        label = station.label
        x = {"start": label.x0, "end": label.x1}.get(label.align, (label.x0 + label.x1) / 2)
        anchor = {"start": None, "end": "end"}.get(label.align, "middle")
        box = frame.box(label.box)
        for i, text in enumerate(label.lines):
            expected.append((text, frame.point(x, label.y0 + FONT_SIZE - 2 + i * LINE_HEIGHT), anchor, box))
    assert len(placed) == len(expected)
    size = FONT_SIZE * frame.scale
    for element, (text, (x, y), anchor, box) in zip(placed, expected, strict=True):
        assert element.text == text and element.get("text-anchor") == anchor
        assert float(element.get("x")) == pytest.approx(x, abs=2e-3)
        assert float(element.get("y")) == pytest.approx(y, abs=2e-3)
        assert float(element.get("font-size")) == pytest.approx(size, abs=2e-3)
        # the text fits its box, and the box lies on the page
        assert text_width(text, size) <= box[2] - box[0] + 1e-3
        assert 0 < box[0] < box[2] < PAGE_W and 0 < box[1] < box[3] < PAGE_H
    # the boxes are the layout's, scaled: they overlap nothing there, so nothing here
    assert label_overlaps(real_layout) == []
    boxes = [frame.box(s.label.box) for s in real_layout.stations]
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if boxes_overlap(a, b)]


def test_the_legend_lists_every_line_with_colour_code_and_pattern(real_layout, real_poster):
    legend = group(real_poster, "legend")
    words = texts(legend)
    codes = line_codes(real_layout)
    assert len(set(codes.values())) == len(real_layout.lines)
    fills = [r.get("fill") for r in legend.iter(f"{SVG}rect")]
    strokes = [p.get("stroke") for p in legend.iter(f"{SVG}polyline")]
    for line in real_layout.lines:
        assert line.name in words and codes[line.id] in words
        assert line.colour in fills and line.colour in strokes
    # black and white: every line has its own pattern (one plain), and its code at its ends
    assert len(real_layout.lines) <= len(PATTERNS)
    assert len({line_pattern(i) for i in range(len(real_layout.lines))}) == len(real_layout.lines)
    badges = texts(group(real_poster, "badges"))
    for line in real_layout.lines:
        ends = len({line.stations[0], line.stations[-1]})
        assert badges.count(codes[line.id]) == ends


def test_the_line_badges_cover_no_label(real_layout, real_poster):
    frame = poster_frame(real_layout)
    labels = [frame.box(s.label.box) for s in real_layout.stations]
    for rect in group(real_poster, "badges").iter(f"{SVG}rect"):
        x, y, w, h = (float(rect.get(k)) for k in ("x", "y", "width", "height"))
        assert 0 < x and x + w < PAGE_W and 0 < y and y + h < PAGE_H
        assert not [box for box in labels if boxes_overlap((x, y, x + w, y + h), box)]


def test_texts_are_escaped_and_the_svg_still_parses(mini_copy):
    hostile = 'name: "<script>alert(1)</script> & \'co\' \\"x\\""'
    replace_in(mini_copy / "functions.yaml", "name: Verzorgende IG", hostile)
    replace_in(mini_copy / "graph.yaml", "name: Verpleging en verzorging", 'name: "Lijn <b>&amp; \\"vet\\""')
    dataset = load_dataset(mini_copy)
    svg = map_svg(dataset, metro_layout(dataset), title='Kaart "A&B" <test>')
    root = parse(svg)  # raises on bad XML
    assert "<script" not in svg and "<b>" not in svg
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}b"))
    every = texts(root)
    assert any("<script>alert(1)</script>" in text for text in every)
    assert 'Lijn <b>&amp; "vet"' in every
    assert root.find(f"{SVG}title").text == 'Kaart "A&B" <test>'
    assert root.get("aria-label") == 'Kaart "A&B" <test>'
    names = {t.text for t in root.iter(f"{SVG}title")}
    assert "<script>alert(1)</script> & 'co' \"x\"" in names


def test_the_svg_is_standalone(real_poster, real, real_layout):
    svg = map_svg(real, real_layout)
    assert not re.search(r"(href|src)\s*=|@import|url\(|@font-face", svg)
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_a_route_is_drawn_thick_and_numbered_the_rest_faded(mini):
    layout = metro_layout(mini)
    route = ["mbo2-helpende-zorg-welzijn", "verzorgende-ig", "mbo-verpleegkundige"]
    root = parse(map_svg(mini, layout, highlight=route))
    thick = list(group(root, "route").iter(f"{SVG}polyline"))
    normal = float(next(group(root, "lines").iter(f"{SVG}polyline")).get("stroke-width"))
    assert len(thick) >= len(route) - 1
    assert max(float(p.get("stroke-width")) for p in thick) > 1.5 * normal
    assert mini.lines["lijn-vvt"].colour in {p.get("stroke") for p in thick}
    # the plain lines are faded (a lighter colour)
    assert all(p.get("stroke") != mini.lines["lijn-vvt"].colour for p in group(root, "lines").iter(f"{SVG}polyline"))
    assert texts(group(root, "steps")) == ["1", "2", "3"]
    symbols = {e.get("id")[3:]: e for e in group(root, "stations") if e.get("id")}
    faded = {sid for sid, e in symbols.items() if e.get("stroke") == "#c4c4c4"}
    assert faded == {s.id for s in layout.stations} - set(route)


def test_a_route_through_an_unknown_station_is_refused(mini):
    with pytest.raises(UnknownStation) as info:
        map_svg(mini, metro_layout(mini), highlight=["verzorgende-igg"])
    assert "verzorgende-ig" in str(info.value)


# --- PDF -------------------------------------------------------------------------------------


def test_the_pdf_is_one_a3_landscape_page(real_pdf):
    assert real_pdf.startswith(b"%PDF")
    reader, _ = pdf_text(real_pdf)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A3_PT, abs=0.01)


def test_the_pdf_carries_the_line_names_and_the_title(real_layout, real_pdf):
    _, text = pdf_text(real_pdf)
    assert "Metrokaart Zorg & Welzijn" in text
    for line in real_layout.lines:
        assert line.name in text


def test_dutch_characters_survive_in_the_pdf(mini_copy):
    replace_in(mini_copy / "graph.yaml", "name: Verpleging en verzorging", "name: Zorg in één café, ruïne & coöperatie")
    dataset = load_dataset(mini_copy)
    layout = metro_layout(dataset)
    _, text = pdf_text(map_pdf(dataset, layout, title="Poster voor België"))
    assert "Zorg in één café, ruïne & coöperatie" in text
    assert "Poster voor België" in text


def test_the_pdf_is_the_same_poster_as_the_svg(mini):
    layout = metro_layout(mini)
    route = ["mbo2-helpende-zorg-welzijn", "verzorgende-ig"]
    _, text = pdf_text(map_pdf(mini, layout, highlight=route, lang="en"))
    root = parse(map_svg(mini, layout, highlight=route, lang="en"))
    for word in ("Your route", "Lines", "Stations", *[m.name for m in layout.lines]):
        assert word in text and any(word in t for t in texts(root))
    assert map_pdf(mini, layout) == map_pdf(mini, layout), "the PDF is reproducible"
