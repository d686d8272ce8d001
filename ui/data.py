"""Loading the dataset and graph once per data version, and the derived, cached views.

The cache key is a hash of the bytes of every YAML file in the data folder
(cheap: well under a millisecond), so an edited file is picked up on the next
rerun while an unchanged folder is never parsed twice. A broken folder is
cached too, with its problems, so it is not re-parsed on every rerun either.

Parsing and validating the data takes a few hundred milliseconds, most of a
cold start. So a validated dataset is also kept on disk (a pickle in the user's
cache folder, keyed by the data hash and the code of ``routes/``): the next
server start reads it back in milliseconds. ``METROKAART_CACHE`` chooses the
folder; an empty value switches the disk cache off.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import networkx as nx
import streamlit as st

from routes import DataError, Dataset, build_graph, default_data_dir, load_dataset

__all__ = ["CACHE_ENV_VAR", "ENV_VAR", "Loaded", "cache_dir", "data_dir", "fingerprint", "load"]

ENV_VAR = "METROKAART_DATA"
CACHE_ENV_VAR = "METROKAART_CACHE"
KEEP_ON_DISK = 8  # newest pickles kept; older ones are removed


@dataclass(frozen=True)
class Loaded:
    """A loaded data folder: the dataset and graph, or the problems that stop it loading."""

    path: str
    digest: str
    dataset: Dataset | None = None
    graph: nx.MultiDiGraph | None = None
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.dataset is not None


def data_dir() -> Path:
    """The data folder: ``$METROKAART_DATA`` when set, else the bundled ``data/``."""
    value = os.environ.get(ENV_VAR, "").strip()
    return Path(value).expanduser() if value else default_data_dir()


def cache_dir() -> Path | None:
    """Where validated datasets are kept between server starts (``None``: not at all)."""
    value = os.environ.get(CACHE_ENV_VAR)
    if value is not None:
        return Path(value).expanduser() if value.strip() else None
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(base) / "metrokaart-zorg-welzijn"


def fingerprint(path: Path) -> str:
    """A hash of the names and bytes of the YAML files in a data folder (or of one file)."""
    digest = hashlib.sha256()
    root = path if path.is_dir() else path.parent
    files = sorted(root.rglob("*.yaml")) if root.is_dir() else []
    for file in files:
        try:
            content = file.read_bytes()
        except OSError:
            continue
        digest.update(str(file.relative_to(root)).encode("utf-8") + b"\0")
        digest.update(content + b"\0")
    return digest.hexdigest()[:16]


@cache
def _code_version() -> str:
    """A hash of the code that shapes the pickled objects: a change in ``routes/`` invalidates them."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent / "routes"
    for file in sorted(package.glob("*.py")):
        digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:12]


def _read_pickle(file: Path) -> tuple[Dataset, nx.MultiDiGraph] | None:
    try:
        with open(file, "rb") as handle:
            dataset, graph = pickle.load(handle)  # noqa: S301 - our own cache file, written below
    except Exception:  # a missing, partial or outdated file: load from the YAML instead
        return None
    return (dataset, graph) if isinstance(dataset, Dataset) and isinstance(graph, nx.MultiDiGraph) else None


def _write_pickle(folder: Path, file: Path, value: tuple[Dataset, nx.MultiDiGraph]) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, file)
        old = sorted(folder.glob("*.pickle"), key=lambda f: f.stat().st_mtime, reverse=True)[KEEP_ON_DISK:]
        for stale in old:
            stale.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        pass  # a read-only home folder only costs speed


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(path: str, digest: str) -> Loaded:
    """Load and validate once per (folder, content hash); the graph is shared, never mutated.

    The dataset and graph are many objects that live as long as the server. Building
    them with the garbage collector paused saves collections that would find nothing
    (a third of the time to read the pickle), and freezing them afterwards keeps
    Python's full collections from walking them all: without it, an ordinary rerun
    now and then took 100-200 ms instead of 15.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_uncached(path, digest)
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _load_uncached(path: str, digest: str) -> Loaded:
    folder = cache_dir()
    where = hashlib.sha256(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:8]
    file = folder / f"{where}-{digest}-{_code_version()}.pickle" if folder else None
    if file is not None and (found := _read_pickle(file)) is not None:
        dataset, graph = found
        return Loaded(path, digest, dataset=dataset, graph=graph)
    try:
        dataset = load_dataset(path)
    except DataError as exc:
        return Loaded(path, digest, problems=tuple(str(p) for p in exc.problems))
    except OSError as exc:
        return Loaded(path, digest, problems=(f"{path}: {exc}",))
    graph = build_graph(dataset)
    if file is not None:
        _write_pickle(folder, file, (dataset, graph))
    return Loaded(path, digest, dataset=dataset, graph=graph)


def load() -> Loaded:
    """The current data folder, loaded (from the cache when its files have not changed)."""
    path = data_dir()
    return _load(str(path), fingerprint(path))
