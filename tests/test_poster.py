"""The A3 poster: valid SVG, every station and line on it, texts escaped, nothing external."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from routes import load_dataset
from routes.layout import metro_layout
from routes.poster import map_svg
from tests.conftest import replace_in

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.encode("utf-8"))


@pytest.fixture(scope="module")
def real_poster(real):
    layout = metro_layout(real)
    return layout, parse(map_svg(real, layout))


def test_the_poster_is_a3_landscape(real_poster):
    _, root = real_poster
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 420 297"
    assert (root.get("width"), root.get("height")) == ("420mm", "297mm")


def test_every_station_is_a_circle_inside_the_page(real_poster):
    layout, root = real_poster
    circles = {c.get("id"): c for c in root.iter(f"{SVG}circle") if c.get("id")}
    assert set(circles) == {f"st-{s.id}" for s in layout.stations}
    for station in layout.stations:
        circle = circles[f"st-{station.id}"]
        x, y = float(circle.get("cx")), float(circle.get("cy"))
        assert 0 < x < 420 and 0 < y < 297
        if station.interchange:
            assert circle.get("fill") == "#ffffff" and circle.get("stroke") == "#1a1a1a"
    # levels still run left to right on paper
    x = {s.id: float(circles[f"st-{s.id}"].get("cx")) for s in layout.stations}
    assert x["mbo2-helpende-zorg-welzijn"] < x["mbo4-verpleegkundige"] < x["hbo-verpleegkunde"]


def test_each_line_is_a_coloured_polyline_with_round_joins(real, real_poster):
    _, root = real_poster
    group = next(g for g in root.iter(f"{SVG}g") if g.get("id") == "lines")
    assert group.get("stroke-linejoin") == "round"
    polylines = {p.get("id"): p for p in group.iter(f"{SVG}polyline") if p.get("id")}
    assert set(polylines) == set(real.lines)
    for lid, line in real.lines.items():
        assert polylines[lid].get("stroke") == line.colour
        assert len(polylines[lid].get("points").split()) >= len(line.stations)


def test_the_legend_names_every_line_with_its_colour(real, real_poster):
    _, root = real_poster
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("id") == "legend")
    texts = ["".join(t.itertext()) for t in legend.iter(f"{SVG}text")]
    colours = [line.get("stroke") for line in legend.iter(f"{SVG}line")]
    for line in real.lines.values():
        assert line.name in texts and line.colour in colours


def test_texts_are_escaped_and_the_svg_still_parses(mini_copy):
    replace_in(mini_copy / "functions.yaml", "name: Verzorgende IG", 'name: "<script>alert(1)</script> & co"')
    dataset = load_dataset(mini_copy)
    svg = map_svg(dataset, metro_layout(dataset), title='Kaart "A&B" <test>')
    root = parse(svg)  # raises on bad XML
    assert "<script" not in svg and not list(root.iter(f"{SVG}script"))
    labels = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert any("alert(1)" in label for label in labels)
    assert root.find(f"{SVG}title").text == 'Kaart "A&B" <test>'


def test_no_external_references(real_poster, real):
    svg = map_svg(real, metro_layout(real))
    assert not re.search(r"(href|src)\s*=", svg)
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_highlight_dims_everything_but_the_route(mini):
    layout = metro_layout(mini)
    route = ["mbo3-verzorgende-ig", "verzorgende-ig", "mbo-verpleegkundige"]
    root = parse(map_svg(mini, layout, highlight=route))
    circles = {c.get("id")[3:]: c for c in root.iter(f"{SVG}circle") if c.get("id")}
    greyed = {sid for sid, c in circles.items() if {c.get("fill"), c.get("stroke")} & {"#d9d9d9", "#c4c4c4"}}
    assert greyed == {s.id for s in layout.stations} - set(route)
    assert float(circles["verzorgende-ig"].get("r")) > float(circles["mbo2-helpende-zorg-welzijn"].get("r"))
    assert circles["verzorgende-ig"].get("fill") == mini.lines["lijn-vvt"].colour
