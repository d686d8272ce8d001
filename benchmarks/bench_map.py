"""Metro map figures (issue 8): layout time on the real and on generated data, and the map page's
rerun against a bare Streamlit page.

Prints:
- layout: computing the layout from the real data (p50/max over --repeat runs), reading the stored
  data/layout.json instead (what the app does), and computing it once for the real data copied
  --scale times (ids renamed; default 10);
- geometry of each layout: bends, crossings, overlaps (python -m routes layout --figures);
- map page rerun (server-side script time, Streamlit's AppTest): changing the line filter on the
  map page with a route, against changing a selectbox on a bare page; the two arms interleaved
  (A B A B ...), p50/p95/max and the ratio of the medians. Garbage collection stays on, as in
  the app.

Usage: .venv/bin/python -m benchmarks.bench_map [--repeat N] [--scale N]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import tempfile
import time
from pathlib import Path

from routes import load_dataset
from routes.layout import metro_layout
from routes.layout.checks import figures
from routes.layout.store import FILE_NAME, load_layout
from routes.loader import default_data_dir
from routes.synthetic import scaled_data_dir

ROOT = Path(__file__).resolve().parent.parent
BARE = 'import streamlit as st\nst.write(st.selectbox("Kies", ["a", "b", "c", "d", "e", "f"], key="pick"))\n'


def quantiles(values: list[float]) -> str:
    ordered = sorted(values)
    p = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return f"p50 {statistics.median(ordered):8.1f}  p95 {p(0.95):8.1f}  max {ordered[-1]:8.1f} ms"


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def layout_figures(repeat: int, scale: int) -> None:
    data = default_data_dir()
    real = load_dataset(data)
    computed = [timed(lambda: metro_layout(real)) for _ in range(repeat)]
    stored = [timed(lambda: load_layout(real, data)) for _ in range(repeat * 4)]
    print(f"layout, real data ({len(real.kinds)} entities), computed: {quantiles(computed)}")
    print(f"layout, real data, read from data/{FILE_NAME}:        {quantiles(stored)}")
    print(f"  ratio computed/stored (p50): {statistics.median(computed) / statistics.median(stored):.0f}x")
    print("  geometry:", figures(metro_layout(real)))
    if scale > 1:
        with tempfile.TemporaryDirectory() as tmp:
            big = load_dataset(scaled_data_dir(data, Path(tmp), scale))
            start = time.perf_counter()
            layout = metro_layout(big)
            seconds = time.perf_counter() - start
        size = f"{len(layout.stations)} stations, {len(layout.lines)} lines"
        print(f"layout, {scale}x data ({size}): {seconds:.1f} s once")
        print("  geometry:", figures(layout))


def rerun_figures(repeat: int) -> None:
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    app.query_params = {"from": "vmbo-kb", "to": "mbo-verpleegkundige"}
    app.switch_page("views/metrokaart.py").run()
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
        handle.write(BARE)
    bare = AppTest.from_file(handle.name, default_timeout=60)
    bare.run()
    choices = [["lijn-vvt"], ["lijn-ggz"], ["lijn-vvt", "lijn-ziekenhuis"], []]
    options = ["a", "b", "c", "d"]
    # warm up both (first HTML build per filter is cached afterwards, as in the app)
    for lines in choices:
        app.multiselect(key="mp_lines").set_value(lines).run()
    app_times, bare_times = [], []
    for i in range(repeat):
        lines = choices[i % len(choices)]
        app_times.append(timed(lambda lines=lines: app.multiselect(key="mp_lines").set_value(lines).run()))
        pick = options[i % len(options)]
        bare_times.append(timed(lambda pick=pick: bare.selectbox(key="pick").set_value(pick).run()))
    assert not app.exception and not bare.exception
    print(f"map page rerun (line filter), gc {'on' if gc.isenabled() else 'off'}: {quantiles(app_times)}")
    print(f"bare page rerun (selectbox):                {quantiles(bare_times)}")
    print(f"  ratio map/bare (p50): {statistics.median(app_times) / statistics.median(bare_times):.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--scale", type=int, default=10)
    args = parser.parse_args()
    layout_figures(args.repeat, args.scale)
    rerun_figures(args.repeat * 3)


if __name__ == "__main__":
    main()
