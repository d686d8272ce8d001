"""Many people at once: a bounded load test on loopback, 1 worker direct and N workers behind nginx.

Run (a few minutes; it stops by itself, every step has a timeout):

    .venv/bin/python -m benchmarks.bench_load                      # N = nproc, levels 10 25 50 100
    .venv/bin/python -m benchmarks.bench_load --workers 2 --levels 10,50 --think 0

Needs nginx (bash scripts/setup.sh --dev installs it; scripts/serve.sh would too). Starts its
own servers on free loopback ports and stops them afterwards; talks only to 127.0.0.1.

Each simulated session speaks Streamlit's websocket protocol (benchmarks/stclient.py): it
fetches the page, opens /_stcore/stream, sends a rerun (the page load, step ``load``), then
does the planner flow three times (steps ``plan1``..``plan3``): a rerun with a share link's
query string (``from=…&to=…``), the way a shared link or a changed question reaches the
planner, each time waiting for ``script_finished``. An answer counts only when it is right:
the route cards on the page must be the routes the core (routes.planner.plan) computes for the
same question, every station of every route named in its card; a wrong or missing answer, an
exception, an error box, a timeout or a dropped connection is an error. By default every step
asks a question that worker was never asked before (``--questions fresh``: start, job and
sometimes a region from a pool the core can answer), so the app's cache of answers cannot
flatter the figures; ``--questions shared`` has all sessions share six questions.

By default all sessions of a level start at once and go through their steps without pause: a
burst, the hard case. ``--ramp S`` spreads the starts over S seconds and ``--think S`` pauses
S seconds before each planner step, as a person reading the routes would. Arms, per level, in
alternating order (A B C, then C B A, …), with every server running throughout:
- ``1 worker``: one ``streamlit run app.py``, clients connect to it directly;
- ``N workers``: ``scripts/serve.sh --workers N``, clients connect to nginx (sticky cookie);
- ``bare``: one ``streamlit run`` of a one-widget page, same flow (``--no-bare`` leaves it out);
  the ratio app / bare says what the app costs on top of Streamlit itself.
Printed per level and arm: p50/p95/p99/max seconds per step and over all steps, errors, and per
worker process its resident memory (RSS) after the level, its peak RSS and the CPU seconds it
used in the level. The load generator runs on the same cores; its CPU seconds are printed too.
Sessions that ended stay in a worker's memory for server.disconnectedSessionTTL (120 s).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs

from benchmarks.stclient import Run, Session
from tests.browser.helpers import free_port, stop, streamlit_command

ROOT = Path(__file__).resolve().parent.parent
STEPS = ("load", "plan1", "plan2", "plan3")
# Planner questions as a share link holds them; session i asks three of them, starting at i.
QUESTIONS = (
    "from=havo&to=verzorgende-ig",
    "from=vmbo-bb&to=mbo-verpleegkundige",
    "from=mbo-4-andere-sector&to=hbo-verpleegkundige",
    "from=geen-startkwalificatie&to=helpende-zorg-welzijn",
    "from=werkervaring-winkel&to=pedagogisch-medewerker-kinderopvang",
    "from=vwo&to=ic-verpleegkundige",
)
# Questions never asked before in the worker (the default, --questions fresh): from a pool of
# (start, job, region) questions the core can answer, in a fixed shuffled order; the warm-up
# takes the first three and every level the next 3 x sessions, so an answer cache cannot help.
POOL_SEED = 11


def question_pool(size: int) -> tuple[str, ...]:
    """``size`` planner questions (share-link query strings) with at least one route each."""
    import random

    from routes import build_graph, default_data_dir, load_dataset
    from routes.errors import NoRoute
    from routes.planner import Query, plan

    ds = load_dataset(default_data_dir())
    G = build_graph(ds)
    rng = random.Random(POOL_SEED)
    regions = [None, None, *sorted(r for r in ds.regions if r != "nederland")]  # nederland: no region
    pairs = [(start, job) for start in sorted(ds.starts) for job in sorted(ds.functions)]
    rng.shuffle(pairs)
    pool = []
    for start, job in pairs:
        region = rng.choice(regions)
        try:
            plan(G, Query(holds=(start,), target=job, region=region))
        except NoRoute:
            continue
        pool.append(f"from={start}&to={job}" + (f"&region={region}" if region else ""))
        if len(pool) == size:
            break
    return tuple(pool)


BARE = (
    "import streamlit as st\n"
    'choice = st.selectbox("Kies", ["a", "b", "c"])\n'
    "st.markdown(f\"doel: {st.query_params.get('to', choice)}\")\n"
)


# --- what a right answer is ----------------------------------------------------------------


def expected_routes(questions: tuple[str, ...] = QUESTIONS) -> dict[str, list[list[str]]]:
    """Per question, the station names of each route the core plans (in the app's order)."""
    from routes import build_graph, default_data_dir, load_dataset
    from routes.planner import plan
    from routes.state import parse_planner_params

    ds = load_dataset(default_data_dir())
    G = build_graph(ds)
    expected = {}
    for question in questions:
        state, issues = parse_planner_params(parse_qs(question, keep_blank_values=True), ds)
        if issues:
            raise SystemExit(f"bench_load: the question {question!r} does not fit the data: {issues}")
        routes = plan(G, state.query())
        expected[question] = [[G.nodes[n].get("name", n) for n in route.nodes] for route in routes]
    return expected


def app_check(expected: dict[str, list[list[str]]]) -> Callable[[str, Run], str | None]:
    def check(question: str, run: Run) -> str | None:
        if not question:
            return None if "Routeplanner" in run.texts else "page load: no planner title"
        cards = [text.replace("\\", "") for text in run.texts if text.startswith("#### Route ")]
        routes = expected[question]
        if len(cards) != len(routes):
            return f"{question}: {len(cards)} route cards, the core plans {len(routes)}"
        for number, (card, names) in enumerate(zip(cards, routes, strict=True), 1):
            missing = [name for name in names if name not in card]
            if missing:
                return f"{question}: route {number} does not name {missing}"
        return None

    return check


def bare_check(question: str, run: Run) -> str | None:
    want = "doel: " + (parse_qs(question).get("to", ["a"])[0])
    return None if want in run.texts else f"bare page: no {want!r}"


# --- servers ----------------------------------------------------------------------------------


def healthy(url: str, deadline: float, process: subprocess.Popen) -> None:
    while True:
        if process.poll() is not None:
            raise SystemExit(f"bench_load: the server for {url} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read().strip() == b"ok":
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"bench_load: {url} not healthy in time")
        time.sleep(0.2)


@dataclass
class Arm:
    name: str
    url: str
    check: Callable[[str, Run], str | None]
    process: subprocess.Popen
    workers: dict[int, str] = field(default_factory=dict)  # pid -> direct URL
    proxy_pid: int | None = None


def start_direct(name: str, script: Path, check, log: Path) -> Arm:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "METROKAART_DATA"}
    with open(log, "w") as out:
        process = subprocess.Popen(
            streamlit_command(script, port), cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    return Arm(name, url, check, process, {process.pid: url})


def start_serve(workers: int, check, run_dir: Path) -> Arm:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "METROKAART_DATA"}
    env["PYTHON"] = sys.executable
    command = ["bash", "scripts/serve.sh", "--workers", str(workers), "--port", str(port)]
    command += ["--address", "127.0.0.1", "--run-dir", str(run_dir)]
    with open(run_dir.parent / "serve.log", "w") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    return Arm(f"{workers} workers+nginx", f"http://127.0.0.1:{port}", check, process)


