"""The interactive metro map as one self-contained HTML page (pyvis / vis-network).

:func:`map_html` places every station of a :class:`~routes.layout.Layout` at its
fixed position (physics off), draws each line in its colour and the steps off the
lines as thin dashed connections. Clicking a station fills a details panel beside
the map. Everything the browser needs is in the page itself: vis-network is
inlined (``cdn_resources="in_line"``) and pyvis's Bootstrap links are removed, so
the map works in a classroom without internet.

Safety: node and edge data reach the page through JSON (``tojson``, which escapes
``<``, ``>`` and ``&``); the details panel is filled with ``textContent``; tooltips
are plain text (never ``href``, which would switch pyvis to ``innerHTML``).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections.abc import Collection, Sequence
from dataclasses import replace

from .dataset import Dataset
from .errors import UnknownStation
from .explain import describe_months
from .layout import COLUMN_LABELS, STATION_KIND_LABELS, Layout, Segment, station_rows

__all__ = ["map_html", "sandboxed", "with_csp"]

DIM = "#dcdcdc"
DIM_BORDER = "#c4c4c4"
DIM_TEXT = "#a6a6a6"
ROUTE_LATERAL = "#2b2b2b"
LATERAL = "#c8c8c8"
REVEALED = "#6f6f6f"
NEUTRAL = "#8c8c8c"
START = "#3a3a3a"
INK = "#1a1a1a"

SHAPES = {"start": "triangle", "qualification": "dot", "certificate": "diamond", "function": "square"}

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
        "Een witte halte is een overstapstation. Een stippellijn is een stap buiten de lijn.",
        "map": "Metrokaart. Klik op een halte voor meer informatie. De lijst met alle haltes staat onder de kaart.",
        "details": "Over deze halte",
        "now": "meteen",
        "no_line": "Niet op een lijn",
        "route": "Uw route",
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
        "A white station is an interchange. A dashed line is a step off the lines.",
        "map": "Metro map. Click a station for details. The list of all stations is below the map.",
        "details": "About this station",
        "now": "straight away",
        "no_line": "Not on a line",
        "route": "Your route",
    },
}

STEP_KINDS_EN = {
    "access": "start working",
    "bbl": "BBL (work and learn)",
    "bol": "BOL (school and placement)",
    "voltijd": "full-time",
    "deeltijd": "part-time",
    "duaal": "dual (study and work)",
    "verkort": "shortened programme",
    "combi": "combined programme",
    "evc": "recognition of prior learning",
    "certificaat": "certificate",
    "werkervaring": "work experience",
    "inservice": "training by your employer",
    "post-initieel": "further training",
    "toelatingstoets": "admission test",
    "erkenning": "diploma recognition",
    "programma": "regional programme",
    "orientatie": "orientation",
}

# pyvis's template links Bootstrap from a CDN and prints an (empty) heading twice.
_EXTERNAL = re.compile(
    r"<link\b[^>]*\bhref=[\"']https?://[^>]*>|<script\b[^>]*\bsrc=[\"']https?://[^>]*>\s*</script>", re.IGNORECASE
)
_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.IGNORECASE)


def _months(low: int | None, high: int | None, lang: str) -> str:
    if low is None or high is None:
        return ""
    return describe_months(low, high, lang)


def _roundness(bow: float) -> float:
    """vis-network's curvedCW roundness whose curve bows ``bow`` (a fraction of the length) from the chord."""
    bow = min(max(bow, 0.0), 0.49)
    low, high = 0.0, 1.0
    for _ in range(40):
        mid = (low + high) / 2
        if (0.5 * mid + 0.5) * math.sin(0.5 * mid * math.pi) / 2 < bow:
            low = mid
        else:
            high = mid
    return round((low + high) / 2, 4)


def _smooth(seg: Segment, length: float, lane_px: float) -> dict:
    """Curve for a segment drawn from its left end to its right end (negative lane/bend: above)."""
    if seg.lateral:
        return {"enabled": True, "type": "curvedCW", "roundness": 0.12}
    offset = seg.bend * length if seg.bend else seg.lane * lane_px
    if not offset or length == 0:
        return {"enabled": False}
    return {
        "enabled": True,
        "type": "curvedCW" if offset < 0 else "curvedCCW",  # for a left-to-right edge, CW bows upwards
        "roundness": _roundness(abs(offset) / length),
    }


