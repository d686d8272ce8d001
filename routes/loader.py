"""Loading a data folder: safe YAML, pydantic models, then whole-dataset checks.

``load_dataset("data")`` returns a :class:`~routes.dataset.Dataset` or raises
:class:`~routes.errors.DataError` listing *every* problem as ``file:line:col``.
"""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from .dataset import Dataset
from .errors import DataError, MoreProblems, Problem
from .models import KINDS, SECTIONS
from .yaml_source import MAX_FILE_BYTES, Located, Position, file_kind, read_yaml

__all__ = [
    "ENTRY_FILE",
    "MAX_FILES",
    "MAX_FILE_BYTES",
    "MAX_PROBLEMS",
    "MAX_TOTAL_BYTES",
    "DataFiles",
    "collect_files",
    "data_files",
    "default_data_dir",
    "load_dataset",
]

ENTRY_FILE = "functions.yaml"
# All data files together: the real data is under 1 MB; 100 copies of it (national scale,
# benchmarks/bench_rerun.py) is about 90 MB. Beyond this a folder is refused, not read.
# A deployment with more data raises it with METROKAART_MAX_DATA_MB.
MAX_TOTAL_BYTES = 160 * 1024 * 1024
MAX_TOTAL_ENV = "METROKAART_MAX_DATA_MB"


def _max_total_bytes() -> int:
    value = os.environ.get(MAX_TOTAL_ENV, "").strip()
    return int(value) * 1024 * 1024 if value.isdigit() and int(value) > 0 else MAX_TOTAL_BYTES
MAX_FILES = 500  # files an include list may bring in
MAX_PROBLEMS = 200  # problems reported; the rest are counted in one line
_MB = 1024 * 1024
_STOP_AFTER = 5 * MAX_PROBLEMS  # checking stops here, so a huge broken file costs bounded time


def default_data_dir() -> Path:
    """The data folder bundled with the project: ``data/`` beside ``routes/`` in the source tree,
    else the copy installed with the package (``pip install .`` ships it as ``metrokaart_data``)."""
    source = Path(__file__).resolve().parent.parent / "data"
    if (source / ENTRY_FILE).is_file():
        return source
    from importlib.util import find_spec

    spec = find_spec("metrokaart_data")
    if spec is not None and spec.submodule_search_locations:
        return Path(list(spec.submodule_search_locations)[0])
    return source


def _entry_path(data_dir: Path) -> Path:
    return data_dir if data_dir.is_file() else data_dir / ENTRY_FILE


@dataclass(frozen=True)
class DataFiles:
    """The files a data folder consists of: *the* definition, shared by ``validate`` and the app.

    ``files`` are the entry file and its includes, in order, each a regular file (a
    symlink is followed only to a regular file) inside the data folder, at most
    :data:`MAX_FILE_BYTES` each and :data:`MAX_TOTAL_BYTES` together. Anything
    refused is in ``problems``, never opened. ``stats`` holds ``(name, mtime_ns,
    size, inode)`` per file, so a cache can key on them without reading a byte.
    """

    entry: Path
    files: tuple[Path, ...]
    stats: tuple[tuple[str, int, int, int], ...]
    problems: tuple[Problem, ...]
    entry_located: Located | None = None


EntryReader = Callable[[Path, os.stat_result], tuple[Located | None, list[Problem]]]


