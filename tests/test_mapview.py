"""The interactive map page: offline, escaped, positions from the layout, route and line filter."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from itertools import pairwise

import pytest

from routes import UnknownStation, build_graph, load_dataset
from routes.layout import metro_layout
from routes.mapview import map_html
from routes.planner import Query, plan
from tests.conftest import replace_in

EVIL = "<script>alert(1)</script>"


class Resources(HTMLParser):
    """Every src/href/action the browser would follow, and the text of every inline script."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href", "action", "srcset", "poster", "data") and value:
                self.urls.append(value)
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def parse(html: str) -> Resources:
    parser = Resources()
    parser.feed(html)
    return parser


def vis_data(html: str, name: str) -> list[dict]:
    found = re.search(rf"{name} = new vis\.DataSet\((.*?)\);\n", html)
    assert found, f"no {name} DataSet in the page"
    return json.loads(found.group(1))


def stations(html: str) -> dict[str, dict]:
    return {n["id"]: n for n in vis_data(html, "nodes") if n.get("kind") != "frame"}


@pytest.fixture(scope="module")
def mini_map(mini):
    layout = metro_layout(mini)
    return layout, map_html(mini, layout)


@pytest.fixture(scope="module")
def real_map(real):
    layout = metro_layout(real)
    return layout, map_html(real, layout)


@pytest.mark.parametrize("which", ["mini_map", "real_map"])
def test_nothing_is_loaded_from_the_internet(which, request):
    _, html = request.getfixturevalue(which)
    resources = parse(html)
    assert not [u for u in resources.urls if re.match(r"\s*(https?:)?//", u, re.IGNORECASE)]
    assert "cdn" not in html and "jsdelivr" not in html.lower() and "cdnjs" not in html.lower()
    assert "bootstrap" not in html.lower()
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html, re.IGNORECASE)
    assert not re.search(r"@import", html)
    # vis-network itself is in the page
    assert "new vis.Network(" in html and len(html) > 300_000


def test_every_station_sits_at_its_layout_position_with_physics_off(mini_map):
    layout, html = mini_map
    nodes = stations(html)
    assert set(nodes) == {s.id for s in layout.stations}
    xs = {sid: n["x"] for sid, n in nodes.items()}
    for a in layout.stations:
        assert nodes[a.id]["fixed"] == {"x": True, "y": True} and nodes[a.id]["physics"] is False
        for b in layout.stations:
            if a.x < b.x:
                assert xs[a.id] < xs[b.id]
    options = json.loads(re.search(r"var options = (\{.*?\});\n", html).group(1))
    assert options["physics"]["enabled"] is False
    assert options["interaction"]["dragNodes"] is False


def test_line_segments_in_line_colour_and_laterals_dashed(mini_map, mini):
    layout, html = mini_map
    edges = vis_data(html, "edges")
    line_edges = [e for e in edges if e["line"]]
    colour = mini.lines["lijn-vvt"].colour
    assert {(e["from"], e["to"]) for e in line_edges} == {
        ("mbo2-helpende-zorg-welzijn", "verzorgende-ig"),
        ("verzorgende-ig", "mbo-verpleegkundige"),
    }
    assert all(e["color"]["color"] == colour and e["dashes"] is False for e in line_edges)
    laterals = [e for e in edges if e["lateral"]]
    assert laterals and all(e["dashes"] for e in laterals)
    assert len(laterals) == sum(1 for s in layout.segments if s.lateral)


def test_interchanges_are_drawn_white_with_a_dark_ring_and_bigger(real_map):
    layout, html = real_map
    nodes = stations(html)
    hub, plain = nodes["mbo4-verpleegkundige"], nodes["wijkverpleegkundige"]
    assert hub["color"]["background"] == "#ffffff" and hub["color"]["border"] == "#1a1a1a"
    assert hub["size"] > plain["size"]
    assert plain["color"]["background"] != "#ffffff"


def test_titles_are_plain_text_and_no_heading_is_used(real_map):
    layout, html = real_map
    nodes = stations(html)
    for node in nodes.values():
        assert "href" not in node["title"] and "<" not in node["title"]
    assert nodes["verzorgende-ig"]["title"].startswith("Verzorgende IG\nberoep · mbo 3\nLijnen: ")
    assert "<h1>" not in html and "popup.innerHTML" not in html


def test_click_fills_the_details_panel_with_text_only(real_map):
    _, html = real_map
    ours = parse(html).scripts[-1]
    assert 'network.on("click"' in ours and "textContent" in ours
    assert "innerHTML" not in ours and "insertAdjacentHTML" not in ours and "document.write" not in ours
    data = json.loads(re.search(r'<script type="application/json" id="metro-data">(.*?)</script>', html).group(1))
    vig = data["stations"]["mbo3-verzorgende-ig"]
    assert vig["name"] == "Verzorgende-IG (mbo niveau 3)"
    assert any(name == "Mbo-Verpleegkundige (mbo niveau 4)" for name, _, _ in vig["to"])
    assert 'id="metro-details"' in html and 'aria-live="polite"' in html


