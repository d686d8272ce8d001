"""The interactive metro map as one self-contained HTML page (pyvis / vis-network).

pyvis builds the network: every station is a vis-network node at its fixed layout position
(physics off), with its tooltip, hover, click, zoom and pan. The layout's octilinear line
segments, the level columns and the station names are drawn on the same canvas, in map
units, by the page's own script (vis-network's ``beforeDrawing``/``afterDrawing`` hooks):
vis-network draws an edge between two nodes as one straight or curved stroke and places a
label centred under its node, so the layout's bends, parallel lanes and computed label boxes
are drawn directly instead of as hundreds of hidden helper nodes.

A chosen route is drawn along the lines it uses, thick and in their colours, its stations
numbered, the rest faded; the view opens on the route. When the route fits at the readable
scale (labels at least 11 px) it opens there; most routes cross far more of the map than a
screen holds at that scale, so they open whole, zoomed out, with the route's own names drawn at
13 px on screen, placed beside their stops apart from each other (the other names fade out,
stops and legs keep their size). Only when even that cannot be placed (a phone) does the map
keep the readable scale and show the route from its first stop as far as it fits. Up to three
alternatives are in the page, so switching between them redraws only the highlight and fits
the view again. Presenter mode (for a classroom
projector) shows labels at least 24 px high and steps through ready scenarios with buttons
and the arrow keys. Keyboard users move between stations with the arrow keys.

Everything the browser needs is in the page: vis-network is inlined (``cdn_resources=
"in_line"``), pyvis's Bootstrap links are removed, so the map works without internet.

Safety: all data reaches the page as JSON inside a ``type="application/json"`` block with
``<``, ``>`` and ``&`` escaped; the page's script writes text with ``textContent`` and
``fillText`` only; tooltips are plain text (never ``href``).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Collection, Mapping, Sequence

from .dataset import Dataset
from .errors import UnknownStation
from .explain import describe_months
from .layout import COLUMN_LABELS, STATION_KIND_LABELS, Layout, station_rows
from .layout.grid import SLOT
from .layout.model import FONT_SIZE, LINE_HEIGHT
from .words import kind_label

__all__ = ["map_html", "sandboxed", "with_csp"]

INK = "#1a1a1a"
NEUTRAL = "#8c8c8c"
SHAPES = {"start": "triangle", "qualification": "dot", "certificate": "diamond", "function": "square"}
MIN_LABEL_PX = 11  # smallest label height on screen in the normal view
PRESENTER_LABEL_PX = 26  # in presenter mode (a projector at the back of a classroom)
# A route too long to fit at the readable scale is shown whole, zoomed out, with its own stations'
# names drawn at this size on screen (the rest of the map's names fade away).
ROUTE_LABEL_PX = 13

TEXT = {
    "nl": {
        "hint": "Klik op een halte op de kaart. Dan ziet u hier meer.",
        "lines": "Lijnen",
        "interchange": "Overstapstation: hier komen lijnen samen.",
        "from": "Hierheen via",
        "to": "Verder naar",
        "none": "geen",
        "legend": "Lijnen op de kaart",
        "shapes": "Rondje = diploma, vierkant = beroep, ruit = certificaat, driehoek = startpunt. "
        "Een groot wit rondje is een overstapstation. Een stippellijn is een stap buiten de lijnen.",
        "map": "Metrokaart. Klik op een halte voor meer informatie. Met de pijltjestoetsen ga je van halte naar halte."
        " De lijst met alle haltes staat onder de kaart.",
        "details": "Over deze halte",
        "no_line": "Niet op een lijn",
        "route": "Je route",
        "whole": "Hele kaart",
        "back": "Terug naar route",
        "zoom_in": "Inzoomen",
        "zoom_out": "Uitzoomen",
        "route_n": "Route {n}",
        "scenario": "Kies een voorbeeld",
        "scenario_none": "Geen voorbeeld",
        "previous": "Vorige",
        "next": "Volgende",
        "step_of": "Stap {i} van {n}",
        "keys": "Pijltjes: vorige en volgende stap",
    },
    "en": {
        "hint": "Click a station on the map to see more here.",
        "lines": "Lines",
        "interchange": "Interchange: lines meet here.",
        "from": "Reached from",
        "to": "Leads to",
        "none": "none",
        "legend": "Lines on the map",
        "shapes": "Circle = diploma, square = job, diamond = certificate, triangle = starting point. "
        "A large white circle is an interchange. A dashed line is a step off the lines.",
        "map": "Metro map. Click a station for details. Use the arrow keys to move from station to station."
        " The list of all stations is below the map.",
        "details": "About this station",
        "no_line": "Not on a line",
        "route": "Your route",
        "whole": "Whole map",
        "back": "Back to the route",
        "zoom_in": "Zoom in",
        "zoom_out": "Zoom out",
        "route_n": "Route {n}",
        "scenario": "Choose an example",
        "scenario_none": "No example",
        "previous": "Previous",
        "next": "Next",
        "step_of": "Step {i} of {n}",
        "keys": "Arrow keys: previous and next step",
    },
}



# pyvis's template links Bootstrap from a CDN and prints an (empty) heading twice.
_EXTERNAL = re.compile(
    r"<link\b[^>]*\bhref=[\"']https?://[^>]*>|<script\b[^>]*\bsrc=[\"']https?://[^>]*>\s*</script>", re.IGNORECASE
)
_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.IGNORECASE)



def _json_for_script(value: object) -> str:
    """JSON that is safe inside <script>: no '<', '>' or '&' can close the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")



def _months(low: int | None, high: int | None, lang: str) -> str:
    if low is None or high is None:
        return ""
    return describe_months(low, high, lang)


def _route_legs(layout: Layout, route: Sequence[str]) -> list[dict]:
    """How each leg of a route is drawn: along a line (its polylines, in its colour) or as a link.

    A leg between two stations of one line follows that line's segments, even past stations
    it does not stop at; a leg off the lines uses the layout's link, else a 45° connector.
    """
    by_pair: dict[frozenset, list] = {}
    for seg in layout.segments:
        by_pair.setdefault(frozenset((seg.source, seg.target)), []).append(seg)
    legs = []
    for u, v in zip(route, route[1:], strict=False):
        if u == v:
            continue
        pieces: list[dict] = []
        common = [m for m in layout.lines if u in m.stations and v in m.stations]
        for line in common:
            i, j = line.stations.index(u), line.stations.index(v)
            lo, hi = min(i, j), max(i, j)
            stretch = line.stations[lo : hi + 1]
            found = []
            for a, b in zip(stretch, stretch[1:], strict=False):
                segs = [s for s in by_pair.get(frozenset((a, b)), []) if s.line == line.id]
                if not segs:
                    break
                found.append({"points": segs[0].points, "colour": line.colour, "dashed": False})
            else:
                pieces = found
                break
        if not pieces:
            links = [s for s in by_pair.get(frozenset((u, v)), []) if s.kind != "line"]
            if links:
                pieces = [{"points": links[0].points, "colour": INK, "dashed": True}]
            else:
                pieces = [{"points": _connector(layout, u, v), "colour": INK, "dashed": True}]
        legs.append({"from": u, "to": v, "pieces": pieces})
    return legs