def read_pids(arm: Arm, run_dir: Path) -> None:
    for line in (run_dir / "pids").read_text().splitlines():
        role, pid, address = line.split()
        if role == "worker":
            arm.workers[int(pid)] = f"http://{address}"
        elif role == "nginx":
            arm.proxy_pid = int(pid)


def proc_memory(pid: int) -> tuple[float, float]:
    """(RSS, peak RSS) in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def proc_cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used, with its reaped children."""
    parts = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(x) for x in parts[11:15]) / os.sysconf("SC_CLK_TCK")


# --- sessions ---------------------------------------------------------------------------------


@dataclass
class Outcome:
    seconds: dict[str, float] = field(default_factory=dict)  # step -> seconds (right answers only)
    errors: list[str] = field(default_factory=list)


async def one_session(
    url: str, questions: list[str], check, think: float, timeout: float, delay: float = 0.0
) -> Outcome:
    outcome = Outcome()
    if delay:
        await asyncio.sleep(delay)
    session = Session(url, timeout=timeout)
    step = "load"
    try:
        start = time.perf_counter()
        await session.open()
        run = await session.rerun("")
        problem = run.errors[0] if run.errors else check("", run)
        if problem:
            outcome.errors.append(f"load: {problem}")
        else:
            outcome.seconds["load"] = time.perf_counter() - start
        for step, question in zip(STEPS[1:], questions, strict=True):
            if think:
                await asyncio.sleep(think)
            run = await session.rerun(question)
            problem = run.errors[0] if run.errors else check(question, run)
            if problem:
                outcome.errors.append(f"{step}: {problem}")
            else:
                outcome.seconds[step] = run.seconds
    except asyncio.CancelledError:
        outcome.errors.append(f"{step}: cancelled at the level's deadline")
    except Exception as exc:  # noqa: BLE001 - every failure of a session is a counted error
        outcome.errors.append(f"{step}: {type(exc).__name__}: {exc}"[:300])
    finally:
        try:
            await asyncio.wait_for(session.close(), 5)
        except Exception:  # noqa: BLE001, S110 - closing is best effort
            pass
    return outcome


