"""In English, the pages show the data's English texts: no Dutch sentence from the data is left."""

from __future__ import annotations

import re

import pytest

from routes import load_dataset
from routes.models import NESTED_NOTES
from tests.browser.helpers import shot, wait_ready

PAGES = {
    "planner": "/?to=verzorgende-ig&region=zuid-limburg&paid=1&lang=en",
    "job": "/beroepen?beroep=verzorgende-ig&lang=en",
    "nurse": "/beroepen?beroep=mbo-verpleegkundige&lang=en",
    "programmes": "/programmas?region=rotterdam-rijnmond&lang=en",
}
MIN_WORDS = 5  # shorter texts are names and terms, which may stay Dutch (proper names)


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def dutch_sentences() -> dict[str, str]:
    """Every Dutch text of the data whose English twin differs, by its first words (normalised)."""
    found: dict[str, str] = {}
    for entity in load_dataset().entities.values():
        twin = getattr(entity, "en", None)
        if twin is None:
            continue
        for name in twin.model_fields_set - {"name", "aliases"}:
            dutch, english = getattr(entity, name), getattr(twin, name)
            if name in NESTED_NOTES:
                pairs = [(dutch.note, english.note)]
            elif name == "demand":
                pairs = [(d.signal, e.signal) for d, e in zip(dutch, english, strict=True)]
            elif isinstance(dutch, list):
                pairs = list(zip(dutch, english, strict=True))
            else:
                pairs = [(dutch, english)]
            for nl, en in pairs:
                words = _words(nl).split()
                if len(words) >= MIN_WORDS and _words(nl) != _words(en):
                    found[" ".join(words[:MIN_WORDS + 3])] = f"{entity.id}.{name}"
    return found


@pytest.fixture(scope="module")
def dutch():
    return dutch_sentences()


@pytest.mark.parametrize("name", PAGES)
def test_english_page_shows_no_dutch_text_from_the_data(page, server, dutch, name):
    page.goto(server + PAGES[name])
    wait_ready(page)
    for expander in page.locator("[data-testid='stExpander'] summary").all():
        expander.click()  # what is folded away is shown too when opened
    wait_ready(page)
    text = _words(page.locator("[data-testid=stMain]").inner_text())
    left = sorted(f"{where}: {start}…" for start, where in dutch.items() if start in text)
    shot(page, f"english-{name}")
    assert not left, "Dutch texts from the data on the English page:\n" + "\n".join(left)


def test_english_job_page_shows_the_english_description(page, server):
    job = load_dataset().functions["verzorgende-ig"]
    page.goto(server + PAGES["job"])
    wait_ready(page)
    text = _words(page.locator("[data-testid=stMain]").inner_text())
    assert _words(job.en.description) in text
    assert _words(job.en.tasks[0]) in text
    assert _words(job.name) in text, "the Dutch title is shown too: it is the one on Dutch job ads"


def test_the_check_finds_the_dutch_texts_on_the_dutch_page(page, server, dutch):
    """The same check on the Dutch job page finds its Dutch texts: it can fail."""
    page.goto(server + PAGES["job"].replace("&lang=en", ""))
    wait_ready(page)
    text = _words(page.locator("[data-testid=stMain]").inner_text())
    assert sum(start in text for start in dutch) >= 3
