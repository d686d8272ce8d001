"""The metro map as people use it: readable at the opening zoom, a click on a station always lands,
a route view, presenter mode on a projector stepped through with the keyboard, and a phone.

Screenshots go to ``artifacts/`` (map-default, map-route, map-presenter, map-phone).
"""

from __future__ import annotations

import re

import pytest

from tests.browser.helpers import ARTIFACTS, shot, wait_ready

MAP_FRAME = "iframe[title^='Metrokaart met stations']"
ROUTE = "/metrokaart?from=vmbo-kb&to=mbo-verpleegkundige"


def open_map(browser, server, path: str, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
    page = context.new_page()
    page.goto(server + path)
    wait_ready(page)
    frame = page.frame_locator(MAP_FRAME).frame_locator("iframe[sandbox]")
    frame.locator("canvas").first.wait_for(timeout=30_000)
    frame.locator("#mapbox").evaluate("() => window.metroView !== undefined")
    return context, page, frame


def visible_stations(page, frame) -> list[tuple[str, str, float, float]]:
    """(id, name, x, y) in page coordinates of every station drawn inside the visible part of the map."""
    canvas = frame.locator("canvas").first.bounding_box()
    inner = frame.locator("#mapbox").evaluate(
        """() => { const D = JSON.parse(document.getElementById('metro-data').textContent);
                   return D.order.map(id => [id, D.panel[id].name, metroView.station(id)]); }"""
    )
    view = page.viewport_size
    found = []
    for sid, name, p in inner:
        x, y = canvas["x"] + p["x"], canvas["y"] + p["y"]
        inside_canvas = canvas["x"] + 30 < x < canvas["x"] + canvas["width"] - 30 and canvas["y"] + 30 < y
        if inside_canvas and y < canvas["y"] + canvas["height"] - 30 and 40 < y < view["height"] - 40:
            found.append((sid, name, x, y))
    return found


@pytest.mark.parametrize("width,height", [(1400, 900), (1280, 720)])
def test_a_click_on_a_station_opens_its_panel_with_the_map_partly_scrolled(browser, server, width, height):
    context, page, frame = open_map(browser, server, "/metrokaart", width, height)
    try:
        assert frame.locator("#mapbox").evaluate("() => metroView.labelPx()") >= 11  # readable as it opens
        # scroll the page so the top of the map is out of sight, as a person reading on would
        page.mouse.move(width / 2, height / 2)
        for _ in range(12):
            if frame.locator("canvas").first.bounding_box()["y"] < 0:
                break
            page.mouse.wheel(0, 150)
            page.wait_for_timeout(120)
            if frame.locator("canvas").first.bounding_box()["y"] < 60:  # the wheel may pan the map instead
                break
        page.evaluate(
            """() => { const f = document.querySelector("iframe[title^='Metrokaart met stations']");
                       const boxes = '[data-testid=stMain], [data-testid=stAppViewContainer]';
                       for (const el of document.querySelectorAll(boxes)) {
                         if (el.scrollHeight > el.clientHeight) { el.scrollTop += f.getBoundingClientRect().top + 80; }
                       } }"""
        )
        page.wait_for_timeout(300)
        assert frame.locator("canvas").first.bounding_box()["y"] < 0, "the map's top is scrolled out of sight"
        stations = visible_stations(page, frame)
        assert len(stations) >= 3
        for sid, name, x, y in stations[:3]:
            page.mouse.click(x, y)  # where the person sees it: no scrolling into view first
            frame.locator("#metro-details h2", has_text=name).wait_for(timeout=5_000)
            assert frame.locator("#mapbox").evaluate("() => metroView.selected()") == sid
        shot(page, f"map-click-{width}x{height}")
    finally:
        context.close()


def test_keyboard_users_move_from_station_to_station(browser, server):
    context, page, frame = open_map(browser, server, "/metrokaart", 1400, 900)
    try:
        box = frame.locator("#mapbox")
        box.press("ArrowRight")  # the first station
        first = box.evaluate("() => metroView.selected()")
        assert first
        box.press("ArrowRight")
        second = box.evaluate("() => metroView.selected()")
        assert second and second != first
        assert frame.locator("#metro-details h2").inner_text() != "Over deze halte"
        box.press("Escape")
        assert box.evaluate("() => metroView.selected()") is None
        shot(page, "map-default")
    finally:
        context.close()


def test_route_view_opens_on_the_route_and_switches_without_reloading(browser, server):
    context, page, frame = open_map(browser, server, ROUTE, 1400, 900)
    try:
        assert frame.locator("#mapbox").evaluate("() => metroView.labelPx()") >= 11
        route_stations = frame.locator("ol.route li").all_inner_texts()
        assert route_stations[0].startswith("Vmbo kaderberoeps") and "verpleegkundige" in route_stations[-1].lower()
        shot(page, "map-route")
        buttons = frame.locator(".route-btn")
        if buttons.count() > 1:
            frame.locator("#mapbox").evaluate("() => { window.__same = 'page'; }")
            buttons.nth(1).click()
            assert buttons.nth(1).get_attribute("aria-pressed") == "true"
            assert frame.locator("#mapbox").evaluate("() => window.__same") == "page", "the page was not reloaded"
    finally:
        context.close()


@pytest.mark.parametrize("width,height", [(1280, 720), (1920, 1080)])
def test_presenter_mode_fills_the_screen_and_steps_through_a_scenario_with_the_keyboard(
    browser, server, width, height
):
    context, page, frame = open_map(browser, server, "/metrokaart?presenter=1", width, height)
    try:
        assert not page.locator("[data-testid=stSidebar]").is_visible(), "no sidebar in presenter mode"
        canvas = frame.locator("canvas").first.bounding_box()
        assert canvas["height"] >= height * 0.6 and canvas["width"] >= width * 0.9, "the map fills the screen"
        assert canvas["y"] < height * 0.4, "the map starts near the top"
        frame.locator("#scenario").select_option(label="Van vmbo-kb naar verpleegkundige")
        box = frame.locator("#mapbox")
        assert box.evaluate("() => metroView.labelPx()") >= 24  # readable from the back of the room
        sentence = frame.locator("#sentence")
        assert "vmbo" in sentence.inner_text().lower()
        assert re.match(r"Stap 1 van \d", frame.locator("#step-count").inner_text())
        box.press("ArrowRight")
        assert frame.locator("#step-count").inner_text().startswith("Stap 2 van")
        assert box.evaluate("() => metroView.scenario()")[1] == 1
        second = sentence.inner_text()
        assert second and "duurt" in second
        box.press("ArrowRight")
        box.press("ArrowLeft")
        assert frame.locator("#step-count").inner_text().startswith("Stap 2 van") and sentence.inner_text() == second
        assert box.evaluate("() => metroView.labelPx()") >= 24
        # the buttons do the same, and they are large enough to hit on a digiboard
        previous = frame.locator("#btn-prev")
        assert previous.bounding_box()["height"] >= 44
        previous.click()
        assert frame.locator("#step-count").inner_text().startswith("Stap 1 van")
        page.screenshot(path=str(ARTIFACTS / f"map-presenter-{width}x{height}.png"))  # the screen, as projected
    finally:
        context.close()


def test_on_a_phone_the_map_opens_readable_on_the_route(browser, server):
    context, page, frame = open_map(browser, server, ROUTE, 390, 844)
    try:
        box = frame.locator("#mapbox")
        assert box.evaluate("() => metroView.labelPx()") >= 11
        assert visible_stations(page, frame), "the route's start is in view"
        assert page.get_by_role("link", name=re.compile("kaart als lijst")).is_visible() or page.get_by_role(
            "link", name=re.compile("kaart als lijst")
        ).count()
        shot(page, "map-phone")
    finally:
        context.close()