def collect_files(data_dir: str | Path, read_entry: EntryReader | None = None) -> DataFiles:
    """Find and check the data files of ``data_dir`` without reading any but the entry file.

    The entry file's ``include`` list names the others. ``read_entry(path, stat)``
    reads the entry file once it has passed the checks (default: :func:`read_yaml`);
    a cache can key it on the ``stat`` result.
    """
    data_dir = Path(data_dir)
    entry = _entry_path(data_dir)
    base = entry.parent
    try:
        root = base.resolve()
    except (OSError, RuntimeError):
        root = base.absolute()
    problems: list[Problem] = []
    files: list[Path] = []
    stats: list[tuple[str, int, int, int]] = []
    total = 0
    max_total = _max_total_bytes()

    entry_stat: list[os.stat_result] = []

    def admit(path: Path) -> bool:
        """Whether ``path`` may be read; if not, a problem at the file itself that says why."""
        nonlocal total
        display = str(path)

        def refuse(message: str) -> bool:
            problems.append(Problem(display, 1, 1, message))
            return False

        try:
            real = path.resolve()
        except (OSError, RuntimeError):
            return refuse("a symlink that leads nowhere (a loop): refused, not opened")
        if not real.is_relative_to(root):
            return refuse(f"leads outside the data folder (to {real}): refused, not opened")
        try:
            info = os.stat(path)  # follows a symlink but opens nothing: a FIFO cannot hang here
        except OSError as exc:
            return refuse(f"cannot read the file: {exc.strerror or exc}")
        if not stat.S_ISREG(info.st_mode):
            return refuse(f"{file_kind(info.st_mode)}, not a data file: it was not opened")
        if info.st_size > MAX_FILE_BYTES:
            return refuse(f"the file is too big ({info.st_size / _MB:.1f} MB; at most {MAX_FILE_BYTES // _MB} MB)")
        if total + info.st_size > max_total:
            return refuse(
                f"the data files together are larger than {max_total // _MB} MB: "
                "this file and the ones after it were not read"
            )
        total += info.st_size
        entry_stat.append(info)
        files.append(path)
        stats.append((display, info.st_mtime_ns, info.st_size, info.st_ino))
        return True

    if not os.path.lexists(entry):
        problems.append(Problem(str(entry), 1, 1, f"no {ENTRY_FILE} here: the entry file of the dataset is missing"))
        return DataFiles(entry, (), (), tuple(problems))
    if not admit(entry):
        return DataFiles(entry, (), (), tuple(problems))
    entry_located, found = (read_entry or _read_entry)(entry, entry_stat[0])
    problems += found
    if entry_located is not None:
        for path, pos in _includes(entry_located, base, problems):
            if len(files) > MAX_FILES:
                problems.append(pos.problem(f"more than {MAX_FILES} data files; the rest were not read"))
                break
            if total > max_total:
                break
            admit(path)
    return DataFiles(entry, tuple(files), tuple(stats), tuple(problems), entry_located)


def _read_entry(path: Path, info: os.stat_result) -> tuple[Located | None, list[Problem]]:
    return read_yaml(path)


def data_files(data_dir: str | Path) -> list[Path]:
    """The files a data folder consists of (see :class:`DataFiles`): the entry file and all includes."""
    return list(collect_files(data_dir).files)


def load_dataset(data_dir: str | Path | None = None, *, check: bool = True) -> Dataset:
    """Load and validate a data folder (default: the bundled ``data/``).

    Raises :class:`DataError` with all problems, sorted by file and line; after
    :data:`MAX_PROBLEMS` the rest are counted in one last line.
    With ``check=False`` the whole-dataset checks are skipped (field checks still run).
    """
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    found = collect_files(data_dir)
    problems: list[Problem] = list(found.problems)
    if not found.files or found.entry_located is None:
        raise DataError(_capped(problems, stopped=False))
    # A file that could not be read leaves many ids missing: then "unknown id" and
    # reachability reports would only be noise, so they are left out.
    partial = len(found.problems) > 0
    dataset = Dataset()
    located_files: list[Located] = [found.entry_located]
    stopped = False
    for path in found.files[1:]:
        if len(problems) >= _STOP_AFTER:
            stopped = True
            break
        located, more = read_yaml(path, str(path))
        problems += more
        partial = partial or bool(more)  # a value refused while reading leaves ids missing
        if located is not None:
            located_files.append(located)

    for located in located_files:
        if len(problems) >= _STOP_AFTER:
            stopped = True
            break
        dataset.files.append(located.file)
        is_entry = located is found.entry_located
        more, lost = _read_entities(located, dataset, is_entry=is_entry, budget=_STOP_AFTER - len(problems))
        problems += more
        partial = partial or lost

    if check and not stopped:
        from .checks import check_dataset

        problems += check_dataset(dataset, broken_ids=dataset.broken_ids, partial=partial)
    if problems:
        order = {str(p): i for i, p in enumerate(found.files)}
        problems.sort(key=lambda p: (order.get(p.file, len(order)), p.file, p.line, p.col, p.message))
        raise DataError(_capped(_unique(problems), stopped=stopped))
    return dataset


def _unique(problems: list[Problem]) -> list[Problem]:
    """One line per problem: the same message at the same place is said once."""
    return list(dict.fromkeys(problems))


def _capped(problems: list[Problem], *, stopped: bool) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS and not stopped:
        return problems
    last = problems[min(len(problems), MAX_PROBLEMS) - 1]
    rest = max(0, len(problems) - MAX_PROBLEMS)
    return problems[:MAX_PROBLEMS] + [MoreProblems(last.file, last.line, last.col, "", count=rest, stopped=stopped)]


