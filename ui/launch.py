"""Start the app as ``streamlit run app.py`` does, and load the data while the server starts.

Usage: ``python -m ui.launch [streamlit options]`` (``scripts/run.sh`` and ``scripts/serve.sh``
start the app this way; any ``streamlit run`` option works).

Streamlit runs ``app.py`` only when a browser connects, so after every (re)start the
first visitor would wait for the imports and for the data to be read and checked.
Here a thread does that work while the server starts and the browser loads the page.
It fills the same caches the pages use (:func:`ui.data.preload`), so the first
visitor's run finds them filled; if it fails, that run loads and reports as usual.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app.py"
LOG = logging.getLogger("metrokaart.launch")


def _server_started(timeout: float = 60.0) -> None:
    """Wait until Streamlit's runtime has started (or the timeout passed): before that, this
    thread would slow the server's own start, as both need the interpreter."""
    from streamlit.runtime.runtime import Runtime, RuntimeState

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if Runtime.exists() and Runtime.instance().state != RuntimeState.INITIAL:
            return
        time.sleep(0.02)


def warm_up() -> None:
    switch = sys.getswitchinterval()
    try:
        _server_started()
        # The server thread serves the page's scripts meanwhile; by default it would wait up
        # to 5 ms for the interpreter at every turn while this thread computes.
        sys.setswitchinterval(0.0002)
        from ui.data import preload

        preload()
    except Exception:  # noqa: BLE001 - the first visitor's run shows the problem instead
        LOG.exception("Loading the data before the first visitor failed; the first visit will try again.")
    finally:
        sys.setswitchinterval(switch)


def main(argv: list[str] | None = None) -> None:
    threading.Thread(target=warm_up, name="metrokaart-warm-up", daemon=True).start()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