def _json_for_script(value: object) -> str:
    """JSON that is safe inside <script>: no '<', '>' or '&' can close the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def map_html(
    dataset: Dataset,
    layout: Layout,
    *,
    highlight: Sequence[str] = (),
    lines: Collection[str] | None = None,
    presenter: bool = False,
    lang: str = "nl",
) -> str:
    """The metro map as a self-contained HTML page (about 0.7 MB: cache it).

    Parameters
    ----------
    dataset, layout : the data and its :func:`~routes.layout.metro_layout`.
    highlight : station ids of a route, in order. Its stations and the connections
        between consecutive ones are drawn thick and in full colour, the rest grey.
    lines : only these lines (ids); other lines' segments are left out and their
        stations greyed. ``None``: all lines.
    presenter : large labels and stations, for a projector.
    lang : ``"nl"`` or ``"en"`` for the texts around the map (names stay Dutch).

    Raises
    ------
    UnknownStation : a highlighted station or a line id that is not on the map.
    """
    from pyvis.network import Network

    text = TEXT.get(lang, TEXT["nl"])
    kind_labels = STATION_KIND_LABELS.get(lang, STATION_KIND_LABELS["nl"])
    column_labels = COLUMN_LABELS.get(lang, COLUMN_LABELS["nl"])
    track_ids = [t.id for t in layout.lines]
    line_colour = {t.id: t.colour for t in layout.lines}
    line_name = {t.id: t.name for t in layout.lines}
    route = list(dict.fromkeys(highlight))
    for sid in route:
        layout.station(sid)  # raises UnknownStation with suggestions
    if lines is not None:
        for lid in lines:
            if lid not in line_colour:
                raise UnknownStation(lid, [t for t in track_ids if lid in t or t in lid][:3])
    active = set(track_ids) if lines is None else set(lines)
    on_route = set(route)
    route_pairs = {frozenset(p) for p in zip(highlight, list(highlight)[1:], strict=False) if p[0] != p[1]}
    dimming = bool(route)

    sx, sy = (175.0, 170.0) if presenter else (135.0, 126.0)
    font_size = 24 if presenter else 15
    size = 14 if presenter else 9
    line_width = 10 if presenter else 7
    lane_px = line_width + 2

    def shown(station) -> bool:
        return station.id in on_route or bool(set(station.lines) & active) or (lines is None and not dimming)

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", bgcolor="#ffffff")
    for st in layout.stations:
        lit = shown(st) and (not dimming or st.id in on_route)
        own = [lid for lid in st.lines if lid in active] or list(st.lines)
        if st.interchange:
            fill, border, width = "#ffffff", INK, 3
        elif st.lines:
            fill = border = line_colour[own[0]]
            width = 2
        else:
            fill, border, width = ("#ffffff", START, 3) if st.kind == "start" else ("#ffffff", NEUTRAL, 2)
        if not lit:
            fill = "#ffffff" if st.interchange or not st.lines else DIM
            border, width = DIM_BORDER, width
        title_lines = [st.name, f"{kind_labels[st.kind]} · {column_labels[st.column]}"]
        if st.lines:
            title_lines.append(f"{text['lines']}: " + ", ".join(line_name[lid] for lid in st.lines))
        node_size = size * (1.45 if st.interchange else 1.0) * (1.35 if st.id in on_route else 1.0)
        net.add_node(
            st.id,
            label=st.label,
            shape=SHAPES[st.kind],
            color={
                "background": fill,
                "border": border,
                "highlight": {"background": fill, "border": "#000000"},
                "hover": {"background": fill, "border": "#000000"},
            },
            borderWidth=width,
            borderWidthSelected=width + 2,
            size=round(node_size * (0.8 if st.kind in ("certificate", "start") else 1.0), 2),
            title="\n".join(title_lines),
            x=round(st.x * sx, 1),
            y=round(st.y * sy, 1),
            fixed={"x": True, "y": True},
            physics=False,
            font={
                "size": round(font_size * (1.15 if st.id in on_route else 1.0)),
                "color": INK if lit else DIM_TEXT,
                "face": "Arial, Helvetica, sans-serif",
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
            },
            widthConstraint={"maximum": round(sx * 0.92)},
            state="route" if st.id in on_route else ("normal" if lit else "dim"),
            kind=st.kind,
        )

    positions = {st.id: (st.x * sx, st.y * sy) for st in layout.stations}
    # lanes among the lines that are shown: a line running alone is drawn straight
    sharing: dict[frozenset, list[str]] = {}
    for seg in layout.segments:
        if not seg.lateral and seg.line in active:
            sharing.setdefault(frozenset((seg.source, seg.target)), []).append(seg.line)
    drawn_pairs: set[frozenset] = set()
    for index, seg in enumerate(layout.segments):
        pair = frozenset((seg.source, seg.target))
        in_route = pair in route_pairs
        (ax, ay), (bx, by) = positions[seg.source], positions[seg.target]
        length = math.hypot(bx - ax, by - ay)
        if seg.lateral:
            a, b = layout.station(seg.source), layout.station(seg.target)
            if not in_route and (not (shown(a) and shown(b)) or (lines is not None and not (a.lines and b.lines))):
                continue
            kinds = ", ".join(_kind_label(k, lang) for k in seg.kinds)
            months = _months(seg.months_min, seg.months_max, lang)
            colour = ROUTE_LATERAL if in_route else (DIM if dimming else LATERAL)
            width = line_width * 0.6 if in_route else 1.2
            title = f"{a.name} → {b.name}\n{kinds}" + (f" · {months}" if months else "")
            arrows = {"to": {"enabled": True, "scaleFactor": 0.9 if in_route else 0.45}}
            dashes = [10, 6] if in_route else [5, 5]
            # steps from start positions fan out over the whole map: shown when the start is clicked
            hidden = a.kind == "start" and not in_route
        else:
            if seg.line not in active:
                continue
            shared = sharing[pair]
            seg = replace(seg, lane=shared.index(seg.line) - (len(shared) - 1) / 2)
            colour = seg.colour if (in_route or not dimming) else DIM
            width = line_width * (1.5 if in_route else 1.0)
            title = line_name[seg.line]
            arrows = {"to": {"enabled": False}}
            dashes = False
            hidden = False
        if in_route:
            drawn_pairs.add(pair)
        net.add_edge(
            seg.source,
            seg.target,
            id=f"s{index}",
            color={"color": colour, "highlight": colour, "hover": colour, "inherit": False},
            width=round(width, 2),
            dashes=dashes,
            smooth=_smooth(seg, length, lane_px),
            arrows=arrows,
            title=title,
            line=seg.line,
            lateral=seg.lateral,
            state="route" if in_route else ("dim" if dimming else "normal"),
            hidden=hidden,
        )
    # a route step with no segment on the map (e.g. a regular programme opened by an admission level)
    for i, (u, v) in enumerate(zip(route, route[1:], strict=False)):
        if frozenset((u, v)) not in drawn_pairs:
            net.add_edge(
                u,
                v,
                id=f"r{i}",
                color={"color": ROUTE_LATERAL, "highlight": ROUTE_LATERAL, "hover": ROUTE_LATERAL, "inherit": False},
                width=round(line_width * 0.6, 2),
                dashes=[10, 6],
                smooth={"enabled": True, "type": "curvedCW", "roundness": 0.12},
                arrows={"to": {"enabled": True, "scaleFactor": 0.9}},
                title=f"{layout.station(u).name} → {layout.station(v).name}",
                line=None,
                lateral=True,
                state="route",
            )

    # two invisible corner points, so "fit" also shows the column heads and the line names
    xs = [p[0] for p in positions.values()] or [0.0]
    ys = [p[1] for p in positions.values()] or [0.0]
    right = max([xs[-1]] + [max(positions[s][0] for s in t.stations) for t in layout.lines if t.stations])
    for frame_id, fx, fy in (
        ("frame:top-left", min(xs) - sx * 0.5, min(ys) - sy * 0.75),
        ("frame:bottom-right", right + sx * 2.2, max(ys) + sy * 0.5),
    ):
        net.add_node(
            frame_id,
            label=" ",
            shape="dot",
            size=1,
            color={"background": "rgba(0,0,0,0)", "border": "rgba(0,0,0,0)"},
            x=round(fx, 1),
            y=round(fy, 1),
            fixed={"x": True, "y": True},
            physics=False,
            chosen=False,
            kind="frame",
        )

    net.options = {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "interaction": {
            "dragNodes": False,
            "hover": True,
            "tooltipDelay": 120,
            "navigationButtons": True,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "multiselect": False,
            "zoomSpeed": 0.6,
        },
        "edges": {"selectionWidth": 0, "hoverWidth": 0},
        "nodes": {"chosen": {"label": False}},
    }
    page = net.generate_html()
    page = _EXTERNAL.sub("", page)
    page = _HEADING.sub("", page)

    panel = _panel_data(dataset, layout, lang, line_colour, line_name, kind_labels, column_labels)
    extras = {
        "stations": panel,
        "columns": [
            {"x0": c.x_min * sx - sx * 0.45, "x1": c.x_max * sx + sx * 0.45, "label": column_labels[c.index]}
            for c in layout.columns
        ],
        "tracks": [
            {
                "name": t.name,
                "colour": t.colour,
                "x": positions[_terminus(layout, t)][0] + sx * 0.35,
                "y": positions[_terminus(layout, t)][1],
                "shown": t.id in active,
            }
            for t in layout.lines
            if t.stations
        ],
        "top": min((p[1] for p in positions.values()), default=0.0) - sy * 0.7,
        "bottom": max((p[1] for p in positions.values()), default=0.0) + sy * 0.6,
        "route": route,
        "revealed": {"color": REVEALED, "highlight": REVEALED, "hover": REVEALED, "inherit": False},
        "font": font_size,
        "text": {k: text[k] for k in ("hint", "lines", "interchange", "from", "to", "none", "no_line", "details")},
    }
    legend = "".join(
        f'<li><span class="swatch" style="background:{t.colour}"></span>{html.escape(t.name)}</li>'
        for t in layout.lines
        if t.id in active
    )
    route_list = ""
    if route:
        items = "".join(f"<li>{html.escape(layout.station(s).name)}</li>" for s in route)
        route_list = f'<h3>{html.escape(text["route"])}</h3><ol class="route">{items}</ol>'
    head = f"<style>{_CSS}</style>"
    body = (
        '<div id="metro-panel" class="metro-panel' + (" presenter" if presenter else "") + '" tabindex="0" '
        f'role="region" aria-label="{html.escape(text["details"])}">'
        f'<section aria-live="polite" id="metro-details"><h2>{html.escape(text["details"])}</h2>'
        f'<p class="hint">{html.escape(text["hint"])}</p></section>'
        f"{route_list}"
        f'<h3>{html.escape(text["legend"])}</h3><ul class="legend">{legend}</ul>'
        f'<p class="shapes">{html.escape(text["shapes"])}</p>'
        "</div>"
        f'<script type="application/json" id="metro-data">{_json_for_script(extras)}</script>'
        f"<script>{_SCRIPT}</script>"
    )
    page = page.replace("</head>", head + "</head>", 1)
    page = page.replace(
        '<div id="mynetwork" class="card-body"></div>',
        f'<div id="mynetwork" class="card-body" role="img" aria-label="{html.escape(text["map"])}"></div>',
        1,
    )
    page = page.replace('<div class="card" style="width: 100%">', '<div class="metro-wrap"><div class="card">', 1)
    page = _close_wrap(page, body)
    return with_csp(page)


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


def _close_wrap(page: str, body: str) -> str:
    """Put the details panel beside the canvas (inside the wrapper) and the scripts at the end."""
    marker = '<div id="mynetwork"'
    start = page.index(marker)
    end = page.index("</div>", start) + len("</div>")  # end of #mynetwork
    end = page.index("</div>", end) + len("</div>")  # end of .card
    panel_end = body.index("</div>") + len("</div>")
    panel, scripts = body[:panel_end], body[panel_end:]
    page = page[:end] + panel + "</div>" + page[end:]
    return page.replace("</body>", scripts + "</body>", 1)


def _terminus(layout: Layout, track) -> str:
    """The rightmost station on the line's own track: its name badge goes right of it."""
    own = [s for s in track.stations if layout.station(s).y == track.y] or list(track.stations)
    return max(own, key=lambda s: layout.station(s).x)


