"""Loading the dataset and graph once per data version, and the derived, cached views.

The cache key (:func:`fingerprint`) is built from the name, modification time,
size and inode of exactly the files ``python -m routes validate`` reads
(:func:`routes.loader.collect_files`): no file is read or hashed on a rerun,
only the entry file is parsed again when it changes (for its ``include`` list).
An edited file is picked up on the next rerun; an unchanged folder is never
parsed twice. A broken folder is cached too, with its problems.

Live edits: when an edit breaks the data, visitors keep the last good version
of the same folder while the server log and a notice in the sidebar tell the
maintainer what to fix; the next good edit is served without a restart.

Nothing is kept on disk: an earlier pickle cache gave no measurable start-up
gain and would run whatever code a planted file carried.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import threading
from dataclasses import dataclass, replace
from pathlib import Path

import networkx as nx
import streamlit as st

from routes import DataError, Dataset, build_graph, default_data_dir, load_dataset
from routes.loader import collect_files
from routes.translation import localize, missing_english
from routes.yaml_source import read_yaml
from ui.i18n import lang

__all__ = ["ENV_VAR", "Loaded", "data_dir", "fingerprint", "load", "preload"]

ENV_VAR = "METROKAART_DATA"
LOG = logging.getLogger("metrokaart.data")


@dataclass(frozen=True)
class Loaded:
    """A loaded data folder: the dataset and graph, or the problems that stop it loading.

    With ``stale`` the files on disk are broken (``problems``) and ``dataset`` is the
    last good version of the same folder, still in service.
    """

    path: str
    digest: str
    dataset: Dataset | None = None
    graph: nx.MultiDiGraph | None = None
    problems: tuple[str, ...] = ()
    stale: bool = False
    untranslated: int = 0  # texts shown in Dutch for want of their twin in this language

    @property
    def ok(self) -> bool:
        return self.dataset is not None


def data_dir() -> Path:
    """The data folder: ``$METROKAART_DATA`` when set, else the bundled ``data/``."""
    value = os.environ.get(ENV_VAR, "").strip()
    return Path(value).expanduser() if value else default_data_dir()


@st.cache_resource(show_spinner=False, max_entries=8)
def _entry_yaml(path: str, signature: tuple[int, int, int, int]):
    """The entry file, read once per version (its ``include`` list names the other files)."""
    return read_yaml(Path(path))


def _read_entry(path: Path, info: os.stat_result):
    return _entry_yaml(str(path), (info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns))


def fingerprint(path: Path) -> str:
    """A key for the version of a data folder: name, mtime, size and inode of each data file.

    The same files as ``validate`` (refused ones by their problem), found without
    reading any file but a changed entry file. A rerun on an unchanged, healthy
    folder only calls ``stat`` on its files and on the folders its include
    patterns search (:func:`_quick_signature`): the full walk resolves every path.
    """
    known = _signatures()
    quick = known.get(str(path))
    if quick is not None and _quick_signature(*quick[:2]) == quick[2]:
        return quick[3]
    found = collect_files(path, read_entry=_read_entry)
    digest = hashlib.sha256()
    for stats in found.stats:
        digest.update(repr(stats).encode("utf-8", "backslashreplace") + b"\0")
    for problem in found.problems:
        digest.update(str(problem).encode("utf-8", "backslashreplace") + b"\0")
    key = digest.hexdigest()[:16]
    searched = _searched_folders(found)
    if not found.problems and searched is not None:
        files = tuple(str(f) for f in found.files)
        known.put(str(path), (files, searched, _quick_signature(files, searched), key))
    else:
        known.put(str(path), None)
    return key


def _searched_folders(found) -> tuple[str, ...] | None:
    """The folders the include patterns search (a new file there is a new version), or None
    when a pattern searches a tree (``**``) or a folder named by a pattern: then every rerun walks."""
    base = found.entry.parent
    value = found.entry_located.value if found.entry_located is not None else None
    patterns = value.get("include", []) if isinstance(value, dict) else []
    folders = {str(base)}
    for pattern in patterns:
        if not isinstance(pattern, str):
            return None
        parent = Path(pattern).parent
        if any(c in str(parent) for c in "*?["):
            return None
        folders.add(str(base / parent))
    return tuple(sorted(folders))


def _quick_signature(files: tuple[str, ...], folders: tuple[str, ...]) -> tuple | None:
    """What ``stat`` (following links, as the loader does) says of the files and folders; None if one is gone."""
    try:
        return tuple(
            (s.st_mtime_ns, s.st_size, s.st_ino, s.st_ctime_ns, s.st_mode) for s in map(os.stat, files + folders)
        )
    except OSError:
        return None


class _Signatures:
    """Per data folder: its files, searched folders, their stat signature and the fingerprint."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_path: dict[str, tuple] = {}

    def get(self, path: str) -> tuple | None:
        with self._lock:
            return self._by_path.get(path)

    def put(self, path: str, value: tuple | None) -> None:
        with self._lock:
            if value is None:
                self._by_path.pop(path, None)
            else:
                self._by_path[path] = value


