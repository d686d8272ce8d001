"""A planner rerun on the real data against the same rerun on 100x generated data (issue 11, part 3).

What one rerun costs the server: script time, and the bytes of the messages it sends
to the browser (the serialised ForwardMsgs of the run, counted as Streamlit enqueues
them). The question is the same in both arms (a person changes the target job on
the planner page, with a start and a region chosen); the arms run interleaved
(A B A B ...) in one process, each on its own data folder, so drift hits both alike.
A bare one-selectbox page is measured the same way, as the floor.

Goals: at 100x data, a rerun <= 2x the rerun on the real data, in time and in bytes.

Run: .venv/bin/python -m benchmarks.bench_rerun [--copies 100] [--repeat 30]
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import functools
import gc
import os
import statistics
import tempfile
import time
from pathlib import Path

from streamlit.runtime.forward_msg_queue import ForwardMsgQueue
from streamlit.testing.v1 import AppTest

from routes.loader import default_data_dir
from routes.synthetic import national_data_dir, scaled_data_dir

ROOT = Path(__file__).resolve().parent.parent
BARE = """import streamlit as st
st.selectbox("pick", ["a", "b", "c", "d"], key="pick")
"""
SENT = [0]  # bytes enqueued for the browser since the last reset
NAMES: dict[str, str] = {}  # job id -> its Dutch name, what a person types to find it


def _counting_enqueue(original):
    def enqueue(self, msg):
        SENT[0] += msg.ByteSize()
        return original(self, msg)

    return enqueue


ForwardMsgQueue.enqueue = _counting_enqueue(ForwardMsgQueue.enqueue)


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def summary(values: list[float], unit: str, scale: float = 1.0) -> str:
    return " | ".join(f"p{p} {percentile(values, p) * scale:8.1f}" for p in (50, 95, 99)) + (
        f" | max {max(values) * scale:8.1f} {unit}"
    )


class Arm:
    """One app on one data folder, driven like a person changing the target job."""

    def __init__(
        self,
        name: str,
        data_dir: Path | None,
        targets: list[str],
        suffix: str = "",
        start: str = "vmbo-kb",
        region: str = "zuid-limburg",
    ):
        self.name, self.data_dir = name, data_dir
        self.targets = [t + suffix for t in targets]
        self.times: list[float] = []
        self.bytes: list[float] = []
        self.searches: list[float] = []
        self._env()
        if data_dir is None:
            with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
                handle.write(BARE)
            self.app = AppTest.from_file(handle.name, default_timeout=600)
        else:
            self.app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
            self.app.query_params = {"from": start, "region": region}
        self.app.run()
        self.i = 0

    def _env(self) -> None:
        if self.data_dir is not None:
            os.environ["METROKAART_DATA"] = str(self.data_dir)

    @staticmethod
    def typed(target: str) -> str:
        """What a person types to find a job: its name (a generated copy's name ends in its tag)."""
        base, _, copy = target.rpartition("-x")
        return f"{NAMES[base]} x{copy}" if base in NAMES else NAMES[target]

    def step(self, record: bool = True) -> None:
        self._env()
        self.i += 1
        SENT[0] = 0
        start = time.perf_counter()
        if self.data_dir is None:
            self.app.selectbox(key="pick").set_value("abcd"[self.i % 4]).run()
        else:
            target = self.targets[(self.i - 1) % len(self.targets)]
            if any(w.key == "pl_to__q" for w in self.app.text_input):
                # A long list is searched first, as a person types part of the name; that rerun is timed apart.
                self.app.text_input(key="pl_to__q").set_value(self.typed(target)).run()
                self.searches.append(time.perf_counter() - start)
                start = time.perf_counter()
            self.app.selectbox(key="pl_to").set_value(target).run()
        elapsed = time.perf_counter() - start
        assert not self.app.exception, self.app.exception
        if self.data_dir is not None:  # the answer is on the page: a route (no error), and its share link
            assert not self.app.error, [e.value for e in self.app.error]
            assert any(f"to={target}" in c.value for c in self.app.code), f"no route to {target} on the page"
        if record:
            self.times.append(elapsed)
            self.bytes.append(SENT[0])


@functools.cache
def _real_graph():
    from routes import build_graph, load_dataset

    return build_graph(load_dataset())


def _plannable(target: str) -> bool:
    """Whether the planner finds a route from the benchmark's start in its region on the real data."""
    from routes.errors import NoRoute
    from routes.planner import Query, plan

    try:
        return bool(plan(_real_graph(), Query(holds=("vmbo-kb",), target=target, region="zuid-limburg")))
    except NoRoute:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--shape",
        choices=("national", "copies"),
        default="national",
        help="national: the real data as national core plus regional catalogues (national_data_dir); "
        "copies: the real data N times over, every copy national, all meeting in the admission hubs",
    )
    args = parser.parse_args()
    print(f"garbage collection: {'on' if gc.isenabled() else 'off'}")
    from routes import load_dataset

    NAMES.update({fid: f.name for fid, f in load_dataset().functions.items()})
    # Warm-up questions first (caches of labels and option lists fill), then questions never asked
    # before in this process, so a cache of answers in the app cannot flatter the figures.
    warm = ["verzorgende-ig", "mbo-verpleegkundige", "helpende-zorg-welzijn", "pedagogisch-medewerker-kinderopvang"]
    fresh = [f for f in sorted(NAMES) if f not in warm and _plannable(f)]
    targets = warm + fresh[:: max(1, len(fresh) // args.repeat)][: args.repeat]
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        write = national_data_dir if args.shape == "national" else scaled_data_dir
        big_dir = write(default_data_dir(), Path(tmp), args.copies)
        print(f"{args.copies}x data ({args.shape}) written in {time.perf_counter() - t0:.1f} s")
        # The question in the big arm: the same start and region, and a target job in one of the
        # region's own catalogues (national shape) or in the middle copy (copies shape).
        region = "zuid-limburg"
        if args.shape == "national":  # the middle one of Zuid-Limburg's catalogues (the first copy if none)
            regions = sorted(r for r in load_dataset().regions if r != "nederland")
            own = [c for c in range(1, args.copies) if regions[(c - 1) % len(regions)] == region] or [1]
            copy = own[len(own) // 2]
            region = regions[(copy - 1) % len(regions)]
            start, big_region = "vmbo-kb", region
        else:
            copy = args.copies // 2
            start, big_region = f"vmbo-kb-x{copy}", f"{region}-x{copy}"
        t0 = time.perf_counter()
        arms = [
            Arm("real data", default_data_dir(), targets, region=region),
            Arm(f"{args.copies}x data", big_dir, targets, suffix=f"-x{copy}", start=start, region=big_region),
            Arm("bare page", None, targets),
        ]
        print(f"first runs (load, validate, build; cached afterwards): {time.perf_counter() - t0:.1f} s")
        for arm in arms:
            for _ in warm:
                arm.step(record=False)
        for _ in range(args.repeat):
            for arm in arms:
                arm.step()
    for arm in arms:
        print(f"{arm.name:<12} rerun time  {summary(arm.times, 'ms', 1000)}")
        print(f"{'':<12} bytes sent  {summary(arm.bytes, 'KB', 1 / 1024)}")
        if arm.searches:
            print(f"{'':<12} search (typing part of the name, its own rerun) {summary(arm.searches, 'ms', 1000)}")
    real, big = arms[0], arms[1]
    for label, a, b in (("time", big.times, real.times), ("bytes", big.bytes, real.bytes)):
        ratio = statistics.median(a) / max(statistics.median(b), 1e-9)
        print(f"{args.copies}x / real, {label} (p50): {ratio:.2f}x  (goal <= 2x)")
    print(f"real / bare, time (p50): {statistics.median(real.times) / statistics.median(arms[2].times):.1f}x")


if __name__ == "__main__":
    main()
