"""Helpers for the browser tests: where things are, waiting for Streamlit, screenshots."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
READY = "[data-testid=stApp][data-test-script-state=notRunning]"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(process: subprocess.Popen) -> None:
    """End a server started for a test or benchmark, forcefully if it does not listen."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def streamlit_command(script: str | Path, port: int) -> list[str]:
    """`streamlit run` as the tests and benchmarks start it: headless, local, no file watcher.

    The app itself starts as scripts/run.sh starts it, through ``ui.launch`` (which loads the
    data while the server starts); any other script with plain `streamlit run`.
    """
    app = Path(script).name == "app.py" and Path(ROOT, script).resolve() == (ROOT / "app.py").resolve()
    start = [sys.executable, "-m", "ui.launch"] if app else [sys.executable, "-m", "streamlit", "run", str(script)]
    return [
        *start,
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip


@contextmanager
def running_server(env: dict[str, str] | None = None, log_name: str = "streamlit-browser") -> Iterator[str]:
    """A new `streamlit run app.py` on a free port; yields its URL once healthy, stops it afterwards.

    ``env`` is added to this process's environment without ``METROKAART_DATA``; the server log
    goes to ``artifacts/<log_name>.log``.
    """
    ARTIFACTS.mkdir(exist_ok=True)
    port = free_port()
    full_env = {k: v for k, v in os.environ.items() if k != "METROKAART_DATA"}
    full_env.update(env or {})
    log_path = ARTIFACTS / f"{log_name}.log"
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            streamlit_command("app.py", port), cwd=ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"streamlit exited with {process.returncode}; see {log_path}")
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                        if response.read().decode().strip() == "ok":
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not become healthy within 60 s; see {log_path}")
                time.sleep(0.2)
            yield url
        finally:
            stop(process)


class Recorder:
    """Every request URL, console error and page error a page produced."""

    def __init__(self, page):
        self.requests: list[str] = []
        self.console_errors: list[tuple[str, str]] = []
        self.page_errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on(
            "console",
            lambda m: (
                self.console_errors.append((m.text, (m.location or {}).get("url", ""))) if m.type == "error" else None
            ),
        )
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))


def wait_ready(page, timeout: float = 30_000) -> None:
    """Streamlit has finished running the script and no skeleton is left.

    On a cold server the app frame reports "not running" before the first run has
    even begun, so wait for page content first, then for the run to end.
    """
    page.wait_for_selector("[data-testid=stMain] [data-testid=stElementContainer]", timeout=timeout)
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_function("!document.querySelector('[data-testid=stSkeleton]')", timeout=timeout)
    page.wait_for_timeout(300)  # let the last deltas paint


def shot(page, name: str) -> Path:
    """A screenshot of the whole page. Streamlit scrolls inside its main block, so the window
    is made as tall as that block for the picture (and put back afterwards)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    size = page.viewport_size
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], [data-testid=stAppViewContainer]')]"
        ".map(e => e.scrollHeight), document.documentElement.scrollHeight)"
    )
    if size and height > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": min(int(height), 8000)})
        page.wait_for_timeout(300)
    page.screenshot(path=str(path), full_page=True)
    if size:
        page.set_viewport_size(size)
    return path