async def run_level(
    url: str, sessions: int, check, think: float, timeout: float, ramp: float, asked: Callable[[int], list[str]]
) -> list[Outcome]:
    def questions(i: int) -> list[str]:
        return asked(i)

    tasks = [
        asyncio.create_task(one_session(url, questions(i), check, think, timeout, ramp * i / sessions))
        for i in range(sessions)
    ]
    level_timeout = ramp + 4 * (timeout + think) + 30
    done, pending = await asyncio.wait(tasks, timeout=level_timeout)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    outcomes = []
    for task in tasks:
        if task.cancelled():
            outcomes.append(Outcome(errors=["cancelled at the level's deadline"]))
        else:
            outcomes.append(task.result())
    return outcomes


# --- report -----------------------------------------------------------------------------------


def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def summary(values: list[float]) -> str:
    if not values:
        return f"{0:>5} {'-':>7} {'-':>7} {'-':>7} {'-':>7}"
    return f"{len(values):>5} " + " ".join(f"{pct(values, p):7.3f}" for p in (50, 95, 99, 100))


def report(arm: Arm, sessions: int, outcomes: list[Outcome], cpu: dict[int, float], wall: float) -> dict:
    failed = [o for o in outcomes if o.errors]
    steps_failed = sum(len(o.errors) for o in outcomes)
    print(f"\n  {arm.name} @ {sessions} sessions: {wall:.1f} s wall, sessions with errors {len(failed)}, "
          f"failed steps {steps_failed}")  # fmt: skip
    print(f"    {'step':<6} {'n':>5} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7}   (seconds)")
    every: list[float] = []
    for step in STEPS:
        values = [o.seconds[step] for o in outcomes if step in o.seconds]
        every += values
        print(f"    {step:<6} {summary(values)}")
    plans = [o.seconds[s] for o in outcomes for s in STEPS[1:] if s in o.seconds]
    print(f"    {'plan*':<6} {summary(plans)}")
    print(f"    {'all':<6} {summary(every)}   ({len(every) / wall:.1f} right answers per second)")
    for message in sorted({e for o in failed for e in o.errors})[:5]:
        print(f"    error: {message}")
    server_cpu = sum(cpu.values())
    if every:
        print(f"    server CPU per right answer: {1000 * server_cpu / len(every):.0f} ms "
              f"({server_cpu:.1f} s over {len(arm.workers)} worker(s))")  # fmt: skip
    memory = []
    for pid in arm.workers:
        rss, peak = proc_memory(pid)
        memory.append(rss)
        print(f"    worker {pid}: RSS {rss:6.1f} MB (peak {peak:6.1f} MB), CPU {cpu.get(pid, 0):5.1f} s this level")
    if arm.proxy_pid:
        rss, _ = proc_memory(arm.proxy_pid)
        print(f"    nginx master {arm.proxy_pid}: RSS {rss:.1f} MB")
    return {
        "p50": pct(every, 50) if every else math.nan,
        "p95": pct(every, 95) if every else math.nan,
        "plan_p50": pct(plans, 50) if plans else math.nan,
        "plan_p95": pct(plans, 95) if plans else math.nan,
        "errors": steps_failed,
        "memory": memory,
        "cpu_ms": 1000 * server_cpu / len(every) if every else math.nan,
    }


