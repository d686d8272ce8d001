"""A long route on the metro map opens whole and readable: every stop and every stop's name inside
the visible map, names at least 11 px, for the chosen route and for each alternative switched to
in the page; on a phone, where it cannot fit, it opens readable on its first stop.

Screenshots go to ``artifacts/`` (map-fit-*).
"""

from __future__ import annotations

import time

import pytest

from tests.browser.helpers import ARTIFACTS
from tests.browser.test_map import open_map

# vmbo-bb to verpleegkundig-specialist: 5 or 6 stops from the start column to wo/master, about
# 4500 x 1900 map units: more than three times what a laptop's map shows at the readable scale.
LONG = "/metrokaart?from=vmbo-bb&to=verpleegkundig-specialist"

# Every route stop and name, in pixels of the map's canvas, and the smallest name size drawn in full.
VIEW = """(_, i) => {
  const D = JSON.parse(document.getElementById('metro-data').textContent);
  const canvas = document.querySelector('#mynetwork canvas');
  return {w: canvas.clientWidth, h: canvas.clientHeight, px: metroView.labelPx(),
          stops: D.routes[i].stations.map(id => [id, metroView.station(id)]),
          names: metroView.routeLabels ? metroView.routeLabels() : []};
}"""


def problems(box, route: int) -> list[str]:
    """What keeps route ``route`` (0-based) from being wholly in view and readable; [] when nothing."""
    view = box.evaluate(VIEW, route)
    w, h = view["w"], view["h"]
    found = []
    if view["px"] < 11:
        found.append(f"names are {view['px']:.1f} px")
    for sid, p in view["stops"]:
        if not (0 <= p["x"] <= w and 0 <= p["y"] <= h):
            found.append(f"stop {sid} at ({p['x']:.0f}, {p['y']:.0f}) is outside the {w}x{h} map")
    names = view["names"]
    if [n[0] for n in names] != [sid for sid, _ in view["stops"]]:
        found.append("the names drawn are not those of this route")
    for sid, x0, y0, x1, y1 in names:
        if not (-1 <= x0 and x1 <= w + 1 and -1 <= y0 and y1 <= h + 1):
            found.append(f"the name of {sid} ({x0:.0f}, {y0:.0f}, {x1:.0f}, {y1:.0f}) is cut off")
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]:
                found.append(f"the names of {a[0]} and {b[0]} overlap")
    return found


def settled(box, route: int, seconds: float = 5.0) -> list[str]:
    """``problems`` once the view has stopped moving (switching routes animates), or the last ones seen."""
    deadline = time.monotonic() + seconds
    while True:
        found = problems(box, route)
        if not found or time.monotonic() > deadline:
            return found
        box.page.wait_for_timeout(150)


@pytest.mark.parametrize("width,height", [(1366, 900), (1920, 1080)])
def test_a_long_route_opens_whole_and_readable_and_each_alternative_too(browser, server, width, height):
    context, page, frame = open_map(browser, server, LONG, width, height)
    try:
        box = frame.locator("#mapbox")
        assert len(box.evaluate(VIEW, 0)["stops"]) >= 5, "the route is a long one"
        assert settled(box, 0) == []
        page.locator("iframe[title^='Metrokaart']").scroll_into_view_if_needed()
        frame.locator("#mynetwork").screenshot(path=str(ARTIFACTS / f"map-fit-{width}x{height}.png"))
        buttons = frame.locator(".route-btn")
        assert buttons.count() >= 2, "the planner offers alternatives"
        for i in list(range(1, buttons.count())) + [0]:
            buttons.nth(i).click()
            assert settled(box, i) == [], f"route {i + 1}"
        # the whole map and back: the route's names stay readable, and the route comes back whole
        frame.locator("#btn-whole").click()
        page.wait_for_timeout(500)
        assert box.evaluate("() => metroView.labelPx()") >= 11
        frame.locator("#btn-back").click()
        assert settled(box, 0) == []
    finally:
        context.close()


def test_on_a_phone_a_long_route_opens_readable_on_its_first_stop(browser, server):
    context, page, frame = open_map(browser, server, LONG, 390, 844)
    try:
        box = frame.locator("#mapbox")
        view = box.evaluate(VIEW, 0)
        assert view["px"] >= 11
        first = view["stops"][0][1]
        assert 0 <= first["x"] <= view["w"] / 2 and 0 <= first["y"] <= view["h"], "the start, with room for the rest"
        x0, y0, x1, y1 = view["names"][0][1:]
        assert 0 <= x0 and x1 <= view["w"] and 0 <= y0 and y1 <= view["h"], "the start's name is in view"
        page.locator("iframe[title^='Metrokaart']").scroll_into_view_if_needed()
        frame.locator("#mynetwork").screenshot(path=str(ARTIFACTS / "map-fit-phone.png"))
    finally:
        context.close()
