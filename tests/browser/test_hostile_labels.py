"""Hostile labels in the data: every page, the map and the poster show them as text.

Every name in a copy of the mini dataset is replaced with markup that would open a dialog
(or add an element) if it were ever parsed as HTML, Markdown links or SVG. The test counts
dialogs over every page, the map's frames and the downloaded poster: there must be none.
"""

from __future__ import annotations

import re
import shutil
from xml.etree import ElementTree

import pytest

from routes import load_dataset
from routes.layout import metro_layout
from routes.poster import map_svg
from tests.browser.helpers import ROOT, running_server, shot, wait_ready
from tests.browser.test_browser import map_frame

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    '"><script>alert(1)</script>',
    "<svg onload=alert(1)>",
    "[klik](javascript:alert(1))",
    "'><iframe src=javascript:alert(1)>",
    "</title></style></textarea><script>alert(1)</script>",
]
PAGES = [
    "/",
    "/?to=verzorgende-ig&region=zuid-limburg",
    "/metrokaart?to=verzorgende-ig&region=zuid-limburg",
    "/beroepen?beroep=verzorgende-ig",
    "/beroepen?beroep=mbo-verpleegkundige",
    "/programmas?region=zuid-limburg",
    "/?to=mbo-verpleegkundige&lang=en",
]


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    data = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", data)
    counter = iter(range(10_000))

    def hostile(match: re.Match) -> str:
        text = f"{match.group(2)} {PAYLOADS[next(counter) % len(PAYLOADS)]}"
        return match.group(1) + "'" + text.replace("'", "''") + "'"

    for path in [data / "functions.yaml", data / "graph.yaml", data / "regions" / "zuid-limburg.yaml"]:
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^(    (?:name|description|organiser|employer_organisation): )(.+)$", hostile, text, flags=re.M)
        path.write_text(text, encoding="utf-8")
    load_dataset(data)  # still valid: only the texts are hostile
    with running_server({"METROKAART_DATA": str(data)}, log_name="streamlit-hostile") as url:
        yield url, data


def test_hostile_labels_open_no_dialog_anywhere(browser, hostile_server, tmp_path):
    hostile_server, hostile_data = hostile_server
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    visited = 0
    for path in PAGES:
        page.goto(hostile_server + path)
        wait_ready(page)
        visited += 1
        assert page.get_by_test_id("stException").count() == 0, path
        assert "alert(1)" in page.inner_text("body"), f"{path}: the hostile text is shown as text"
        for frame in page.frames:
            injected = "() => document.querySelectorAll('img[src=x], svg[onload], iframe[src^=javascript]').length"
            assert frame.evaluate(injected) == 0, (path, frame.url)
        if path.startswith("/metrokaart"):
            frame = map_frame(page)
            frame.locator("canvas").first.wait_for(timeout=30_000)
            canvas = frame.locator("canvas").first
            box = canvas.bounding_box()
            for x, y in [(0.3, 0.3), (0.5, 0.5), (0.7, 0.4), (0.2, 0.6)]:  # hover and click around the map
                canvas.hover(position={"x": box["width"] * x, "y": box["height"] * y})
                canvas.click(position={"x": box["width"] * x, "y": box["height"] * y})
            shot(page, "hostile-map")
            # The poster the download button offers, built by the same function from the same data.
            poster = tmp_path / "poster.svg"
            dataset = load_dataset(hostile_data)
            poster.write_text(map_svg(dataset, metro_layout(dataset)), encoding="utf-8")
            tree = ElementTree.parse(poster)
            for element in tree.iter():
                assert element.tag.rsplit("}", 1)[-1] not in {"script", "foreignObject", "iframe", "img"}
                assert not [name for name in element.attrib if name.lower().startswith("on")]
            page.goto(poster.as_uri())
            page.wait_for_timeout(500)
            visited += 1
    page.wait_for_timeout(500)
    print(f"hostile labels: {visited} views, {len(dialogs)} dialogs")
    assert dialogs == []
    context.close()
