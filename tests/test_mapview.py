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


def map_data(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="metro-data">(.*?)</script>', html).group(1))


def test_line_segments_in_line_colour_and_links_dashed(mini_map, mini):
    layout, html = mini_map
    data = map_data(html)
    lines = [s for s in data["segments"] if s["line"]]
    colour = mini.lines["lijn-vvt"].colour
    assert len(lines) == sum(1 for s in layout.segments if s.kind == "line")
    assert all(s["colour"] == colour and not s["dashed"] for s in lines)
    assert all(s["dashed"] for s in data["segments"] if not s["line"])
    # steps off the lines are in the page (drawn for a chosen station), each an octilinear polyline
    assert len(data["links"]) == sum(1 for s in layout.segments if s.kind == "link")
    lateral = {(s.source, s.target) for s in layout.segments if s.lateral}
    assert ("mbo3-verzorgende-ig", "mbo4-verpleegkundige") in lateral  # a branch or a link, never a line


def test_interchanges_are_drawn_white_with_a_dark_ring_and_bigger(real_map):
    layout, html = real_map
    nodes = stations(html)
    hub, plain = nodes["mbo4-verpleegkundige"], nodes["wijkverpleegkundige"]
    assert hub["color"]["background"] == "#ffffff" and hub["color"]["border"] == "#1a1a1a"
    assert hub["size"] > plain["size"]
    assert plain["color"]["border"] == layout.line("lijn-vvt").colour


def test_titles_are_plain_text_and_no_heading_is_used(real_map):
    layout, html = real_map
    nodes = stations(html)
    for node in nodes.values():
        assert "href" not in node["title"] and "<" not in node["title"]
    assert nodes["verzorgende-ig"]["title"].startswith("Verzorgende IG\nberoep · mbo 3\nLijnen: ")
    assert "<h1>" not in html and "popup.innerHTML" not in html


def test_labels_come_from_the_layout_and_are_drawn_on_the_canvas(real_map):
    layout, html = real_map
    data = map_data(html)
    for station in layout.stations:
        x0, y0, x1, y1, lines, align = data["stations"][station.id]["label"]
        assert (x0, y0, x1, y1, tuple(lines), align) == (*station.label.box, station.label.lines, station.label.align)
    assert all(n["label"] == " " for n in stations(html).values()), "vis-network draws no label of its own"
    assert "fillText(line" in parse(html).scripts[-1]


def test_click_fills_the_details_panel_with_text_only(real_map):
    _, html = real_map
    ours = parse(html).scripts[-1]
    assert 'network.on("click"' in ours and "textContent" in ours
    assert "innerHTML" not in ours and "insertAdjacentHTML" not in ours and "document.write" not in ours
    vig = map_data(html)["panel"]["mbo3-verzorgende-ig"]
    assert vig["name"] == "Verzorgende-IG (mbo niveau 3)"
    assert any(name == "Mbo-Verpleegkundige (mbo niveau 4)" for name, _, _ in vig["to"])
    assert 'id="metro-details"' in html and 'aria-live="polite"' in html


def test_keyboard_moves_between_stations_and_the_frame_does_not_steal_focus(real_map):
    _, html = real_map
    ours = parse(html).scripts[-1]
    assert 'id="mapbox" tabindex="0"' in html
    for key in ("ArrowRight", "ArrowLeft", "ArrowDown", "ArrowUp", "Escape"):
        assert f"{key}" in ours
    assert 'removeAttribute("tabindex")' in ours and "preventScroll: true" in ours


def test_names_are_escaped_everywhere(mini_copy):
    replace_in(mini_copy / "functions.yaml", "name: Verzorgende IG", f'name: "{EVIL}"')
    replace_in(mini_copy / "graph.yaml", "name: Verpleging en verzorging", 'name: "Verpleging <b>& verzorging</b>"')
    dataset = load_dataset(mini_copy)
    layout = metro_layout(dataset)
    html = map_html(dataset, layout, highlight=["mbo3-verzorgende-ig", "verzorgende-ig"])
    assert "<script>alert" not in html and "<b>&" not in html
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in html  # still there, as JSON
    assert "Verpleging &lt;b&gt;&amp; verzorging&lt;/b&gt;" in html  # the legend
    for script in parse(html).scripts:
        assert "alert(1)</" not in script


def test_a_route_is_drawn_with_its_legs_and_everything_else_faded(mini):
    G = build_graph(mini)
    route = plan(G, Query(holds=("geen-startkwalificatie",), target="mbo-verpleegkundige"))[0]
    layout = metro_layout(mini)
    data = map_data(map_html(mini, layout, highlight=route.nodes))
    drawn = data["routes"][0]
    assert drawn["stations"] == list(dict.fromkeys(route.nodes))
    assert [(leg["from"], leg["to"]) for leg in drawn["legs"]] == list(pairwise(drawn["stations"]))
    assert all(leg["pieces"] for leg in drawn["legs"])
    assert "globalAlpha = faded ? 0.2 : 1" in map_html(mini, layout)  # the rest is faded when a route is shown
    assert map_data(map_html(mini, layout))["routes"] == []


def test_a_route_along_a_line_follows_the_line_in_its_colour(real):
    layout = metro_layout(real)
    route = ["mbo4-verpleegkundige", "mbo-verpleegkundige", "hbo-verpleegkunde"]
    legs = map_data(map_html(real, layout, highlight=route))["routes"][0]["legs"]
    colours = {piece["colour"] for leg in legs for piece in leg["pieces"]}
    assert colours <= {real.lines["lijn-vvt"].colour, real.lines["lijn-ziekenhuis"].colour}
    assert not any(piece["dashed"] for leg in legs for piece in leg["pieces"])
    # a leg between two stations of one line follows the line's own segments, point for point
    line_points = {s.points for s in layout.segments if s.line in ("lijn-vvt", "lijn-ziekenhuis")}
    assert all(tuple(map(tuple, piece["points"])) in line_points for leg in legs for piece in leg["pieces"])


def test_alternatives_are_switched_inside_the_page(real):
    G = build_graph(real)
    routes = plan(G, Query(holds=("geen-startkwalificatie",), target="verzorgende-ig", k=3))
    layout = metro_layout(real)
    html = map_html(real, layout, routes=[r.nodes for r in routes], chosen=1)
    data = map_data(html)
    assert len(data["routes"]) == len(routes) > 1 and data["chosen"] == 1
    assert html.count('class="route-btn"') == len(routes)
    assert 'aria-pressed="true"' in html


def test_highlight_of_an_unknown_station_raises(mini):
    with pytest.raises(UnknownStation):
        map_html(mini, metro_layout(mini), highlight=["verzorgende"])


def test_line_filter_puts_the_chosen_lines_first(real):
    layout = metro_layout(real)
    data = map_data(map_html(real, layout, lines=["lijn-vvt"]))
    assert data["active"] == ["lijn-vvt"]
    assert map_data(map_html(real, layout))["active"] is None
    with pytest.raises(UnknownStation):
        map_html(real, layout, lines=["lijn-onbekend"])


def test_labels_are_readable_at_the_opening_zoom_and_large_in_presenter_mode(mini):
    layout = metro_layout(mini)
    normal = map_data(map_html(mini, layout))
    large = map_data(map_html(mini, layout, presenter=True))
    assert normal["minScale"] * normal["font"] >= 11
    assert large["minScale"] * large["font"] >= 24
    # a route too long for that scale opens zoomed out, its own names drawn at this size on screen
    assert normal["routePx"] >= 11
    assert large["routePx"] >= 24


def test_presenter_mode_steps_through_scenarios(real):
    from routes.scenarios import presenter_tour

    G = build_graph(real)
    tours = [presenter_tour(G, s) for s in real.scenarios.values()]
    layout = metro_layout(real)
    html = map_html(real, layout, presenter=True, scenarios=[t for t in tours if t])
    data = map_data(html)
    titles = [t["title"] for t in data["scenarios"]]
    assert "Van vmbo-kb naar verpleegkundige" in titles
    first = data["scenarios"][titles.index("Van vmbo-kb naar verpleegkundige")]
    assert first["stops"][0]["station"] == "vmbo-kb" and first["stops"][-1]["station"] == "mbo-verpleegkundige"
    assert len(first["legs"]) == len(first["stops"]) - 1
    assert 'id="btn-next"' in html and 'id="btn-prev"' in html and 'id="scenario"' in html
    assert "Van vmbo-kb naar verpleegkundige" in html  # in the chooser
    assert 'id="btn-next"' not in map_html(real, layout, scenarios=[t for t in tours if t])  # only when presenting


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


def test_progress_is_drawn_beside_the_stops_and_unknown_marks_are_left_out(mini):
    dataset, layout = mini, metro_layout(mini)
    first, second, third = (st.id for st in layout.stations[:3])
    progress = {first: "done", second: "busy", "atlantis": "done", third: "<script>"}
    data = map_data(map_html(dataset, layout, progress=progress))
    assert data["progress"] == {first: "done", second: "busy"}
    assert map_data(map_html(dataset, layout))["progress"] == {}, "nothing without progress"
    assert "D.progress" in map_html(dataset, layout), "the afterDrawing hook draws the marks"