async def warm_up(arm: Arm, timeout: float, questions: list[str]) -> None:
    """Every worker runs the flow once (loads its data, fills its caches) and must answer right."""
    for url in list(arm.workers.values()) + ([arm.url] if arm.proxy_pid else []):
        outcome = await one_session(url, questions, arm.check, 0, max(timeout, 60))
        if outcome.errors:
            raise SystemExit(f"bench_load: warm-up of {arm.name} at {url} failed: {outcome.errors}")


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # figures appear as they come, also into a file
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="N for the nginx arm (default nproc)")
    parser.add_argument("--levels", default="10,25,50,100", help="concurrent sessions per level")
    parser.add_argument("--think", type=float, default=0.0, help="seconds of pause before each planner step")
    parser.add_argument("--ramp", type=float, default=0.0, help="spread the sessions' starts over this many seconds")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds allowed per step")
    parser.add_argument("--pause", type=float, default=2.0, help="seconds of rest between arms")
    parser.add_argument("--no-bare", action="store_true", help="leave out the bare-page arm")
    parser.add_argument(
        "--questions",
        choices=("fresh", "shared"),
        default="fresh",
        help="fresh: every step asks a question not asked before in that worker (default); "
        f"shared: the sessions share {len(QUESTIONS)} questions, as a class asking the same ones",
    )
    args = parser.parse_args()
    levels = [int(x) for x in args.levels.split(",") if x.strip()]

    if args.questions == "fresh":
        pool = question_pool(3 + 3 * sum(levels))
        if len(pool) < 3 + 3 * sum(levels):
            raise SystemExit(f"bench_load: only {len(pool)} fresh questions for these levels")
    else:
        pool = QUESTIONS
    offsets = {sessions: 3 + 3 * sum(levels[:i]) for i, sessions in enumerate(levels)}

    def asked(sessions: int) -> Callable[[int], list[str]]:
        if args.questions == "shared":
            return lambda i: [QUESTIONS[(i + j) % len(QUESTIONS)] for j in range(3)]
        return lambda i: list(pool[offsets[sessions] + 3 * i : offsets[sessions] + 3 * i + 3])

    expected = expected_routes(pool)
    print(f"bench_load: {len(pool)} {args.questions} questions, {sum(map(len, expected.values()))} routes expected; "
          f"levels {levels}; think {args.think} s; ramp {args.ramp} s; step timeout {args.timeout} s; "
          f"{os.cpu_count()} cores")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        tmp_path = Path(tmp)
        run_dir = tmp_path / "serve"
        bare_page = tmp_path / "bare.py"
        bare_page.write_text(BARE)
        arms = [start_direct("1 worker", ROOT / "app.py", app_check(expected), tmp_path / "direct.log")]
        arms.append(start_serve(args.workers, app_check(expected), run_dir))
        if not args.no_bare:
            arms.append(start_direct("bare 1 worker", bare_page, bare_check, tmp_path / "bare.log"))
        try:
            deadline = time.monotonic() + 120
            for arm in arms:
                healthy(arm.url, deadline, arm.process)
            read_pids(arms[1], run_dir)
            for arm in arms:
                asyncio.run(warm_up(arm, args.timeout, list(pool[:3])))
            results: dict[tuple[str, int], dict] = {}
            client_cpu: dict[int, float] = {}
            for index, sessions in enumerate(levels):
                load = os.getloadavg()
                print(f"\n== {sessions} concurrent sessions (load average before: "
                      f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f})")  # fmt: skip
                order = arms if index % 2 == 0 else arms[::-1]
                client_start = time.process_time()
                for arm in order:
                    time.sleep(args.pause)
                    before = {pid: proc_cpu(pid) for pid in arm.workers}
                    start = time.perf_counter()
                    outcomes = asyncio.run(
                        run_level(arm.url, sessions, arm.check, args.think, args.timeout, args.ramp, asked(sessions))
                    )
                    wall = time.perf_counter() - start
                    cpu = {pid: proc_cpu(pid) - before[pid] for pid in arm.workers}
                    results[(arm.name, sessions)] = report(arm, sessions, outcomes, cpu, wall)
                client_cpu[sessions] = time.process_time() - client_start
                if not args.no_bare:
                    app, bare = results[(arms[0].name, sessions)], results[(arms[2].name, sessions)]
                    print(f"\n  ratio 1 worker app / bare page @ {sessions}: p50 {app['p50'] / bare['p50']:.1f}x, "
                          f"p95 {app['p95'] / bare['p95']:.1f}x")  # fmt: skip
                print(f"  load generator CPU for this level: {client_cpu[sessions]:.1f} s")
        finally:
            for arm in arms:
                stop(arm.process)

    print("\n== summary: seconds over all steps (load + 3 planner steps), failed steps, server CPU ms per right")
    print("   answer, RSS per worker (MB) after the level")
    print(f"{'arm':<20} {'sessions':>8} {'p50':>7} {'p95':>7} {'plan p50':>8} {'plan p95':>8} {'errors':>6} "
          f"{'CPU ms':>6}  RSS")  # fmt: skip
    for (name, sessions), r in sorted(results.items(), key=lambda item: (item[0][0], item[0][1])):
        rss = " ".join(f"{m:.0f}" for m in r["memory"])
        print(f"{name:<20} {sessions:>8} {r['p50']:7.3f} {r['p95']:7.3f} {r['plan_p50']:8.3f} {r['plan_p95']:8.3f} "
              f"{r['errors']:>6} {r['cpu_ms']:6.0f}  {rss}")  # fmt: skip
    goal = [r for (name, s), r in results.items() if s == 50 and not name.startswith("bare")]
    for (name, s), r in results.items():
        if s == 50 and not name.startswith("bare"):
            verdict = "met" if r["errors"] == 0 and r["p95"] <= 1.0 else "missed"
            print(f"goal (50 sessions, 0 errors, p95 <= 1 s) for {name}: {verdict}")
    if not goal:
        print("goal (50 sessions, 0 errors, p95 <= 1 s): level 50 not run")


if __name__ == "__main__":
    main()