def _includes(entry: Located, base: Path, problems: list[Problem]) -> list[tuple[Path, Position]]:
    """The files the entry's ``include`` list names, each with the position of its pattern."""
    value = entry.value
    if not isinstance(value, dict) or "include" not in value:
        return []
    patterns = value["include"]
    if not isinstance(patterns, list):
        problems.append(entry.where(("include",)).problem("'include' must be a list of file names"))
        return []
    found: list[tuple[Path, Position]] = []
    seen: set[Path] = {base / ENTRY_FILE}
    for i, pattern in enumerate(patterns):
        pos = entry.where(("include", i))
        if not isinstance(pattern, str) or not pattern.strip():
            problems.append(pos.problem("each include must be a file name or pattern such as regions/*.yaml"))
            continue
        if Path(pattern).is_absolute() or ".." in Path(pattern).parts:
            problems.append(pos.problem(f"include {pattern!r} points outside the data folder; refused"))
            continue
        if any(c in pattern for c in "*?["):
            try:
                matches = sorted(m for m in base.glob(pattern) if not m.is_dir())
            except (ValueError, NotImplementedError, OSError) as exc:
                problems.append(pos.problem(f"include {pattern!r} is not a valid pattern ({exc})"))
                continue
        else:
            matches = [base / pattern] if os.path.lexists(base / pattern) else []
        if not matches:
            problems.append(pos.problem(f"include {pattern!r} matches no file in {base}"))
        for match in matches[: MAX_FILES + 2]:
            if match not in seen:
                seen.add(match)
                found.append((match, pos))
    return found


def _read_entities(
    located: Located, dataset: Dataset, *, is_entry: bool, budget: int = _STOP_AFTER
) -> tuple[list[Problem], bool]:
    """The entities of one file into ``dataset``; the problems, and whether whole parts were lost.

    Entries are checked until ``budget`` problems are found.
    """
    value = located.value
    if not isinstance(value, dict):
        message = "the top level must be a mapping with sections such as 'functions:' or 'steps:'"
        return [located.where(()).problem(message)], True
    problems: list[Problem] = []
    lost = False
    allowed = list(SECTIONS) + (["include"] if is_entry else [])
    for section, items in value.items():
        if section == "include":
            if not is_entry:
                problems.append(located.where((section,)).problem(f"'include' is only allowed in {ENTRY_FILE}"))
            continue
        if section not in SECTIONS:
            problems.append(located.where((section,)).problem(f"unknown section {section!r}{_hint(section, allowed)}"))
            lost = True
            continue
        if items is None:
            continue
        if not isinstance(items, list):
            problems.append(
                located.where((section,)).problem(
                    f"section {section!r} must be a list of entries (each starting with '- id:')"
                )
            )
            lost = True
            continue
        kind = SECTIONS[section]
        model = KINDS[kind]
        for index, item in enumerate(items):
            if len(problems) >= budget:
                return problems, True
            path = (section, index)
            try:
                entity = model.model_validate(item)
            except ValidationError as exc:
                problems += _validation_problems(exc, located, path, kind, item)
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    dataset.broken_ids.add(item["id"])
                else:
                    lost = True  # an entry without a usable id: references to it cannot be told apart
                continue
            if entity.id in dataset.entities:
                earlier = dataset.where(entity.id)
                problems.append(
                    located.where(path + ("id",)).problem(
                        f"duplicate id {entity.id!r}: it is already used by a {dataset.kinds[entity.id]} "
                        f"at {earlier.file}:{earlier.line}"
                    )
                )
                continue
            dataset.add(kind, entity, located, path)
    return problems, lost


def _validation_problems(exc: ValidationError, located: Located, path: tuple, kind: str, item: object) -> list[Problem]:
    label = kind
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        label = f"{kind} {item['id']!r}"
    elif not isinstance(item, dict):
        return [located.where(path).problem(f"each {kind} must be a mapping of fields (id:, name:, …)")]
    fields = list(KINDS[kind].model_fields)
    fields = ["from" if f == "from_" else f for f in fields]
    problems = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        where = located.where(path + loc)
        field = ".".join(str(part) for part in loc) or "(entry)"
        if error["type"] == "extra_forbidden":
            message = f"{label}: unknown field {field!r}{_hint(str(loc[-1]), fields)}"
        elif error["type"] == "missing":
            message = f"{label}: missing field {field!r}"
        else:
            text = error["msg"].removeprefix("Value error, ")
            message = f"{label}: {field}: {text}"
        problems.append(where.problem(message))
    return problems


def _hint(word: str, choices: list[str]) -> str:
    if len(word) > 100:  # a huge key is no typo
        return ""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""
