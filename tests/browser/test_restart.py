"""Shared links arriving at a server that has just started: the router in app.py must run.

Each test starts its own server and opens a deep link as the very first request, the
normal case after a restart. Streamlit falls back to its legacy folder mode while a
``pages/`` folder sits next to app.py: the page script then runs without app.py (no
data check, no language from the link, raw file names in the sidebar).
"""

from __future__ import annotations

import shutil

from tests.browser.helpers import ROOT, running_server, shot, wait_ready

SIDEBAR_NAV = "[data-testid=stSidebarNav] a"


def nav_labels(page) -> list[str]:
    page.wait_for_selector(SIDEBAR_NAV)
    return [text.strip() for text in page.locator(SIDEBAR_NAV).all_inner_texts()]


def test_deep_link_first_on_a_fresh_server_runs_the_router(browser):
    with running_server(log_name="streamlit-restart-good") as url:
        page = browser.new_page()
        page.goto(url + "/beroepen?lang=en&beroep=verzorgende-ig")
        wait_ready(page)
        # The router ran: page titles in the language of the link, not raw file names.
        pages = ["Route planner", "Metro map", "Jobs", "Programmes", "For coaches", "Which work suits me?"]
        assert nav_labels(page) == pages
        page.get_by_role("heading", name="Jobs", exact=True).wait_for()
        assert page.get_by_role("radio", name="English").is_checked()
        assert page.get_by_test_id("stException").count() == 0
        shot(page, "restart-deep-link")
        page.close()


def test_deep_link_first_on_a_fresh_server_with_broken_data_shows_the_problems(browser, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", data)
    graph = data / "graph.yaml"
    graph.write_text(graph.read_text(encoding="utf-8").replace("    kind: bbl\n", "    kind: [bbl\n", 1))
    with running_server({"METROKAART_DATA": str(data)}, log_name="streamlit-restart-broken") as url:
        page = browser.new_page()
        page.goto(url + "/metrokaart?lang=en")
        wait_ready(page)
        errors = page.get_by_test_id("stAlertContentError")
        errors.first.wait_for()
        assert "is not valid" in errors.first.inner_text()
        assert any("graph.yaml:" in text for text in errors.all_inner_texts())
        assert page.get_by_test_id("stException").count() == 0, "a traceback instead of the problems"
        assert page.get_by_text("Traceback").count() == 0
        shot(page, "restart-deep-link-broken")
        page.close()


def test_no_pages_folder_next_to_the_app():
    # Its mere existence switches a fresh server to the legacy folder mode (see the module docstring).
    assert not (ROOT / "pages").exists()


def test_old_planner_address_moves_on_to_the_planner_without_page_not_found(page, server):
    seen: list[str] = []
    page.expose_function("sawNotFound", lambda: seen.append("Page not found"))
    page.add_init_script(
        "new MutationObserver(() => { if (document.body && /Page not found/i.test(document.body.innerText))"
        " window.sawNotFound(); }).observe(document, {childList: true, subtree: true, characterData: true});"
    )
    page.goto(server + "/routeplanner?lang=en&to=verzorgende-ig&avoid=a&avoid=b")
    wait_ready(page)
    page.get_by_role("heading", name="Route planner").wait_for()
    page.wait_for_timeout(500)
    assert seen == []
    assert "/routeplanner" not in page.url
    assert "to=verzorgende-ig" in page.url and "lang=en" in page.url