@st.cache_resource(show_spinner=False)
def _signatures() -> _Signatures:
    return _Signatures()


class _LastGood:
    """The last version of each data folder that loaded, shared by all sessions."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_path: dict[str, Loaded] = {}
        self._warned: set[tuple[str, str]] = set()

    def keep(self, loaded: Loaded) -> None:
        with self._lock:
            self._by_path[loaded.path] = loaded

    def get(self, path: str) -> Loaded | None:
        with self._lock:
            return self._by_path.get(path)

    def first_time(self, path: str, digest: str) -> bool:
        with self._lock:
            if (path, digest) in self._warned:
                return False
            self._warned.add((path, digest))
            return True


@st.cache_resource(show_spinner=False)
def _last_good() -> _LastGood:
    return _LastGood()


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(path: str, digest: str) -> Loaded:
    """Load and validate once per (folder, version); the graph is shared, never mutated.

    The dataset and graph are many objects that live as long as the server. Building
    them with the garbage collector paused saves collections that would find nothing,
    and freezing them afterwards keeps
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
    try:
        dataset = load_dataset(path)
    except DataError as exc:
        return Loaded(path, digest, problems=tuple(str(p) for p in exc.problems))
    except OSError as exc:
        return Loaded(path, digest, problems=(f"{path}: {exc}",))
    return Loaded(path, digest, dataset=dataset, graph=build_graph(dataset))


@st.cache_resource(show_spinner=False, max_entries=4)
def _in_language(path: str, digest: str, language: str, _loaded: Loaded) -> Loaded:
    """The loaded data with its texts in ``language``, built once per (folder, version, language)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        dataset = localize(_loaded.dataset, language)
        # The language is part of the digest, so every cache keyed by it keeps the languages apart.
        return replace(
            _loaded,
            digest=f"{digest}-{language}",
            dataset=dataset,
            graph=build_graph(dataset),
            untranslated=len(missing_english(_loaded.dataset)),
        )
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def load() -> Loaded:
    """The current data folder in the session's language, loaded once per version and language.

    When the files on disk are broken but an earlier version of the same folder
    loaded, that version stays in service (``stale``) and the problems are logged.
    """
    loaded = _load_current()
    language = lang()
    if not loaded.ok or language == "nl":
        return loaded
    translated = _in_language(loaded.path, loaded.digest, language, loaded)
    return replace(translated, problems=loaded.problems, stale=loaded.stale)


def _load_current() -> Loaded:
    path = data_dir()
    current = _load(str(path), fingerprint(path))
    store = _last_good()
    if current.ok:
        store.keep(current)
        return current
    good = store.get(current.path)
    if store.first_time(current.path, current.digest):
        LOG.warning(
            "The data in %s is broken (%d problems; run: python -m routes validate %s). %s First: %s",
            current.path,
            len(current.problems),
            current.path,
            "Visitors keep the last good version." if good else "The app shows the problems.",
            current.problems[0] if current.problems else "",
        )
    if good is None:
        return current
    return replace(good, problems=current.problems, stale=True)


def preload() -> Loaded:
    """Load the current data folder into the cache before anybody asks (see ``ui.launch``).

    Also imports what the landing page needs, so its first run finds it in memory.
    """
    import ui.planner_form  # noqa: F401
    import ui.route_view  # noqa: F401
    from ui.i18n import LANGS, catalogue

    for language in LANGS:
        catalogue(language)
    return _load_current()