def _connector(layout: Layout, u: str, v: str) -> tuple[tuple[float, float], ...]:
    """A 45° connector for a leg the layout holds no link for (e.g. through an admission hub):
    the candidate that crosses the fewest stations and labels."""
    from .layout.geometry import grow, polyline_hits_box
    from .layout.routing import candidates, corridor_candidates

    def cost(option) -> int:
        points, base = option
        others = [s for s in layout.stations if s.id not in (u, v)]
        hits = sum(polyline_hits_box(points, grow((s.x, s.y, s.x, s.y), s.radius)) for s in others)
        return base + 10 * hits + 3 * sum(polyline_hits_box(points, s.label.box) for s in layout.stations)

    a, b = layout.position(u), layout.position(v)
    tracks = sorted({s.y for s in layout.stations if s.lines})
    corridors = [(lo + hi) / 2 for lo, hi in zip(tracks, tracks[1:], strict=False) if hi - lo > 60]
    return min(candidates(a, b) + corridor_candidates(a, b, corridors), key=cost)[0]


def map_html(
    dataset: Dataset,
    layout: Layout,
    *,
    highlight: Sequence[str] = (),
    routes: Sequence[Sequence[str]] = (),
    chosen: int = 0,
    lines: Collection[str] | None = None,
    presenter: bool = False,
    scenarios: Sequence[dict] = (),
    lang: str = "nl",
    progress: Mapping[str, str] | None = None,
) -> str:
    """The metro map as a self-contained HTML page (about 0.7 MB: cache it).

    Parameters
    ----------
    dataset, layout : the data and its layout (:func:`routes.layout.store.load_layout`).
    highlight : station ids of one route, in order (shorthand for ``routes=[highlight]``).
    routes : up to three alternatives, each a list of station ids; ``chosen`` (0-based) is drawn
        first. The page switches between them without reloading.
    lines : only these lines (ids) in full colour, the rest faded; the view opens on them.
    presenter : full-screen classroom mode: labels at least 24 px, large controls, scenarios.
    scenarios : ready scenarios for presenter mode: ``{"id", "title", "stops": [{"station",
        "sentence"}], "lit": [ids]}`` (see :mod:`routes.scenarios`).
    lang : ``"nl"`` or ``"en"`` for the texts around the map.
    progress : station id -> ``"done"`` (a check mark) or ``"busy"`` (a half ring) beside the stop;
        stations not on the map and other values are left out.

    Raises
    ------
    UnknownStation : a highlighted station or a line id that is not on the map.
    """
    from pyvis.network import Network

    text = TEXT.get(lang, TEXT["nl"])
    kind_labels = STATION_KIND_LABELS.get(lang, STATION_KIND_LABELS["nl"])
    column_labels = COLUMN_LABELS.get(lang, COLUMN_LABELS["nl"])
    line_ids = [m.id for m in layout.lines]
    line_colour = {m.id: m.colour for m in layout.lines}
    line_name = {m.id: m.name for m in layout.lines}
    all_routes = [list(dict.fromkeys(r)) for r in ([highlight] if highlight else list(routes)[:3]) if r]
    for route in all_routes:
        for sid in route:
            layout.station(sid)  # raises UnknownStation with suggestions
    if lines is not None:
        for lid in lines:
            if lid not in line_colour:
                raise UnknownStation(lid, [m for m in line_ids if lid in m or m in lid][:3])
    for scenario in scenarios:
        for sid in [s["station"] for s in scenario.get("stops", [])] + list(scenario.get("lit", [])):
            layout.station(sid)

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", bgcolor="#ffffff")
    for st in layout.stations:
        if st.interchange:
            border, width = INK, 3
        elif st.lines:
            border, width = line_colour[st.lines[0]], 3
        else:
            border, width = NEUTRAL, 2
        title_lines = [st.name, f"{kind_labels[st.kind]} · {column_labels[st.column]}"]
        if st.lines:
            title_lines.append(f"{text['lines']}: " + ", ".join(line_name[lid] for lid in st.lines))
        size = st.radius * (0.85 if st.kind in ("certificate", "start") else 1.0)
        net.add_node(
            st.id,
            label=" ",
            shape=SHAPES[st.kind],
            color={
                "background": "#ffffff",
                "border": border,
                "highlight": {"background": "#ffe066", "border": INK},
                "hover": {"background": "#fff3bf", "border": INK},
            },
            borderWidth=width,
            borderWidthSelected=width + 2,
            size=round(size, 2),
            title="\n".join(title_lines),
            x=st.x,
            y=st.y,
            fixed={"x": True, "y": True},
            physics=False,
            kind=st.kind,
        )
    net.options = {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "interaction": {
            "dragNodes": False,
            "hover": True,
            "tooltipDelay": 150,
            "navigationButtons": False,
            "keyboard": {"enabled": False},
            "multiselect": False,
            "zoomSpeed": 0.6,
        },
        "nodes": {"chosen": {"label": False}},
    }
    page = net.generate_html()
    page = _EXTERNAL.sub("", page)
    page = _HEADING.sub("", page)

    label_px = PRESENTER_LABEL_PX if presenter else MIN_LABEL_PX
    data = {
        "font": FONT_SIZE,
        "lineHeight": LINE_HEIGHT,
        "minScale": round(label_px / FONT_SIZE, 4),
        "routePx": PRESENTER_LABEL_PX if presenter else ROUTE_LABEL_PX,
        "presenter": presenter,
        "stations": {
            st.id: {
                "x": st.x,
                "y": st.y,
                "r": st.radius,
                "label": [st.label.x0, st.label.y0, st.label.x1, st.label.y1, list(st.label.lines), st.label.align],
                "lines": list(st.lines),
            }
            for st in layout.stations
        },
        "order": [st.id for st in layout.stations],
        "segments": [
            {"line": s.line, "colour": s.colour, "points": s.points, "dashed": s.dashed}
            for s in layout.drawn()
        ],
        "links": [
            {"from": s.source, "to": s.target, "points": s.points} for s in layout.segments if s.kind == "link"
        ],
        "columns": [
            {"x0": c.x_min - SLOT * 0.42, "x1": c.x_max + SLOT * 0.42, "label": column_labels[c.index]}
            for c in layout.columns
            if c.index > 0
        ]
        + [{"x0": -30.0, "x1": layout.columns[1].x_min - SLOT * 0.5, "label": column_labels[0]}],
        "height": layout.height,
        "width": layout.width,
        "active": sorted(lines) if lines is not None else None,
        "routes": [{"stations": r, "legs": _route_legs(layout, r)} for r in all_routes],
        "chosen": min(max(chosen, 0), max(len(all_routes) - 1, 0)),
        "scenarios": [
            {**sc, "legs": _route_legs(layout, [stop["station"] for stop in sc.get("stops", [])])}
            if sc.get("kind", "route") == "route"
            else {**sc, "legs": []}
            for sc in scenarios
        ],
        "panel": _panel_data(dataset, layout, lang, line_colour, line_name, kind_labels, column_labels),
        "text": text,
        "progress": {
            sid: mark for sid, mark in (progress or {}).items() if mark in ("done", "busy") and sid in layout
        },
    }
    legend = "".join(
        f'<li><span class="swatch" style="background:{html.escape(m.colour)}"></span>{html.escape(m.name)}</li>'
        for m in layout.lines
    )
    buttons = (
        f'<button type="button" id="btn-zoom-in" aria-label="{html.escape(text["zoom_in"])}">+</button>'
        f'<button type="button" id="btn-zoom-out" aria-label="{html.escape(text["zoom_out"])}">−</button>'
        f'<button type="button" id="btn-whole">{html.escape(text["whole"])}</button>'
    )
    if all_routes:
        buttons += f'<button type="button" id="btn-back">{html.escape(text["back"])}</button>'
    if len(all_routes) > 1:
        buttons += '<span class="route-switch" role="group">' + "".join(
            f'<button type="button" class="route-btn" data-route="{i}" aria-pressed="{str(i == chosen).lower()}">'
            f"{html.escape(text['route_n'].format(n=i + 1))}</button>"
            for i in range(len(all_routes))
        ) + "</span>"
    stepper = ""
    if presenter and scenarios:
        options = f'<option value="">{html.escape(text["scenario_none"])}</option>' + "".join(
            f'<option value="{i}">{html.escape(str(s.get("title", "")))}</option>' for i, s in enumerate(scenarios)
        )
        stepper = (
            '<span id="stepper" class="stepper">'
            f'<label for="scenario">{html.escape(text["scenario"])}</label>'
            f'<select id="scenario">{options}</select>'
            f'<button type="button" id="btn-prev">◀ {html.escape(text["previous"])}</button>'
            f'<span id="step-count" aria-live="polite"></span>'
            f'<button type="button" id="btn-next">{html.escape(text["next"])} ▶</button>'
            "</span>"
        )
    body = (
        f'<div class="toolbar" role="toolbar">{buttons}{stepper}</div>'
        + ('<p id="sentence" class="sentence" aria-live="polite"></p>' if stepper else "")
        + '<div class="metro-wrap'
        + (" presenter" if presenter else "")
        + '">'
        f'<div id="mapbox" tabindex="0" role="application" aria-label="{html.escape(text["map"])}">'
        '<div id="mynetwork"></div></div>'
        f'<div id="metro-panel" class="metro-panel" role="region" aria-label="{html.escape(text["details"])}">'
        f'<section aria-live="polite" id="metro-details"><h2>{html.escape(text["details"])}</h2>'
        f'<p class="hint">{html.escape(text["hint"])}</p></section>'
        '<section id="route-list"></section>'
        f'<h3>{html.escape(text["legend"])}</h3><ul class="legend">{legend}</ul>'
        f'<p class="shapes">{html.escape(text["shapes"])}</p>'
        "</div></div>"
    )
    scripts = (
        f'<script type="application/json" id="metro-data">{_json_for_script(data)}</script>'
        f"<script>{_SCRIPT}</script>"
    )
    page = page.replace("</head>", f"<style>{_CSS}</style></head>", 1)
    page = _replace_body(page, body, scripts)
    return with_csp(page)


