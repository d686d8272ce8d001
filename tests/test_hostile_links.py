"""A reduced hostile-link run: generated links full of hostile values, on every page.

A shared link is input from strangers. Every page must answer any link with the
page itself (and at most a friendly warning), never an exception or an error
panel, and must never show markup from the link as markup. The values are drawn
from a fixed seed, so a failure is repeatable; a full run (1,000 links) is the
same code with ``HOSTILE_LINKS=1000``.
"""

from __future__ import annotations

import os
import random

import pytest
from streamlit.testing.v1 import AppTest

from routes.state import MAP_PARAMS, PLANNER_PARAMS
from tests.conftest import DATA, ROOT

APP = str(ROOT / "app.py")
PAGES = ["views/routeplanner.py", "views/metrokaart.py", "views/beroepen.py", "views/programmas.py"]
PARAMS = sorted(set(PLANNER_PARAMS + MAP_PARAMS + ("lang", "beroep", "sector", "region", "status")))
HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "../../../../etc/passwd",
    "%00",
    "\x00",
    "\u202eevil",
    "' OR 1=1 --",
    "9" * 400,
    "-1",
    "0",
    "1e309",
    "NaN",
    "x" * 5000,
    "🙂" * 50,
    "verzorgende-ig",  # valid values mixed in: the page must combine them sanely
    "havo",
    "zuid-limburg",
    "earn-most",
    "en",
    "",
    " ",
    "{{7*7}}",
    "${jndi:ldap://x}",
    "[link](javascript:alert(1))",
    ":red[boom]",
    "$$\\frac{1}{0}$$",
]
LINKS = int(os.environ.get("HOSTILE_LINKS", "60"))
pytestmark = pytest.mark.usefixtures("quiet_streamlit")


def hostile_links(n: int, seed: int = 20261201) -> list[tuple[str, dict]]:
    rng = random.Random(seed)
    links = []
    for _ in range(n):
        params = {}
        for name in rng.sample(PARAMS, rng.randint(1, 6)):
            values = [rng.choice(HOSTILE) for _ in range(rng.choice([1, 1, 1, 2, 30]))]
            params[name] = values if len(values) > 1 else values[0]
        links.append((rng.choice(PAGES), params))
    return links


def test_hostile_links_never_break_a_page(monkeypatch):
    monkeypatch.setenv("METROKAART_DATA", str(DATA))
    failures = []
    warned = 0
    for page, params in hostile_links(LINKS):
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params = params
        at.run()
        if page != "views/routeplanner.py":
            at.switch_page(page).run()
        if at.exception or at.error:
            failures.append((page, params, [e.value for e in at.exception] or [e.value for e in at.error]))
            continue
        warned += bool(at.warning)
        shown = "\n".join(str(e.value) for kind in ("markdown", "caption", "info", "warning") for e in at.get(kind))
        for raw in ("<script>", "<img src", "javascript:alert"):
            # Markup from a link may only appear escaped (as code or with backslashes), never raw.
            for line in shown.splitlines():
                if raw in line and "`" not in line:
                    failures.append((page, params, f"raw {raw!r} in: {line[:120]}"))
    print(f"\nhostile links: {LINKS}, exceptions or error panels: {len(failures)}, friendly warnings: {warned}")
    assert failures == []
    assert warned > 0, "hostile values are reported to the person, not silently dropped"
