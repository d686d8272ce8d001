"""What a user sees in Chromium: the planner flow, the map, offline, console, accessibility."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.helpers import AXE, shot, wait_ready

STANDARD = "/?to=verzorgende-ig&region=zuid-limburg&paid=1"
PAGES = {
    "routeplanner": "/",
    "routeplanner-route": STANDARD,
    "metrokaart": "/metrokaart?to=verzorgende-ig&region=zuid-limburg&paid=1",
    "beroepen": "/beroepen?beroep=verzorgende-ig",
    "programmas": "/programmas?region=zuid-limburg",
    "coach": "/coach",
    "routeplanner-progress": STANDARD + "&done=mbo3-verzorgende-ig",
}
MAP_FRAME = "iframe[title^='Metrokaart met stations']"  # Streamlit's frame; the map is in a sandboxed frame in it


def map_frame(page):
    return page.frame_locator(MAP_FRAME).frame_locator("iframe[sandbox]")

# Streamlit's own start-up: opened on a deep link such as /metrokaart, the frontend first
# probes /metrokaart/_stcore/{health,host-config} to find its base path, gets a 404 and
# falls back to /. The browser logs those probes as console errors; they are not ours.
BASE_PATH_PROBE = re.compile(r"/[a-z]+/_stcore/(health|host-config)$")
# Violations that belong to code outside the app's pages, each with its fix; README lists them.
# Violations we accept, each explained in README.md (none at present).
KNOWN: dict[tuple[str, str], str] = {}


def choose(page, label: str, text: str) -> None:
    """Pick an option in a Streamlit selectbox the way a person does: click, type, Enter."""
    box = page.get_by_role("combobox", name=label)
    box.click()
    page.keyboard.type(text)
    page.get_by_role("option").first.wait_for()
    page.keyboard.press("Enter")
    wait_ready(page)


def params(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_planner_flow_standard_question_in_three_interactions(page, server):
    page.goto(server + "/")
    wait_ready(page)
    assert page.get_by_text("Kies waar je nu staat en welk beroep je wilt.").is_visible()
    shot(page, "01-planner-landing")

    choose(page, "Beroep dat je wilt", "verzorgende ig")  # 1
    choose(page, "Jouw regio", "zuid-limburg")  # 2
    page.get_by_text("Alleen betaald leren").click()  # 3
    wait_ready(page)

    page.get_by_role("heading", name=re.compile(r"^Route 1")).wait_for()
    assert page.get_by_text("je verdient de hele route").first.is_visible()
    assert page.get_by_text("Je start bij:").first.is_visible()
    assert params(page) == {"to": ["verzorgende-ig"], "region": ["zuid-limburg"], "paid": ["1"]}
    shot(page, "02-planner-route")

    # The link restores the same question in a fresh session.
    link = page.url
    other = page.context.new_page()
    other.goto(link)
    wait_ready(other)
    assert other.get_by_role("combobox", name="Beroep dat je wilt").input_value() == "Verzorgende IG (mbo 3)"
    assert other.get_by_role("combobox", name="Jouw regio").input_value() == "Zuid-Limburg"
    assert other.get_by_role("checkbox", name="Alleen betaald leren").is_checked()
    assert other.get_by_role("heading", name=re.compile(r"^Route 1")).is_visible()
    other.close()

    # Seen on the metro map: the route highlighted in the map's own route list.
    page.get_by_role("link", name="Bekijk op de metrokaart").first.click()
    page.wait_for_url(re.compile(r"/metrokaart\?"))
    page.get_by_text(re.compile(r"^Route 1 · ")).first.wait_for()
    wait_ready(page)
    assert params(page) == {"to": ["verzorgende-ig"], "region": ["zuid-limburg"], "paid": ["1"]}
    frame = map_frame(page)
    frame.locator("canvas").first.wait_for(timeout=30_000)
    assert frame.locator("ol.route li").count() >= 2
    shot(page, "03-map-with-route")


def test_map_draws_on_a_canvas(page, server):
    page.goto(server + PAGES["metrokaart"])
    wait_ready(page)
    frame = map_frame(page)
    canvas = frame.locator("canvas").first
    canvas.wait_for(timeout=30_000)
    box = canvas.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 300
    # Something is drawn: the canvas is not one flat colour.
    colours = canvas.evaluate(
        """c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                  const seen = new Set();
                  for (let i = 0; i < d.length; i += 4 * 97) seen.add(d[i] + ',' + d[i+1] + ',' + d[i+2]);
                  return seen.size; }"""
    )
    assert colours > 5
    shot(page, "04-map")

    # Hovering and clicking a station still work (scripts run in the sandbox).
    details = frame.locator("#metro-details")
    hint = details.inner_text()
    point = frame.locator("#mynetwork").evaluate(
        """() => { const id = Object.keys(JSON.parse(document.getElementById('metro-data').textContent).stations)
                     .find(k => network.getPositions([k])[k]);
                   const p = network.canvasToDOM(network.getPositions([id])[id]);
                   return {x: p.x, y: p.y, name: JSON.parse(document.getElementById('metro-data').textContent)
                     .stations[id].name}; }"""
    )
    canvas.hover(position={"x": point["x"], "y": point["y"]})
    frame.locator("div.vis-tooltip").wait_for(state="visible", timeout=5_000)  # hover shows the station's tooltip
    canvas.click(position={"x": point["x"], "y": point["y"]})
    frame.locator("#metro-details h2", has_text=point["name"]).wait_for(timeout=5_000)
    assert details.inner_text() != hint
    # The frame has an opaque origin: no access to the app around it.
    reach_out = "() => { try { return parent.document && 'open'; } catch (e) { return 'blocked'; } }"
    assert frame.locator("body").evaluate(reach_out) == "blocked"


def test_language_switch_in_the_sidebar(page, server):
    page.goto(server + STANDARD + "&group=side-entrant&sort=cheapest")
    wait_ready(page)
    assert page.get_by_role("radio", name="Goedkoopste").is_checked()
    page.get_by_text("English", exact=True).click()
    wait_ready(page)
    page.get_by_role("heading", name="Route planner").wait_for()
    assert params(page).get("lang") == ["en"]
    assert params(page).get("to") == ["verzorgende-ig"], "the question survives the switch"
    # Choices labelled in the language show their new label, not the old one or none.
    assert page.get_by_role("radio", name="Cheapest").is_checked()
    group = page.get_by_role("combobox", name="Your situation")
    assert group.input_value() == "career changer (from another field)"
    shot(page, "05-planner-english")


def test_hostile_link_shows_a_friendly_warning(page, server):
    page.goto(server + "/?to=%3Cscript%3Ealert(1)%3C%2Fscript%3E&months=-5&k=99999")
    wait_ready(page)
    alert = page.get_by_test_id("stAlertContentWarning")
    assert alert.is_visible()
    assert "<script>" in alert.inner_text(), "the bad value is shown back as text"
    assert page.evaluate("() => document.querySelectorAll('script:not([src])').length") < 50
    assert not page.recorder.page_errors
    shot(page, "06-hostile-link")


def test_phone_layout(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.goto(server + STANDARD)
    wait_ready(phone)
    phone.get_by_role("heading", name=re.compile(r"^Route 1")).wait_for()
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390 + 1, "no sideways scrolling on a phone"
    shot(phone, "07-phone-planner")
    context.close()


def test_nothing_leaves_the_machine_and_no_console_errors(page, server):
    for name, path in PAGES.items():
        page.goto(server + path)
        wait_ready(page)
        if name == "metrokaart":
            map_frame(page).locator("canvas").first.wait_for(timeout=30_000)
            page.wait_for_timeout(500)
    outside = []
    for url in page.recorder.requests:
        parts = urlsplit(url)
        if parts.scheme in ("data", "about", "blob"):
            continue
        if parts.hostname not in ("127.0.0.1", "localhost"):
            outside.append(url)
    assert outside == []
    errors = [(text, url) for text, url in page.recorder.console_errors if not BASE_PATH_PROBE.search(url)]
    assert errors == []
    assert page.recorder.page_errors == []


def run_axe(page) -> list[dict]:
    """axe-core in the page and in the map's frame; WCAG 2.0/2.1 A and AA rules."""
    # Evaluated through the browser's debugging protocol, which a page's Content Security
    # Policy does not govern: a <script> tag into the map's frame is refused (rightly), and
    # bypass_csp alone did not always reach the map's nested, sandboxed frame.
    source = AXE.read_text(encoding="utf-8")
    for frame in page.frames:
        frame.evaluate(source)
    result = page.evaluate(
        """async () => await axe.run(document, {
               runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
               iframes: true, resultTypes: ['violations']})"""
    )
    return result["violations"]


@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_accessibility_violations(browser, server, name):
    assert AXE.exists(), "axe-core is missing: run `npm ci` (or bash scripts/setup.sh --dev)"
    # The map's Content Security Policy lets only its own scripts run: axe is let in on purpose.
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="nl-NL", bypass_csp=True)
    page = context.new_page()
    page.goto(server + PAGES[name])
    wait_ready(page)
    if name == "metrokaart":
        map_frame(page).locator("canvas").first.wait_for(timeout=30_000)
    report, known = [], []
    for v in run_axe(page):
        if v["impact"] not in ("serious", "critical"):
            continue
        for node in v["nodes"]:
            entry = {"id": v["id"], "impact": v["impact"], "help": v["help"], "target": node["target"]}
            (known if (v["id"], node["target"][-1]) in KNOWN else report).append(entry)
    path = shot(page, f"axe-{name}").with_suffix(".json")
    path.write_text(json.dumps({"violations": report, "known": known}, indent=2), encoding="utf-8")
    context.close()
    assert report == []
