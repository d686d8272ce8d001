"""The real app in a real browser: `streamlit run app.py` on a free port, driven by Playwright.

Debian's Chromium (`/usr/bin/chromium`) is used, as Playwright's own browser
download does not work here; `bash scripts/setup.sh --dev` installs it.
Screenshots and the server log go to ``artifacts/`` (git-ignored).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.helpers import ARTIFACTS, CHROMIUM, ROOT, Recorder, free_port, stop, streamlit_command


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """The app on the bundled data, started once for all browser tests."""
    ARTIFACTS.mkdir(exist_ok=True)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "METROKAART_DATA"}
    env["METROKAART_CACHE"] = tempfile.mkdtemp(prefix="metrokaart-cache-")  # not the user's cache
    log = open(ARTIFACTS / "streamlit-browser.log", "w", encoding="utf-8")
    process = subprocess.Popen(
        streamlit_command("app.py", port),
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"streamlit exited with {process.returncode}; see artifacts/streamlit-browser.log")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.read().decode().strip() == "ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("streamlit did not become healthy within 60 s")
            time.sleep(0.2)
        yield url
    finally:
        stop(process)
        log.close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `bash scripts/setup.sh --dev` (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="nl-NL")
    p = context.new_page()
    p.recorder = Recorder(p)
    yield p
    context.close()