def _replace_body(page: str, body: str, scripts: str) -> str:
    """Swap pyvis's card markup for ours (the network script keeps drawing into #mynetwork)."""
    start = page.index('<div class="card"')
    marker = '<div id="mynetwork"'
    end = page.index("</div>", page.index(marker)) + len("</div>")
    end = page.index("</div>", end) + len("</div>")
    page = page[:start] + body + page[end:]
    return page.replace("</body>", scripts + "</body>", 1)


def _panel_data(dataset, layout, lang, line_colour, line_name, kind_labels, column_labels) -> dict:
    """What the details panel shows for each station (plain strings, rendered with textContent)."""
    data = {}
    for row in station_rows(dataset, layout, lang=lang):
        station = layout.station(row["id"])
        data[row["id"]] = {
            "name": row["name"],
            "kind": f"{kind_labels[station.kind]} · {column_labels[station.column]}",
            "lines": [[line_name[lid], line_colour[lid]] for lid in station.lines],
            "interchange": station.interchange,
            "from": [
                [c["name"], kind_label(c["kind"], lang), _months(c["months_min"], c["months_max"], lang)]
                for c in row["connections"]
                if c["direction"] == "from"
            ],
            "to": [
                [c["name"], kind_label(c["kind"], lang), _months(c["months_min"], c["months_max"], lang)]
                for c in row["connections"]
                if c["direction"] == "to"
            ],
        }
    return data


# Only the page's own in-line scripts (by hash) run; no network, no forms, no plugins, no
# frames; styles in-line only. An injected <script> or on...= handler would not run.
_CSP = (
    "default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data: blob:; "
    "font-src data:; connect-src 'none'; frame-src 'none'; child-src 'none'; worker-src 'none'; "
    "object-src 'none'; media-src 'none'; manifest-src 'none'; form-action 'none'; base-uri 'none'"
)
_INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.IGNORECASE | re.DOTALL)


def _policy(page: str) -> str:
    hashes = []
    for match in _INLINE_SCRIPT.finditer(page):
        attributes, code = match.groups()
        if "src=" in attributes.lower() or "application/json" in attributes.lower():
            continue
        digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii")
        hashes.append(f"'sha256-{digest}'")
    return _CSP.format(hashes=" ".join(dict.fromkeys(hashes)) or "'none'")


def with_csp(page: str) -> str:
    """``page`` with a Content Security Policy that lets exactly its own in-line scripts run.

    Every ``<script>`` without ``src`` is allowed by its SHA-256 hash; data blocks
    (``type="application/json"``) are not run anyway.
    """
    meta = f'<meta http-equiv="Content-Security-Policy" content="{_policy(page)}">'
    if "<head>" in page:
        return page.replace("<head>", "<head>" + meta, 1)
    return meta + page


def sandboxed(page: str, title: str) -> str:
    """``page`` in an iframe sandboxed to scripts only: an opaque origin, no same-origin access
    to the app, no forms, pop-ups, downloads or navigation of the window around it.

    Streamlit's own frame for ``st.iframe`` allows same-origin; this inner frame does not.
    A ``srcdoc`` frame also inherits the policy of the page around it, so that page gets
    the same policy (it has no scripts of its own) plus the one frame.
    """
    outer_policy = _policy(page).replace("frame-src 'none'; child-src 'none'", "frame-src about:; child-src about:")
    return (
        "<!DOCTYPE html><html><head>"
        f'<meta http-equiv="Content-Security-Policy" content="{outer_policy}">'
        '<meta charset="utf-8"><style>html,body{margin:0;height:100%;overflow:hidden}'
        "iframe{border:0;width:100%;height:100%;display:block}</style></head><body>"
        f'<iframe sandbox="allow-scripts" referrerpolicy="no-referrer" title="{html.escape(title)}" '
        f'srcdoc="{html.escape(page, quote=True)}"></iframe></body></html>'
    )