def _kind_label(kind: str, lang: str) -> str:
    if lang == "en":
        return STEP_KINDS_EN.get(kind, kind)
    from .render import KIND_LABELS

    return KIND_LABELS.get(kind, kind)


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
                [c["name"], _kind_label(c["kind"], lang), _months(c["months_min"], c["months_max"], lang)]
                for c in row["connections"]
                if c["direction"] == "from"
            ],
            "to": [
                [c["name"], _kind_label(c["kind"], lang), _months(c["months_min"], c["months_max"], lang)]
                for c in row["connections"]
                if c["direction"] == "to"
            ],
        }
    return data


_CSS = """
html, body { margin: 0; padding: 0; font-family: Arial, Helvetica, sans-serif; color: #1a1a1a; background: #fff; }
*, *::before, *::after { box-sizing: border-box; }
.metro-wrap { display: flex; flex-wrap: wrap; gap: 12px; align-items: stretch; }
.metro-wrap .card { flex: 1 1 640px; min-width: 320px; }
#mynetwork { float: none !important; width: 100% !important; height: 78vh !important; min-height: 460px;
  border: 1px solid #d0d0d0 !important; border-radius: 6px; }
.metro-panel { flex: 0 1 300px; min-width: 240px; max-height: 78vh; overflow-y: auto; font-size: 15px;
  line-height: 1.4; padding: 4px 8px; }
.metro-panel.presenter { font-size: 22px; flex-basis: 380px; }
.metro-panel h2 { font-size: 1.2em; margin: 0.2em 0 0.4em; }
.metro-panel h3 { font-size: 1.05em; margin: 0.9em 0 0.3em; }
.metro-panel ul, .metro-panel ol { margin: 0.2em 0; padding-left: 1.2em; }
.metro-panel ul.legend { list-style: none; padding-left: 0; }
.metro-panel .swatch { display: inline-block; width: 1.6em; height: 0.55em; border-radius: 0.3em;
  margin-right: 0.5em; vertical-align: middle; }
.metro-panel .hint, .metro-panel .shapes { color: #444; }
.metro-panel .muted { color: #555; }
@media (max-width: 960px) {
  /* Narrow screens: the panel goes under the map; both must fit in the frame. */
  #mynetwork { height: 60vh !important; min-height: 320px; }
  .metro-panel { flex-basis: 100%; max-height: 34vh; }
}
.vis-tooltip { white-space: pre-line !important; font-family: Arial, Helvetica, sans-serif !important;
  font-size: 14px !important; max-width: 320px; }
"""

