from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from routes import build_graph, load_dataset

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
DATA = ROOT / "data"


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the small test dataset."""
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the real dataset."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(scope="session")
def real():
    """The real dataset, loaded once."""
    return load_dataset(DATA)


@pytest.fixture(scope="session")
def real_graph(real):
    return build_graph(real)


@pytest.fixture(scope="session")
def mini():
    return load_dataset(MINI)


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    """Edit a fixture file; fails loudly when the text to replace is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, text: str, nth: int = 1) -> int:
    """1-based line number of the nth line containing ``text``."""
    hits = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line]
    assert len(hits) >= nth, f"{text!r} occurs {len(hits)} times in {path}"
    return hits[nth - 1]


# CI runs the property tests on a fixed set of examples, so a run is repeatable;
# locally hypothesis explores new ones each time.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    _hypothesis_settings.load_profile("ci")


@pytest.fixture
def quiet_streamlit():
    """AppTest formats widget options outside a script run; Streamlit then logs a harmless warning."""
    import logging

    logger = logging.getLogger("streamlit")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)