_CSS = """
html, body { margin: 0; padding: 0; font-family: "Liberation Sans", Arial, Helvetica, sans-serif; color: #1a1a1a;
  background: #fff; }
*, *::before, *::after { box-sizing: border-box; }
.toolbar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 4px 0 6px; }
.toolbar button, .stepper button, .stepper select { font: inherit; font-size: 15px; min-height: 36px; padding: 4px 12px;
  border: 1px solid #8a8a8a; border-radius: 6px; background: #fff; color: #1a1a1a; cursor: pointer; }
.toolbar button:focus-visible, .stepper button:focus-visible, .stepper select:focus-visible,
#mapbox:focus-visible { outline: 3px solid #1c5fd6; outline-offset: 2px; }
.toolbar button[aria-pressed="true"] { background: #1a1a1a; color: #fff; border-color: #1a1a1a; }
.route-switch { display: inline-flex; gap: 4px; margin-left: 8px; }
.metro-wrap { display: flex; flex-wrap: wrap; gap: 12px; align-items: stretch; }
#mapbox { flex: 1 1 640px; min-width: 300px; position: relative; }
#mynetwork { width: 100%; height: 74vh; min-height: 420px; border: 1px solid #d0d0d0; border-radius: 6px; }
.metro-panel { flex: 0 1 290px; min-width: 230px; max-height: 74vh; overflow-y: auto; font-size: 15px;
  line-height: 1.4; padding: 4px 8px; }
.metro-panel h2 { font-size: 1.2em; margin: 0.2em 0 0.4em; }
.metro-panel h3 { font-size: 1.05em; margin: 0.9em 0 0.3em; }
.metro-panel ul, .metro-panel ol { margin: 0.2em 0; padding-left: 1.2em; }
.metro-panel ul.legend { list-style: none; padding-left: 0; }
.metro-panel .swatch { display: inline-block; width: 1.6em; height: 0.55em; border-radius: 0.3em;
  margin-right: 0.5em; vertical-align: middle; }
.metro-panel .hint, .metro-panel .shapes, .metro-panel .muted { color: #444; }
.stepper { display: inline-flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-left: 12px; }
.stepper select { max-width: 36ch; }
.sentence { margin: 0 0 6px; min-height: 1.3em; font-size: 28px; line-height: 1.25; font-weight: bold; }
.presenter #mynetwork { height: calc(100vh - 125px); }
.presenter .metro-panel { display: none; }
body.presenter .toolbar button, body.presenter .stepper button, body.presenter .stepper select,
body.presenter .stepper label { font-size: 21px; min-height: 48px; padding: 4px 14px; }
body.presenter .stepper #step-count { font-size: 22px; }
@media (max-width: 700px) {
  /* Phones: the map first and tall, the panel under it. */
  #mynetwork { height: 62vh; min-height: 320px; }
  .metro-panel { flex-basis: 100%; max-height: none; }
}
.vis-tooltip { white-space: pre-line !important;
  font-family: "Liberation Sans", Arial, Helvetica, sans-serif !important;
  font-size: 14px !important; max-width: 320px; }
"""

