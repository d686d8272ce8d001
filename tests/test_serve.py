"""scripts/serve.sh: two workers behind nginx plan routes, keep each session on its worker, stop cleanly.

Starts the real thing (two `streamlit run app.py` and nginx, on loopback) and talks to it with
Streamlit's websocket protocol (benchmarks/stclient.py). About 10-15 s. Skipped without nginx
(bash scripts/setup.sh --dev installs it).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from benchmarks.stclient import Session
from tests.browser.helpers import free_port

ROOT = Path(__file__).resolve().parents[1]
NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.path.exists(p)), None)

pytestmark = pytest.mark.skipif(
    NGINX is None, reason="nginx is not installed: bash scripts/setup.sh --dev installs it (Debian package nginx)"
)


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def get(url: str, cookie: str | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, b""
    except OSError:  # not listening (yet)
        return 0, b""


async def two_sessions(url: str) -> list[tuple[Session, object, str]]:
    """Two sessions at once, each asking the planner a question; each also asks for its PDF."""

    async def one(question: str):
        session = Session(url, timeout=60)
        await session.open()
        try:
            run = await session.rerun(question)
            pdf_url = await session.deferred_file_url(run.downloads["Plan (PDF)"]) if run.downloads else ""
        finally:
            await session.close()
        return session, run, pdf_url

    return await asyncio.gather(one("from=havo&to=verzorgende-ig"), one("from=vmbo-bb&to=mbo-verpleegkundige"))


def test_two_workers_behind_nginx(tmp_path):
    port = free_port()
    run_dir = tmp_path / "run"
    env = {k: v for k, v in os.environ.items() if k != "METROKAART_DATA"}
    env["PYTHON"] = sys.executable
    command = ["bash", "scripts/serve.sh", "--workers", "2", "--port", str(port), "--address", "127.0.0.1"]
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        serve = subprocess.Popen(
            command + ["--run-dir", str(run_dir)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    processes: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while get(f"{url}/_stcore/health") != (200, b"ok"):
            assert serve.poll() is None, f"serve.sh exited with {serve.returncode}:\n{log_path.read_text()}"
            assert time.monotonic() < deadline, f"no health through the proxy in 60 s:\n{log_path.read_text()}"
            time.sleep(0.3)
        roles = [line.split()[0] for line in (run_dir / "pids").read_text().splitlines()]
        assert roles == ["worker", "worker", "nginx"]
        processes = descendants(serve.pid)
        assert len(processes) >= 4  # two workers, nginx's master and its worker

        # A thread of its own: in the full run Playwright's sync API keeps an event loop
        # running in this thread, and asyncio.run() refuses to start inside it.
        with ThreadPoolExecutor(1) as pool:
            results = pool.submit(asyncio.run, two_sessions(url)).result()
        for session, run, pdf_url in results:
            assert not run.errors, run.errors
            assert any(text.startswith("#### Route 1") for text in run.texts), "no route card"
            assert "mk_worker" in session.cookies, "the proxy set no sticky cookie"
            # The PDF lives in the memory of the worker that holds the session: with the
            # session's cookie nginx finds it there.
            cookie = f"mk_worker={session.cookies['mk_worker']}"
            status, body = get(url + pdf_url, cookie)
            assert status == 200 and body.startswith(b"%PDF"), status
        # Another cookie may send the same request to the other worker, which has no such file:
        # that is why sessions must stick (and it shows both workers serve).
        pdf_url = results[0][2]
        statuses = {get(url + pdf_url, f"mk_worker=probe-{i}")[0] for i in range(24)}
        assert statuses == {200, 404}, statuses
    finally:
        processes |= descendants(serve.pid)
        serve.send_signal(signal.SIGTERM)
        try:
            serve.wait(timeout=20)
        except subprocess.TimeoutExpired:
            for pid in [serve.pid, *processes]:
                if alive(pid):
                    os.kill(pid, signal.SIGKILL)
            serve.wait()
            raise
    assert serve.returncode == 143, log_path.read_text()
    deadline = time.monotonic() + 5
    while any(alive(p) for p in processes) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [p for p in processes if alive(p)], "processes left after SIGTERM"
    assert "serve.sh: stopped" in log_path.read_text()