def test_names_are_escaped_everywhere(mini_copy):
    replace_in(mini_copy / "functions.yaml", "name: Verzorgende IG", f'name: "{EVIL}"')
    replace_in(mini_copy / "graph.yaml", "name: Verpleging en verzorging", 'name: "Verpleging <b>& verzorging</b>"')
    dataset = load_dataset(mini_copy)
    layout = metro_layout(dataset)
    html = map_html(dataset, layout, highlight=["mbo3-verzorgende-ig", "verzorgende-ig"])
    assert "<script>alert" not in html and "<b>&" not in html
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in html  # still there, as JSON
    assert "Verpleging &lt;b&gt;&amp; verzorging&lt;/b&gt;" in html  # the legend
    assert "<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>" in html  # the route list
    for script in parse(html).scripts:
        assert "alert(1)</" not in script


def test_highlight_marks_exactly_the_route(mini):
    G = build_graph(mini)
    route = plan(G, Query(holds=("geen-startkwalificatie",), target="mbo-verpleegkundige"))[0]
    layout = metro_layout(mini)
    html = map_html(mini, layout, highlight=route.nodes)
    nodes = stations(html)
    assert {sid for sid, n in nodes.items() if n["state"] == "route"} == set(route.nodes)
    assert all(n["state"] == "dim" for sid, n in nodes.items() if sid not in route.nodes)
    edges = vis_data(html, "edges")
    lit = {frozenset((e["from"], e["to"])) for e in edges if e["state"] == "route"}
    assert lit == {frozenset(p) for p in pairwise(route.nodes)}
    thin = max(e["width"] for e in edges if e["state"] == "dim" and e["lateral"])
    assert all(e["width"] > thin for e in edges if e["state"] == "route")
    assert all(e["color"]["color"] == "#dcdcdc" for e in edges if e["state"] == "dim")
    # without a route nothing is dimmed
    plain = stations(map_html(mini, layout))
    assert {n["state"] for n in plain.values()} == {"normal"}


def test_a_route_along_a_line_is_thick_and_in_the_line_colour(real):
    layout = metro_layout(real)
    route = ["mbo4-verpleegkundige", "mbo-verpleegkundige", "hbo-verpleegkunde"]
    edges = vis_data(map_html(real, layout, highlight=route), "edges")
    lit = [e for e in edges if e["state"] == "route"]
    assert {e["line"] for e in lit} == {"lijn-vvt", "lijn-ziekenhuis"}  # both lines run there
    assert all(e["color"]["color"] == real.lines[e["line"]].colour for e in lit)
    assert min(e["width"] for e in lit) > max(e["width"] for e in edges if e["state"] == "dim")


def test_highlight_of_an_unknown_station_raises(mini):
    with pytest.raises(UnknownStation):
        map_html(mini, metro_layout(mini), highlight=["verzorgende"])


def test_line_filter_drops_other_lines(real):
    layout = metro_layout(real)
    html = map_html(real, layout, lines=["lijn-vvt"])
    edges = vis_data(html, "edges")
    assert {e["line"] for e in edges if e["line"]} == {"lijn-vvt"}
    assert len([e for e in edges if e["line"]]) == len(real.lines["lijn-vvt"].stations) - 1
    on_vvt = set(real.lines["lijn-vvt"].stations)
    for e in edges:
        if e["lateral"]:
            assert e["from"] in on_vvt and e["to"] in on_vvt
    nodes = stations(html)
    assert nodes["wijkverpleegkundige"]["state"] == "normal"
    assert nodes["pedagogisch-coach"]["state"] == "dim"
    everything = vis_data(map_html(real, layout), "edges")
    assert len({e["line"] for e in everything if e["line"]}) == len(real.lines)
    with pytest.raises(UnknownStation):
        map_html(real, layout, lines=["lijn-onbekend"])


def test_presenter_mode_has_large_labels(mini):
    layout = metro_layout(mini)
    normal = stations(map_html(mini, layout))["verzorgende-ig"]["font"]["size"]
    large = stations(map_html(mini, layout, presenter=True))["verzorgende-ig"]["font"]["size"]
    assert large >= normal * 1.5


def test_english_texts_around_the_map(mini):
    html = map_html(mini, metro_layout(mini), lang="en")
    assert "Click a station on the map" in html and "Klik op een halte" not in html


def test_the_map_carries_a_policy_that_runs_only_its_own_scripts(real):
    import base64
    import hashlib

    from routes.mapview import sandboxed

    page = map_html(real, metro_layout(real))
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1)
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'" and directives["connect-src"] == "'none'"
    assert directives["form-action"] == "'none'" and directives["base-uri"] == "'none'"
    assert all(source.startswith("'sha256-") for source in directives["script-src"].split())
    assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
    assert page.index("Content-Security-Policy") < page.index("<script"), "the policy comes before any script"
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", page, re.S)
    for attributes, code in scripts:
        if "application/json" in attributes or "src=" in attributes:  # data; a file that may not load
            continue
        digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in directives["script-src"]
    framed = sandboxed(page, 'Metrokaart "<x>"')
    assert 'sandbox="allow-scripts"' in framed and "allow-same-origin" not in framed
    assert "<script" not in framed.replace("&lt;script", ""), "the page itself is only in srcdoc, escaped"
    assert 'title="Metrokaart &quot;&lt;x&gt;&quot;"' in framed
