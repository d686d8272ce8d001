"""A corpus of broken and hostile data files: each is refused with its own message at file:line.

The files are in ``tests/corpus/`` with their expectations in ``tests/corpus/cases.yaml``;
special files (FIFOs, symlinks, devices, sockets) and huge files are made here at test time,
as they cannot or should not be committed. Every case goes into a copy of the mini dataset and
is checked through the command line, ``python -m routes validate DIR``, as a maintainer runs it:
exit code 1, no traceback, one line per problem, bounded output and time.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from routes.loader import MAX_PROBLEMS, MAX_TOTAL_ENV
from tests.conftest import MINI, ROOT

CORPUS = ROOT / "tests" / "corpus"
CASES: dict[str, dict] = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
LINE = re.compile(r"^.+:\d+:\d+: \S")
MORE = re.compile(r"^\.\.\. and (at least )?\d+ more problems")
MB = 1024 * 1024


def _region_lines(n: int) -> str:
    return "regions:\n" + "".join(f"  - id: r{i}\n" for i in range(n))


def _fifo(data: Path, name: str) -> None:
    os.mkfifo(data / name)


def _symlink(target: str):
    def make(data: Path, name: str) -> None:
        (data / name).symlink_to(target)

    return make


def _outside_file(data: Path, name: str) -> None:
    secret = data.parent / "secret.yaml"
    secret.write_text("regions:\n  - id: geheim\n    name: Geheim\n", encoding="utf-8")
    (data / name).symlink_to(secret)


def _outside_dir(data: Path, name: str) -> None:
    outside = data.parent / "elders"
    outside.mkdir()
    (outside / "x.yaml").write_text("regions: []\n", encoding="utf-8")
    (data / "regions" / "elders").symlink_to(outside)
    functions = data / "functions.yaml"
    text = functions.read_text(encoding="utf-8")
    functions.write_text(text.replace("  - regions/*.yaml\n", "  - regions/*.yaml\n  - regions/*/*.yaml\n"))


def _loop(data: Path, name: str) -> None:
    (data / name).symlink_to(data / name)


def _socket(data: Path, name: str) -> None:
    # AF_UNIX paths are short: bind in a short folder, then move the socket file into place.
    short = Path("/tmp") / f"mk-{os.getpid()}-{time.monotonic_ns()}.sock"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(short))
    shutil.move(str(short), data / name)


def _write(content: bytes | str):
    def make(data: Path, name: str) -> None:
        (data / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))

    return make


def _too_big_together(data: Path, name: str) -> None:
    for i in range(5):
        (data / "regions" / f"groot{i}.yaml").write_bytes(b"regions: []\n# " + b"x" * (4 * MB + MB // 2) + b"\n")


def _entry_fifo(data: Path, name: str) -> None:
    (data / "functions.yaml").unlink()
    os.mkfifo(data / "functions.yaml")


def _entry_symlink_outside(data: Path, name: str) -> None:
    (data / "functions.yaml").unlink()
    (data / "functions.yaml").symlink_to("/etc/hostname")


def _many_incomplete_entries(data: Path, name: str) -> None:
    # The case: 700,000 incomplete entries (~12 MB) took 2 minutes and 2.8 GB.
    (data / name).write_text("functions:\n" + "".join(f"  - id: f{i}\n" for i in range(700_000)), encoding="utf-8")


def _many_problems(data: Path, name: str) -> None:
    (data / name).write_text(_region_lines(60_000), encoding="utf-8")


# name -> (how to make it, file shown in the problem (relative to the data folder), line, message fragment)
SPECIAL = {
    "fifo": (_fifo, "regions/fifo.yaml", 1, "a FIFO (named pipe), not a data file: it was not opened"),
    "symlink-to-dev-zero": (_symlink("/dev/zero"), "regions/symlink-to-dev-zero.yaml", 1, "leads outside"),
    "symlink-to-dev-null": (_symlink("/dev/null"), "regions/symlink-to-dev-null.yaml", 1, "leads outside"),
    "symlink-to-etc-passwd": (_symlink("/etc/passwd"), "regions/symlink-to-etc-passwd.yaml", 1, "leads outside"),
    "symlink-outside-file": (_outside_file, "regions/symlink-outside-file.yaml", 1, "leads outside"),
    "symlink-outside-dir": (_outside_dir, "regions/elders/x.yaml", 1, "leads outside"),
    "symlink-loop": (_loop, "regions/symlink-loop.yaml", 1, "refused"),
    "symlink-dangling": (_symlink("nergens.yaml"), "regions/symlink-dangling.yaml", 1, "cannot read"),
    "socket": (_socket, "regions/socket.yaml", 1, "a socket, not a data file"),
    "huge-file": (_write(b"# " + b"x" * (6 * MB) + b"\n"), "regions/huge-file.yaml", 1, "too big (6.0 MB"),
    "too-many-lines": (_write("#\n" * 150_000), "regions/too-many-lines.yaml", 1, "too many lines"),
    "too-big-together": (_too_big_together, "regions/groot4.yaml", 1, "together are larger than 20 MB"),
    "entry-is-a-fifo": (_entry_fifo, "functions.yaml", 1, "a FIFO (named pipe)"),
    "entry-symlink-outside": (_entry_symlink_outside, "functions.yaml", 1, "leads outside"),
    "many-incomplete-entries": (_many_incomplete_entries, "regions/many-incomplete-entries.yaml", 1, "too big"),
    "many-problems": (_many_problems, "regions/many-problems.yaml", 2, "missing field 'name'"),
}
SPECIAL_TARGET = {name: f"regions/{name}.yaml" for name in SPECIAL}


def _prepare(base: Path, name: str) -> Path:
    data = base / name / "data"
    shutil.copytree(MINI, data)
    if name in SPECIAL:
        SPECIAL[name][0](data, SPECIAL_TARGET[name])
    else:
        target = data / CASES[name]["as"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CORPUS / f"{name}.yaml", target)
    return data


def _validate(data: Path) -> tuple[int, str, str, float]:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "routes", "validate", str(data)],
        cwd=ROOT,
        env={**os.environ, MAX_TOTAL_ENV: "20"},  # the folder cap a deployment can set; small keeps the case cheap
        capture_output=True,
        timeout=120,
    )
    return result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8"), time.monotonic() - started


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, tuple[Path, tuple[int, str, str, float]]]:
    """Every case validated once, eight at a time (each is a process of its own)."""
    base = tmp_path_factory.mktemp("corpus")
    names = list(CASES) + list(SPECIAL)
    folders = {name: _prepare(base, name) for name in names}
    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = dict(zip(names, pool.map(_validate, [folders[n] for n in names]), strict=True))
    return {name: (folders[name], outcomes[name]) for name in names}


def test_the_corpus_is_large_enough():
    assert len(CASES) + len(SPECIAL) >= 60
    assert not [f for f in CORPUS.iterdir() if f.suffix == ".yaml" and f.stem not in CASES and f.name != "cases.yaml"]


@pytest.mark.parametrize("name", list(CASES) + list(SPECIAL))
def test_each_broken_file_is_refused_with_its_message_at_file_and_line(results, name):
    data, (code, out, err, seconds) = results[name]
    if name in SPECIAL:
        _, shown, line, fragment = SPECIAL[name]
    else:
        shown, line, fragment = CASES[name]["as"], CASES[name]["line"], CASES[name]["message"]
    assert code == 1, (code, out, err)
    assert "Traceback" not in out + err and "internal error" not in err, err
    lines = out.splitlines()
    assert lines, "at least one problem"
    # One line per problem: every line is file:line:col: message (or the closing count).
    for text in lines:
        assert LINE.match(text) or MORE.match(text), text
    assert all(not MORE.match(text) for text in lines[:-1])
    assert len(lines) <= MAX_PROBLEMS + 1
    assert len(out) < 200_000, "bounded output"
    assert seconds < 90, "bounded time (a hang would hit the 120 s timeout; a loaded CI machine is slow)"
    assert len(set(lines)) == len(lines), "no problem is said twice"
    prefix = f"{data / shown}:" + (f"{line}:" if line else "")
    hits = [text for text in lines if text.startswith(prefix) and fragment in text]
    assert hits, f"expected {prefix}…{fragment!r} in:\n" + "\n".join(lines[:20])
