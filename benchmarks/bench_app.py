"""App performance against a bare Streamlit page, in one run (issue 4, Performance).

Prints, with ratios:
- cold start: from `streamlit run` to an interactive planner in Chromium, versus the same
  for a bare one-line Streamlit page (and, apart, the very first start, before the app has
  kept its validated data on disk);
- rerun: from choosing another target (Enter in the selectbox) until the answer is on
  screen, versus the same for a bare page with one selectbox.
Both comparisons run their arms interleaved (A B A B ...), so drift on the machine hits both alike.
Goals: cold start <= 1.2 x bare, rerun <= bare + 50 ms.

Usage: .venv/bin/python -m benchmarks.bench_app [--repeat N]
Needs /usr/bin/chromium (bash scripts/setup.sh --dev). Only talks to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.helpers import free_port, stop, streamlit_command

ROOT = Path(__file__).resolve().parent.parent
READY = "[data-testid=stApp][data-test-script-state=notRunning]"
BARE = 'import streamlit as st; st.write(st.selectbox("Kies", ["a", "b", "c", "d", "e", "f"]))\n'
# (what to type, the option that must then come first, text that shows the rerun is on screen).
# The planner writes its share link last, so the link with the new target means the page is done.
TARGETS = [
    ("verzorgende ig", "Verzorgende IG", "to=verzorgende-ig"),
    ("helpende zorg", "Helpende zorg en welzijn", "to=helpende-zorg-welzijn"),
    ("mbo-verpleegkundige", "Mbo-verpleegkundige", "to=mbo-verpleegkundige"),
    ("pedagogisch medewerker kinderopvang", "Pedagogisch medewerker kinderopvang", "to=pedagogisch-medewerker"),
]
APP_MARKER = "[data-testid=stCode]"
BARE_OPTIONS = [(x, x, x) for x in "bcdef"]
BARE_MARKER = "[data-testid=stMarkdown]"

# Times from the Enter key until the marker text is in the page. (The script-state attribute
# is no use for a fast page: React may batch running -> notRunning into one render.)
OBSERVE = """([selector, text]) => {
  window.__t = {start: null, done: null, selector, text};
  if (window.__installed) return;  // one listener and one observer per page, reading window.__t
  window.__installed = true;
  const check = () => {
    const t = window.__t;
    if (t.start === null || t.done !== null) return;
    for (const el of document.querySelectorAll(t.selector)) {
      const content = el.textContent.trim();
      if (t.selector.includes('stMarkdown') ? content === t.text : content.includes(t.text)) {
        t.done = performance.now();
        return;
      }
    }
  };
  document.addEventListener('keydown', e => {
    if (e.key === 'Enter' && window.__t.start === null) { window.__t.start = performance.now(); check(); }
  }, {capture: true});
  new MutationObserver(check).observe(document.body, {childList: true, subtree: true, characterData: true});
}"""


def start(script: Path, cwd: Path, env: dict | None = None) -> tuple[subprocess.Popen, str, float]:
    port = free_port()
    t0 = time.perf_counter()
    process = subprocess.Popen(
        streamlit_command(script, port),
        cwd=cwd,
        env={**{k: v for k, v in os.environ.items() if k != "METROKAART_DATA"}, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    while True:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=1) as r:
                if r.read() == b"ok":
                    break
        except OSError:
            time.sleep(0.02)
        if process.poll() is not None or time.perf_counter() - t0 > 120:
            raise RuntimeError(f"{script} did not start")
    return process, url, t0


def cold_start(browser, script: Path, cwd: Path, label: str, env: dict | None = None) -> float:
    """Seconds from process start until the first selectbox can be used."""
    process, url, t0 = start(script, cwd, env)
    try:
        page = browser.new_page()
        page.goto(url)
        page.get_by_role("combobox", name=label).wait_for()
        page.wait_for_selector(READY)
        elapsed = time.perf_counter() - t0
        page.close()
        return elapsed
    finally:
        stop(process)


class Rerunner:
    """One app in its own server and page, changing the selectbox value one rerun at a time."""

    def __init__(self, browser, script: Path, cwd: Path, label: str, choices: list[tuple], marker: str):
        self.process, url, _ = start(script, cwd)
        self.choices, self.marker, self.times, self.i = choices, marker, [], 0
        self.page = browser.new_page()
        self.page.goto(url)
        self.page.wait_for_selector(READY)
        self.box = self.page.get_by_role("combobox", name=label)

    def step(self, record: bool = True) -> None:
        """Milliseconds from Enter on another option until the page shows the new answer."""
        page = self.page
        typed, first, done_text = self.choices[self.i % len(self.choices)]
        self.i += 1
        page.evaluate(OBSERVE, [self.marker, done_text])
        self.box.click()
        page.keyboard.type(typed)
        # Enter only once the list is filtered, or it would pick the current value (no rerun).
        page.get_by_role("option").first.filter(has_text=first).wait_for()
        page.keyboard.press("Enter")
        page.wait_for_function("() => window.__t.done !== null", timeout=30_000)
        if record:
            self.times.append(page.evaluate("() => window.__t.done - window.__t.start"))
        page.wait_for_selector(READY)

    def close(self) -> None:
        self.page.close()
        stop(self.process)


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def figures(values: list[float], unit: str) -> str:
    return " ".join(f"p{p} {percentile(values, p):7.2f}" for p in (50, 95, 99)) + f" max {max(values):7.2f} {unit}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="reruns measured per app (default 20)")
    parser.add_argument("--cold", type=int, default=10, help="cold starts per app (default 10)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE, encoding="utf-8")
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        # Every start parses and validates the YAML (nothing is kept on disk, see ui/data.py).
        env: dict[str, str] = {}
        first = cold_start(browser, ROOT / "app.py", ROOT, "Beroep dat je wilt", env)
        app_cold, bare_cold = [], []
        for _ in range(args.cold):  # interleaved, so drift on the machine hits both alike
            bare_cold.append(cold_start(browser, bare, Path(tmp), "Kies"))
            app_cold.append(cold_start(browser, ROOT / "app.py", ROOT, "Beroep dat je wilt", env))
        arms = [
            Rerunner(browser, ROOT / "app.py", ROOT, "Beroep dat je wilt", TARGETS, APP_MARKER),
            Rerunner(browser, bare, Path(tmp), "Kies", BARE_OPTIONS, BARE_MARKER),
        ]
        try:
            for arm in arms:  # the first rerun warms caches and is not counted
                arm.step(record=False)
            for _ in range(args.repeat):  # interleaved: A B A B ...
                for arm in arms:
                    arm.step()
        finally:
            for arm in arms:
                arm.close()
        app_rerun, bare_rerun = arms[0].times, arms[1].times
        browser.close()

    print(f"garbage collection in the servers: on (Streamlit's default); machine load {os.getloadavg()[0]:.1f}")
    print(f"cold start to interactive, {args.cold} starts per arm, interleaved:")
    print(f"  planner   {figures(app_cold, 's')}")
    print(f"  bare page {figures(bare_cold, 's')}")
    ac, bc = statistics.median(app_cold), statistics.median(bare_cold)
    ar, br = statistics.median(app_rerun), statistics.median(bare_rerun)
    print(f"  ratio p50 {ac / bc:4.2f}   (goal <= 1.20)")
    print(f"  very first start: planner {first:.2f} s, ratio {first / bc:4.2f}")
    print(f"rerun after changing the target, {args.repeat} per arm, interleaved:")
    print(f"  planner   {figures(app_rerun, 'ms')}")
    print(f"  bare page {figures(bare_rerun, 'ms')}")
    print(f"  p50 ratio {ar / br:4.2f}   difference {ar - br:+.0f} ms (goal <= +50 ms)")


if __name__ == "__main__":
    main()