# Draws columns, lines, labels and the route on vis-network's canvas (map units), fills the panel
# with textContent only, moves between stations with the keyboard and steps through scenarios.
_SCRIPT = """
(function () {
  var D = JSON.parse(document.getElementById("metro-data").textContent);
  var T = D.text;
  var FAMILY = '"Liberation Sans", Arial, Helvetica, sans-serif';
  var box = document.getElementById("mapbox");
  var panel = document.getElementById("metro-details");
  var routeList = document.getElementById("route-list");
  var S = D.stations;
  var state = {route: D.routes.length ? D.chosen : -1, selected: null, scenario: -1, step: 0, links: []};
  if (D.presenter) { document.body.classList.add("presenter"); }

  // vis-network's frame takes focus on a click and the browser then scrolls it into view, so a
  // click on a half-visible map landed beside the station: the frame is made unfocusable and the
  // map's own box takes the keyboard focus without scrolling.
  var frame = box.querySelector(".vis-network");
  if (frame) { frame.removeAttribute("tabindex"); }
  box.addEventListener("mousedown", function () { box.focus({preventScroll: true}); }, true);
  box.addEventListener("touchstart", function () { box.focus({preventScroll: true}); }, {capture: true, passive: true});

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }
  function fmt(template, values) {
    return template.replace(/\\{(\\w+)\\}/g, function (_, k) { return values[k]; });
  }
  function resetPanel() { panel.replaceChildren(el("h2", T.details), el("p", T.hint, "hint")); }
  function list(title, items) {
    var frag = document.createDocumentFragment();
    frag.appendChild(el("h3", title));
    if (!items.length) { frag.appendChild(el("p", T.none, "muted")); return frag; }
    var ul = el("ul");
    items.forEach(function (item) {
      var parts = [item[1], item[2]].filter(function (p) { return p; });
      ul.appendChild(el("li", item[0] + (parts.length ? " (" + parts.join(", ") + ")" : "")));
    });
    frag.appendChild(ul);
    return frag;
  }
  function showPanel(id) {
    var s = D.panel[id];
    if (!s) { resetPanel(); return; }
    var parts = [el("h2", s.name), el("p", s.kind, "muted")];
    if (s.lines.length) {
      var ul = el("ul", null, "legend");
      s.lines.forEach(function (line) {
        var li = el("li");
        var sw = el("span", null, "swatch");
        sw.style.background = line[1];
        li.appendChild(sw);
        li.appendChild(document.createTextNode(line[0]));
        ul.appendChild(li);
      });
      parts.push(el("h3", T.lines), ul);
    } else {
      parts.push(el("p", T.no_line, "muted"));
    }
    if (s.interchange) { parts.push(el("p", T.interchange)); }
    parts.push(list(T.from, s.from), list(T.to, s.to));
    panel.replaceChildren.apply(panel, parts);
  }
  function showRouteList() {
    routeList.replaceChildren();
    var r = currentTour();
    if (!r || !r.stations.length) { return; }
    routeList.appendChild(el("h3", T.route));
    var ol = el("ol", null, "route");
    r.stations.forEach(function (id) { ol.appendChild(el("li", D.panel[id] ? D.panel[id].name : id)); });
    routeList.appendChild(ol);
  }

  // ---- what is emphasised: a scenario, else the chosen route, else the chosen lines
  function currentTour() {
    if (state.scenario >= 0) {
      var sc = D.scenarios[state.scenario];
      var upto = state.step + 1;
      var stations = sc.stops.slice(0, upto).map(function (s) { return s.station; });
      var lit = {};
      sc.stops.slice(0, upto).forEach(function (s) { (s.lit || []).forEach(function (id) { lit[id] = true; }); });
      (sc.lit || []).forEach(function (id) { if (state.step > 0) { lit[id] = true; } });
      if (sc.kind === "reach") { stations = [sc.stops[0].station]; }
      return {stations: stations, legs: (sc.legs || []).slice(0, Math.max(upto - 1, 0)), lit: lit,
              numbered: sc.kind !== "reach"};
    }
    if (state.route >= 0 && D.routes[state.route]) {
      return {stations: D.routes[state.route].stations, legs: D.routes[state.route].legs, lit: {}, numbered: true};
    }
    return null;
  }
  function emphasis() {
    var tour = currentTour();
    if (tour) {
      var on = {};
      tour.stations.forEach(function (id) { on[id] = true; });
      Object.keys(tour.lit).forEach(function (id) { on[id] = true; });
      return {stations: on, lines: null};
    }
    if (D.active) {
      var ids = {};
      D.order.forEach(function (id) {
        if (S[id].lines.some(function (l) { return D.active.indexOf(l) >= 0; })) { ids[id] = true; }
      });
      return {stations: ids, lines: D.active};
    }
    return null;
  }
  function restyleNodes() {
    var em = emphasis();
    nodes.update(D.order.map(function (id) {
      return {id: id, opacity: !em || em.stations[id] ? 1 : 0.25};
    }));
  }

  // ---- a route too long for the readable scale is shown whole, zoomed out: its own stations'
  // names keep a fixed size on screen (D.routePx), placed beside their stops so that none overlap;
  // the stops, numbers and legs keep the size they have at the readable scale.
  var measurer = document.createElement("canvas").getContext("2d");
  var placeCache = {key: null, value: null};
  function textWidth(text, px, weight) {
    measurer.font = (weight || "") + px + "px " + FAMILY;
    return measurer.measureText(text).width;
  }
  function grow() {  // how much the route's stops and legs are enlarged (in map units) to keep their size
    var scale = network.getScale();
    return currentTour() && scale < D.minScale * 0.999 ? D.minScale / scale : 1;
  }
  function segmentHitsBox(ax, ay, bx, by, b) {  // Liang-Barsky clipping
    var t0 = 0, t1 = 1, p = [ax - bx, bx - ax, ay - by, by - ay], q = [ax - b.x0, b.x1 - ax, ay - b.y0, b.y1 - ay];
    for (var i = 0; i < 4; i++) {
      if (p[i] === 0) { if (q[i] < 0) { return false; } continue; }
      var r = q[i] / p[i];
      if (p[i] < 0) { if (r > t1) { return false; } t0 = Math.max(t0, r); } else {
        if (r < t0) { return false; } t1 = Math.min(t1, r);
      }
    }
    return true;
  }
  function placeLabels(tour, scale) {
    // every box in screen pixels relative to the map's origin (map units times the scale)
    var ids = tour.stations, key = ids.join("|") + "@" + scale.toFixed(6);
    if (placeCache.key === key) { return placeCache.value; }
    var px = D.routePx, lh = px * D.lineHeight / D.font, gap = 4;
    var discs = ids.map(function (id) {
      var t = S[id];
      return {x: t.x * scale, y: t.y * scale, r: Math.max(t.r + 1.5, 8.5) * D.minScale + 1};
    });
    var x0 = Math.min.apply(null, discs.map(function (d) { return d.x; }));
    var x1 = Math.max.apply(null, discs.map(function (d) { return d.x; }));
    var y0 = Math.min.apply(null, discs.map(function (d) { return d.y; }));
    var y1 = Math.max.apply(null, discs.map(function (d) { return d.y; }));
    var segments = [];
    tour.legs.forEach(function (leg) {
      leg.pieces.forEach(function (piece) {
        for (var i = 1; i < piece.points.length; i++) {
          segments.push([piece.points[i - 1][0] * scale, piece.points[i - 1][1] * scale,
                         piece.points[i][0] * scale, piece.points[i][1] * scale]);
        }
      });
    });
    var boxes = {}, placed = [], ok = true;
    function blocked(b) {
      var i;
      for (i = 0; i < placed.length; i++) {
        var o = placed[i];
        if (b.x0 < o.x1 + 3 && o.x0 < b.x1 + 3 && b.y0 < o.y1 + 2 && o.y0 < b.y1 + 2) { return true; }
      }
      for (i = 0; i < discs.length; i++) {
        var d = discs[i];
        var dx = d.x - Math.max(b.x0, Math.min(d.x, b.x1)), dy = d.y - Math.max(b.y0, Math.min(d.y, b.y1));
        if (dx * dx + dy * dy < d.r * d.r) { return true; }
      }
      return false;
    }
    ids.forEach(function (id, i) {
      var d = discs[i], lines = S[id].label[4];
      var w = Math.max.apply(null, lines.map(function (l) { return textWidth(l, px); })) + 2;
      var h = lines.length * lh, R = d.r + gap, k = R * 0.7;
      var options = [
        [d.x + R, d.y - h / 2, "start"], [d.x - R - w, d.y - h / 2, "end"],
        [d.x - w / 2, d.y + R, "center"], [d.x - w / 2, d.y - R - h, "center"],
        [d.x + k, d.y + k, "start"], [d.x - k - w, d.y + k, "end"],
        [d.x + k, d.y - k - h, "start"], [d.x - k - w, d.y - k - h, "end"]
      ];
      var best = null, bestCost = Infinity;
      options.forEach(function (o, rank) {
        var b = {x0: o[0], y0: o[1], x1: o[0] + w, y1: o[1] + h, align: o[2]};
        if (blocked(b)) { return; }
        var crossings = segments.filter(function (g) { return segmentHitsBox(g[0], g[1], g[2], g[3], b); }).length;
        var outside = Math.max(x0 - b.x0, 0) + Math.max(b.x1 - x1, 0) + Math.max(y0 - b.y0, 0) + Math.max(b.y1 - y1, 0);
        var cost = rank + 20 * crossings + 0.05 * outside;  // beside the stop, off the route, inside its extent
        if (cost < bestCost) { bestCost = cost; best = b; }
      });
      if (best) { boxes[id] = best; placed.push(best); } else { ok = false; }
    });
    var box = {x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity};
    discs.forEach(function (d) {
      box.x0 = Math.min(box.x0, d.x - d.r); box.x1 = Math.max(box.x1, d.x + d.r);
      box.y0 = Math.min(box.y0, d.y - d.r); box.y1 = Math.max(box.y1, d.y + d.r);
    });
    placed.forEach(function (b) {
      box.x0 = Math.min(box.x0, b.x0); box.x1 = Math.max(box.x1, b.x1);
      box.y0 = Math.min(box.y0, b.y0); box.y1 = Math.max(box.y1, b.y1);
    });
    placeCache = {key: key, value: {boxes: boxes, ok: ok, box: box}};
    return placeCache.value;
  }
  function overview() {  // the route's placed names while the map is zoomed out below the readable scale
    var tour = currentTour(), scale = network.getScale();
    if (!tour || !tour.stations.length || scale >= D.minScale * 0.999) { return null; }
    return placeLabels(tour, scale);
  }

  // ---- drawing on the canvas, in map units
  function polyline(ctx, pts) {
    ctx.beginPath();
    ctx.moveTo(pts[0][0], pts[0][1]);
    for (var i = 1; i < pts.length; i++) { ctx.lineTo(pts[i][0], pts[i][1]); }
    ctx.stroke();
  }
  network.on("beforeDrawing", function (ctx) {
    var em = emphasis();
    var scale = network.getScale(), u = grow(), zoomed = overview();
    var names = zoomed ? Object.keys(zoomed.boxes).map(function (id) { return zoomed.boxes[id]; }) : [];
    ctx.save();
    D.columns.forEach(function (c, i) {
      ctx.fillStyle = i % 2 ? "#f3f5f7" : "#fafafb";
      ctx.fillRect(c.x0, -20, c.x1 - c.x0, D.height + 40);
      // the level's name: 20 map units, but never under 12 px on screen while it fits its column
      // (and, zoomed out on a route, it gives way to the route's names)
      var px = Math.max(20 * scale, 12), mid = (c.x0 + c.x1) / 2 * scale, half = textWidth(c.label, px, "bold ") / 2;
      if (px > 20 * scale && 2 * half > (c.x1 - c.x0) * scale - 4) { return; }
      if (names.some(function (b) {
        return b.x0 < mid + half && mid - half < b.x1 && b.y0 < -14 * scale + px && -14 * scale < b.y1;
      })) { return; }
      ctx.fillStyle = "#3d3d3d";
      ctx.font = "bold " + px / scale + "px " + FAMILY;
      ctx.textAlign = "center";
      ctx.textBaseline = "top";
      ctx.fillText(c.label, (c.x0 + c.x1) / 2, -14);
    });
    ctx.lineJoin = "round";
    ctx.lineCap = "round";
    D.segments.forEach(function (s) {
      var faded = em && (em.lines ? em.lines.indexOf(s.line) < 0 : true);
      ctx.globalAlpha = faded ? 0.2 : 1;
      ctx.strokeStyle = s.colour;
      ctx.lineWidth = s.dashed ? 2.5 : 5;
      ctx.setLineDash(s.dashed ? [7, 6] : []);
      polyline(ctx, s.points);
    });
    ctx.globalAlpha = 1;
    ctx.setLineDash([6, 5]);
    ctx.strokeStyle = "#555555";
    ctx.lineWidth = 2.5;
    state.links.forEach(function (l) { polyline(ctx, l.points); });
    var tour = currentTour();
    if (tour) {
      ctx.setLineDash([]);
      ctx.fillStyle = "#ffd43b";
      Object.keys(tour.lit).forEach(function (id) {  // stations that light up: a yellow halo
        var s = S[id];
        ctx.beginPath();
        ctx.arc(s.x, s.y, (s.r + 8) * u, 0, 2 * Math.PI);
        ctx.fill();
      });
      tour.legs.forEach(function (leg) {
        leg.pieces.forEach(function (p) {
          ctx.setLineDash([]);
          ctx.strokeStyle = "#ffffff";
          ctx.lineWidth = (p.dashed ? 9 : 15) * u;
          polyline(ctx, p.points);
          ctx.strokeStyle = p.colour;
          ctx.lineWidth = (p.dashed ? 5 : 11) * u;
          ctx.setLineDash(p.dashed ? [12 * u, 8 * u] : []);
          polyline(ctx, p.points);
        });
      });
    }
    ctx.restore();
  });
  network.on("afterDrawing", function (ctx) {
    var em = emphasis();
    var tour = currentTour();
    var scale = network.getScale(), u = grow(), zoomed = overview();
    var number = {};
    if (tour && tour.numbered) { tour.stations.forEach(function (id, i) { number[id] = i + 1; }); }
    ctx.save();
    ctx.textBaseline = "alphabetic";
    ctx.lineJoin = "round";
    D.order.forEach(function (id) {
      var s = S[id], lb = s.label;
      if (zoomed && zoomed.boxes[id]) { return; }  // drawn below, at a size one can read
      var faded = em && !em.stations[id];
      if (faded && zoomed && scale * D.font < 6) { return; }  // grey specks around a zoomed-out route
      ctx.globalAlpha = faded ? 0.3 : 1;
      ctx.font = D.font + "px " + FAMILY;
      ctx.textAlign = lb[5] === "start" ? "left" : (lb[5] === "end" ? "right" : "center");
      var x = lb[5] === "start" ? lb[0] : (lb[5] === "end" ? lb[2] : (lb[0] + lb[2]) / 2);
      lb[4].forEach(function (line, i) {
        var y = lb[1] + D.font - 2 + i * D.lineHeight;
        ctx.strokeStyle = "#ffffff";
        ctx.lineWidth = 3;
        ctx.strokeText(line, x, y);
        ctx.fillStyle = "#1a1a1a";
        ctx.fillText(line, x, y);
      });
    });
    ctx.globalAlpha = 1;
    if (zoomed) {  // the route's names on a zoomed-out route: a fixed size on screen, placed apart
      var px = D.routePx, lh = px * D.lineHeight / D.font;
      ctx.font = px / scale + "px " + FAMILY;
      ctx.lineWidth = 3 / scale;
      Object.keys(zoomed.boxes).forEach(function (id) {
        var b = zoomed.boxes[id];
        ctx.textAlign = b.align === "start" ? "left" : (b.align === "end" ? "right" : "center");
        var x = b.align === "start" ? b.x0 + 1 : (b.align === "end" ? b.x1 - 1 : (b.x0 + b.x1) / 2);
        S[id].label[4].forEach(function (line, i) {
          var y = (b.y0 + px - 2 + i * lh) / scale;
          ctx.strokeStyle = "#ffffff";
          ctx.strokeText(line, x / scale, y);
          ctx.fillStyle = "#1a1a1a";
          ctx.fillText(line, x / scale, y);
        });
      });
    }
    Object.keys(number).forEach(function (id) {
      var s = S[id];
      ctx.beginPath();
      ctx.arc(s.x, s.y, Math.max(s.r + 1.5, 8.5) * u, 0, 2 * Math.PI);
      ctx.fillStyle = "#1a1a1a";
      ctx.fill();
      ctx.fillStyle = "#ffffff";
      ctx.font = "bold " + (number[id] > 9 ? 9 : 11) * u + "px " + FAMILY;
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.fillText(String(number[id]), s.x, s.y + 0.5 * u);
    });
    Object.keys(D.progress || {}).forEach(function (id) {
      // progress beside the stop: a check mark (done) or a half ring (busy)
      var s = S[id], x = s.x + (Math.max(s.r + 1.5, 8.5) + 5) * u, y = s.y - (Math.max(s.r, 7) + 3) * u;
      ctx.setLineDash([]);
      ctx.beginPath();
      ctx.arc(x, y, 6.5 * u, 0, 2 * Math.PI);
      ctx.fillStyle = "#ffffff";
      ctx.fill();
      ctx.lineWidth = 2.5 * u;
      ctx.strokeStyle = D.progress[id] === "done" ? "#2e7d32" : "#6a1b9a";
      if (D.progress[id] === "done") {
        ctx.fillStyle = "#2e7d32";
        ctx.fill();
        ctx.beginPath();
        ctx.moveTo(x - 3.2 * u, y + 0.2 * u);
        ctx.lineTo(x - 0.8 * u, y + 2.6 * u);
        ctx.lineTo(x + 3.4 * u, y - 2.4 * u);
        ctx.strokeStyle = "#ffffff";
        ctx.stroke();
      } else {
        ctx.beginPath();
        ctx.arc(x, y, 5 * u, -Math.PI / 2, Math.PI / 2);
        ctx.stroke();
      }
    });
    if (state.selected && S[state.selected]) {
      var c = S[state.selected];
      ctx.beginPath();
      ctx.arc(c.x, c.y, (c.r + 8) * u, 0, 2 * Math.PI);
      ctx.strokeStyle = "#1c5fd6";
      ctx.lineWidth = 3 * u;
      ctx.setLineDash([]);
      ctx.stroke();
    }
    ctx.restore();
  });

  // ---- the view
  function size() {
    return {w: box.clientWidth || 800, h: (document.getElementById("mynetwork").clientHeight || 600)};
  }
  function extent(ids) {
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    ids.forEach(function (id) {
      var s = S[id];
      if (!s) { return; }
      x0 = Math.min(x0, s.x - s.r, s.label[0]); x1 = Math.max(x1, s.x + s.r, s.label[2]);
      y0 = Math.min(y0, s.y - s.r, s.label[1]); y1 = Math.max(y1, s.y + s.r, s.label[3]);
    });
    return {x0: x0, y0: y0, x1: x1, y1: y1};
  }
  function show(ids, animate) {
    // fit these stations, but never smaller than the readable scale: then open on their start
    var e = extent(ids);
    if (!isFinite(e.x0)) { return; }
    var z = size(), pad = 40;
    var fit = Math.min(z.w / (e.x1 - e.x0 + 2 * pad), z.h / (e.y1 - e.y0 + 2 * pad));
    var scale = Math.min(Math.max(fit, D.minScale), Math.max(D.minScale, 1.6));
    var cx = (e.x0 + e.x1) / 2, cy = (e.y0 + e.y1) / 2;
    if (fit < D.minScale) {
      var first = S[ids[0]];
      cx = Math.min(cx, e.x0 - pad + z.w / (2 * scale));
      cy = Math.min(Math.max(cy, first.y - z.h / (2 * scale) + pad), first.y + z.h / (2 * scale) - pad);
      if (e.y1 - e.y0 + 2 * pad > z.h / scale) { cy = first.y; }
    }
    network.moveTo({position: {x: cx, y: cy}, scale: scale, animation: animate ? {duration: 350} : false});
  }
  function fitScale(ids) {
    var e = extent(ids), z = size(), pad = 40;
    return Math.min(z.w / (e.x1 - e.x0 + 2 * pad), z.h / (e.y1 - e.y0 + 2 * pad));
  }
  function fitOverview(tour) {
    // the largest scale (below the readable one) at which the route, its stops and placed names fit
    var z = size(), margin = 12, W = z.w - 2 * margin, H = z.h - 2 * margin;
    var xs = tour.stations.map(function (id) { return S[id].x; });
    var ys = tour.stations.map(function (id) { return S[id].y; });
    var ex = Math.max(Math.max.apply(null, xs) - Math.min.apply(null, xs), 1);
    var ey = Math.max(Math.max.apply(null, ys) - Math.min.apply(null, ys), 1);
    var scale = Math.min(W / ex, H / ey, D.minScale * 0.99);
    for (var i = 0; i < 40 && scale > 0.04; i++) {
      var P = placeLabels(tour, scale);
      if (!P.ok) { scale *= 0.97; continue; }  // some name found no free place: try a little smaller
      var bw = P.box.x1 - P.box.x0, bh = P.box.y1 - P.box.y0;
      if (bw <= W && bh <= H) {
        return {scale: scale, x: (P.box.x0 + P.box.x1) / (2 * scale), y: (P.box.y0 + P.box.y1) / (2 * scale)};
      }
      scale = Math.min((W - (bw - ex * scale)) / ex, (H - (bh - ey * scale)) / ey, scale * 0.97);
    }
    return null;
  }
  function fromStart(ids, animate) {
    // the readable scale, and as much of the route as fits from its first stop on
    var z = size(), pad = 40 / D.minScale, W = z.w / D.minScale, H = z.h / D.minScale, e;
    for (var k = ids.length; k >= 1; k--) {
      e = extent(ids.slice(0, k));
      if (e.x1 - e.x0 + 2 * pad <= W && e.y1 - e.y0 + 2 * pad <= H) { break; }
    }
    // shifted towards the rest of the route as far as those stops stay in view
    var all = extent(ids);
    function towards(want, lo, hi, room) {
      if (hi - lo + 2 * pad > room) { return lo - pad + room / 2; }  // wider than the screen: its start
      return Math.min(Math.max(want, hi + pad - room / 2), lo - pad + room / 2);
    }
    var cx = towards((all.x0 + all.x1) / 2, e.x0, e.x1, W), cy = towards((all.y0 + all.y1) / 2, e.y0, e.y1, H);
    network.moveTo({position: {x: cx, y: cy}, scale: D.minScale, animation: animate ? {duration: 350} : false});
  }
  function home(animate) {
    var tour = currentTour();
    var em = emphasis();
    if (tour && tour.stations.length) {
      var ids = tour.stations.concat(Object.keys(tour.lit));
      if (fitScale(ids) >= D.minScale) { show(ids, animate); return; }
      var o = Object.keys(tour.lit).length ? null : fitOverview(tour);
      if (o) {
        network.moveTo({position: {x: o.x, y: o.y}, scale: o.scale, animation: animate ? {duration: 350} : false});
      } else {
        fromStart(ids, animate);
      }
      return;
    }
    if (em) { show(Object.keys(em.stations), animate); return; }
    // the whole map is too small to read: open on its left part (start, mbo) at a readable size
    var z = size(), scale = Math.max(D.minScale, 1.0);
    network.moveTo({position: {x: -40 + z.w / (2 * scale), y: -30 + z.h / (2 * scale)}, scale: scale,
                    animation: false});
  }
  // The frame may still change size after opening (the page around it settles, a phone turns);
  // vis-network then scales the old view along, so the opening view is chosen again, until the
  // person moves the map. Deferred: vis-network sets its own camera right after the event.
  var moved = false;
  network.on("dragStart", function () { moved = true; });
  network.on("zoom", function () { moved = true; });
  network.on("resize", function () {
    setTimeout(function () { if (!moved) { if (state.scenario >= 0) { applyStep(false); } else { home(false); } } }, 0);
  });
  function keepInView(id) {
    var s = S[id], z = size(), p = network.canvasToDOM({x: s.x, y: s.y});
    if (p.x < 60 || p.y < 40 || p.x > z.w - 60 || p.y > z.h - 40) {
      moved = true;
      network.moveTo({position: {x: s.x, y: s.y}, scale: Math.max(network.getScale(), D.minScale),
                      animation: {duration: 250}});
    }
  }

  // ---- choosing a station
  function select(id) {
    state.selected = id;
    state.links = id ? D.links.filter(function (l) { return l.from === id || l.to === id; }) : [];
    if (id) { network.selectNodes([id]); showPanel(id); } else { network.unselectAll(); resetPanel(); }
    network.redraw();
  }
  function labelAt(p) {
    for (var i = 0; i < D.order.length; i++) {
      var lb = S[D.order[i]].label;
      if (p.x >= lb[0] - 2 && p.x <= lb[2] + 2 && p.y >= lb[1] - 2 && p.y <= lb[3] + 2) { return D.order[i]; }
    }
    return null;
  }
  network.on("click", function (params) {
    var id = params.nodes.length ? params.nodes[0] : labelAt(params.pointer.canvas);
    select(S[id] ? id : null);
  });
  function nearest(from, dx, dy) {
    var a = S[from], best = null, bestScore = Infinity;
    D.order.forEach(function (id) {
      if (id === from) { return; }
      var b = S[id], vx = b.x - a.x, vy = b.y - a.y;
      var along = vx * dx + vy * dy, across = Math.abs(vx * dy - vy * dx);
      if (along <= 1 || across > along * 1.5) { return; }
      var score = along + 2 * across;
      if (score < bestScore) { bestScore = score; best = id; }
    });
    return best;
  }
  box.addEventListener("keydown", function (ev) {
    var k = ev.key;
    if (state.scenario >= 0 && (k === "ArrowRight" || k === "ArrowLeft" || k === "PageDown" || k === "PageUp")) {
      step(k === "ArrowRight" || k === "PageDown" ? 1 : -1);
      ev.preventDefault();
      return;
    }
    var dirs = {ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1]};
    if (dirs[k]) {
      var next = state.selected ? nearest(state.selected, dirs[k][0], dirs[k][1]) : D.order[0];
      if (next) { select(next); keepInView(next); }
      ev.preventDefault();
    } else if (k === "Home") {
      select(D.order[0]); keepInView(D.order[0]); ev.preventDefault();
    } else if (k === "Escape") {
      select(null);
    } else if (k === "+" || k === "=") {
      zoom(1.3); ev.preventDefault();
    } else if (k === "-") {
      zoom(1 / 1.3); ev.preventDefault();
    }
  });
  function zoom(f) {
    moved = true;
    network.moveTo({scale: network.getScale() * f, animation: {duration: 200}});
  }
  function on(id, handler) { var b = document.getElementById(id); if (b) { b.addEventListener("click", handler); } }
  on("btn-zoom-in", function () { zoom(1.3); });
  on("btn-zoom-out", function () { zoom(1 / 1.3); });
  on("btn-whole", function () { moved = true; network.fit({animation: {duration: 350}}); });
  on("btn-back", function () { moved = false; home(true); });
  Array.prototype.forEach.call(document.querySelectorAll(".route-btn"), function (b) {
    b.addEventListener("click", function () {
      state.route = Number(b.getAttribute("data-route"));
      Array.prototype.forEach.call(document.querySelectorAll(".route-btn"), function (o) {
        o.setAttribute("aria-pressed", String(o === b));
      });
      moved = false;
      restyleNodes(); showRouteList(); home(true); network.redraw();
    });
  });

  // ---- scenarios (presenter mode)
  var sentence = document.getElementById("sentence");
  var counter = document.getElementById("step-count");
  function step(delta) {
    if (state.scenario < 0) { return; }
    var stops = D.scenarios[state.scenario].stops;
    state.step = Math.min(Math.max(state.step + delta, 0), stops.length - 1);
    applyStep(true);
  }
  function applyStep(animate) {
    if (state.scenario < 0) {
      if (sentence) { sentence.textContent = ""; counter.textContent = ""; }
      restyleNodes(); showRouteList(); home(animate); network.redraw();
      return;
    }
    var sc = D.scenarios[state.scenario], stop = sc.stops[state.step];
    sentence.textContent = stop.sentence;
    counter.textContent = fmt(T.step_of, {i: state.step + 1, n: sc.stops.length});
    document.getElementById("btn-prev").disabled = state.step === 0;
    document.getElementById("btn-next").disabled = state.step === sc.stops.length - 1;
    state.selected = stop.station;
    state.links = [];
    network.selectNodes([stop.station]);
    showPanel(stop.station);
    restyleNodes();
    showRouteList();
    var lit = (stop.lit || []).filter(function (id) { return S[id]; });
    if (lit.length) { show([stop.station].concat(lit), animate); } else {
      // the step just taken (previous and this station) when it fits, else this station and its name
      var before = state.step > 0 ? [sc.stops[state.step - 1].station, stop.station] : [stop.station];
      var e = extent(before), z = size(), scale = Math.max(D.minScale, 1.0);
      if ((e.x1 - e.x0 + 80) * scale > z.w || (e.y1 - e.y0 + 80) * scale > z.h) { e = extent([stop.station]); }
      network.moveTo({position: {x: (e.x0 + e.x1) / 2, y: (e.y0 + e.y1) / 2}, scale: scale,
                      animation: animate ? {duration: 400} : false});
    }
    network.redraw();
  }
  var chooser = document.getElementById("scenario");
  if (chooser) {
    chooser.addEventListener("change", function () {
      state.scenario = chooser.value === "" ? -1 : Number(chooser.value);
      state.step = 0;
      applyStep(true);
      box.focus({preventScroll: true});
    });
    on("btn-prev", function () { step(-1); });
    on("btn-next", function () { step(1); });
    document.getElementById("btn-prev").disabled = true;
    document.getElementById("btn-next").disabled = true;
  }

  window.metroView = {  // for the browser tests: what a person sees, in pixels
    // the smallest name drawn in full (not faded): a zoomed-out route's own names, else every name
    labelPx: function () {
      var o = overview();
      return o && o.ok ? D.routePx : network.getScale() * D.font;
    },
    station: function (id) { var s = S[id]; return network.canvasToDOM({x: s.x, y: s.y}); },
    route: function () { var t = currentTour(); return t ? t.stations.slice() : []; },
    scale: function () { return network.getScale(); },
    routeLabels: function () {  // [id, left, top, right, bottom] of each route name as drawn, in pixels
      var t = currentTour(), o = overview(), scale = network.getScale();
      if (!t) { return []; }
      return t.stations.map(function (id) {
        var b = o && o.boxes[id], lb = S[id].label;
        var a = b ? {x: b.x0 / scale, y: b.y0 / scale} : {x: lb[0], y: lb[1]};
        var c = b ? {x: b.x1 / scale, y: b.y1 / scale} : {x: lb[2], y: lb[3]};
        var p = network.canvasToDOM(a), q = network.canvasToDOM(c);
        return [id, p.x, p.y, q.x, q.y];
      });
    },
    selected: function () { return state.selected; },
    scenario: function () { return [state.scenario, state.step]; }
  };
  restyleNodes();
  showRouteList();
  home(false);
  if (state.route >= 0) { showPanel(D.routes[state.route].stations.slice(-1)[0]); }
})();
"""