# Fills the details panel with textContent only; draws level columns and line names on the canvas.
_SCRIPT = """
(function () {
  var data = JSON.parse(document.getElementById("metro-data").textContent);
  var panel = document.getElementById("metro-details");
  var T = data.text;
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }
  function reset() {
    panel.replaceChildren(el("h2", T.details), el("p", T.hint, "hint"));
  }
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
  function show(id) {
    var s = data.stations[id];
    if (!s) { reset(); return; }
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
  var revealed = [];
  function reveal(id) {
    // show the hidden connections of the chosen station (steps from a start position)
    var update = revealed.map(function (e) { return {id: e.id, hidden: e.hidden, color: e.color, width: e.width}; });
    revealed = [];
    if (id !== null) {
      edges.get({filter: function (e) { return e.lateral && (e.from === id || e.to === id); }}).forEach(function (e) {
        revealed.push(e);
        update.push({id: e.id, hidden: false, color: data.revealed, width: 2});
      });
    }
    if (update.length) { edges.update(update); }
  }
  network.on("click", function (params) {
    if (params.nodes.length && data.stations[params.nodes[0]]) {
      show(params.nodes[0]);
      reveal(params.nodes[0]);
    } else {
      reset();
      reveal(null);
    }
  });
  network.on("beforeDrawing", function (ctx) {
    ctx.save();
    data.columns.forEach(function (c, i) {
      ctx.fillStyle = i % 2 ? "#f4f6f8" : "#fbfbfc";
      ctx.fillRect(c.x0, data.top, c.x1 - c.x0, data.bottom - data.top);
      ctx.fillStyle = "#4a4a4a";
      ctx.font = "bold " + Math.round(data.font * 1.25) + "px Arial, Helvetica, sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "top";
      ctx.fillText(c.label, (c.x0 + c.x1) / 2, data.top + data.font * 0.4);
    });
    ctx.restore();
  });
  network.on("afterDrawing", function (ctx) {
    ctx.save();
    ctx.font = "bold " + Math.round(data.font * 1.05) + "px Arial, Helvetica, sans-serif";
    ctx.textBaseline = "middle";
    ctx.textAlign = "left";
    data.tracks.forEach(function (t) {
      if (!t.shown) { return; }
      var w = ctx.measureText(t.name).width + data.font;
      var h = data.font * 1.6;
      ctx.fillStyle = t.colour;
      ctx.beginPath();
      if (ctx.roundRect) { ctx.roundRect(t.x, t.y - h / 2, w, h, h / 2); } else { ctx.rect(t.x, t.y - h / 2, w, h); }
      ctx.fill();
      ctx.fillStyle = "#ffffff";
      ctx.fillText(t.name, t.x + data.font / 2, t.y);
    });
    ctx.restore();
  });
  if (data.route.length) {
    network.fit({nodes: data.route, animation: false});
    show(data.route[data.route.length - 1]);
  } else {
    network.fit({animation: false});
  }
})();
"""
