"""The coach's hand-over in Chromium: the compare table, the timelines, and a PDF that really downloads."""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.helpers import ARTIFACTS, wait_ready

QUESTION = "/?to=verzorgende-ig&region=zuid-limburg"


def test_compare_view_and_pdf_download(page, server):
    pypdf = pytest.importorskip("pypdf")
    page.goto(server + QUESTION)
    wait_ready(page)
    heading = page.get_by_role("heading", name="Routes naast elkaar")
    heading.scroll_into_view_if_needed()
    assert page.locator("[data-testid=stTable]").first.is_visible()
    assert page.locator("[data-testid=stVegaLiteChart]").count() == 3, "a timeline on each route card"
    ARTIFACTS.mkdir(exist_ok=True)
    table = page.locator("[data-testid=stTable]").first
    table.screenshot(path=str(ARTIFACTS / "compare-view.png"))

    name = page.get_by_role("textbox", name="Voornaam op het plan (mag leeg)")
    name.fill("Zoë")
    name.press("Enter")
    wait_ready(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Plan (PDF)").click()
    download = info.value
    assert download.suggested_filename == "route-1-verzorgende-ig.pdf"
    content = open(download.path(), "rb").read()
    reader = pypdf.PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Voor Zoë" in text and "Jouw route naar Verzorgende IG" in text
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"to": ["verzorgende-ig"], "region": ["zuid-limburg"]}, "the name never goes in the link"
    assert "to=verzorgende-ig" in " ".join(text.split()).replace(" ", ""), "the plan carries the permalink"
