"""Loading a data folder: safe YAML, pydantic models, then whole-dataset checks.

``load_dataset("data")`` returns a :class:`~routes.dataset.Dataset` or raises
:class:`~routes.errors.DataError` listing *every* problem as ``file:line:col``.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from pydantic import ValidationError

from .dataset import Dataset
from .errors import DataError, Problem
from .models import KINDS, SECTIONS
from .yaml_source import Located, read_yaml

__all__ = ["ENTRY_FILE", "default_data_dir", "load_dataset", "data_files"]

ENTRY_FILE = "functions.yaml"


def default_data_dir() -> Path:
    """The data folder bundled with the project."""
    return Path(__file__).resolve().parent.parent / "data"


def _entry_path(data_dir: Path) -> Path:
    return data_dir if data_dir.is_file() else data_dir / ENTRY_FILE


def data_files(data_dir: str | Path) -> list[Path]:
    """The files a data folder consists of: the entry file and all includes.

    Cheap (reads only the entry file's ``include`` list); used to key caches.
    """
    entry = _entry_path(Path(data_dir))
    located, _ = read_yaml(entry)
    files = [entry]
    if located and isinstance(located.value, dict):
        for pattern in located.value.get("include") or []:
            if isinstance(pattern, str):
                files.extend(sorted(entry.parent.glob(pattern)))
    return files


def load_dataset(data_dir: str | Path | None = None, *, check: bool = True) -> Dataset:
    """Load and validate a data folder (default: the bundled ``data/``).

    Raises :class:`DataError` with all problems, sorted by file and line.
    With ``check=False`` the whole-dataset checks are skipped (field checks still run).
    """
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    entry = _entry_path(data_dir)
    problems: list[Problem] = []
    if not entry.exists():
        raise DataError([Problem(str(entry), 1, 1, f"no {ENTRY_FILE} here: the entry file of the dataset is missing")])

    dataset = Dataset()
    entry_located, found = read_yaml(entry)
    problems += found
    located_files: list[Located] = []
    include_paths: list[Path] = []
    if entry_located is not None:
        located_files.append(entry_located)
        include_paths, found = _includes(entry_located, entry.parent)
        problems += found
        for path in include_paths:
            located, found = read_yaml(path, str(path))
            problems += found
            if located is not None:
                located_files.append(located)

    for located in located_files:
        dataset.files.append(located.file)
        problems += _read_entities(located, dataset, is_entry=located is entry_located)

    if check:
        from .checks import check_dataset

        # A file that could not be read at all leaves many ids missing: then
        # "unknown id" and reachability reports would only be noise.
        partial = len(located_files) < 1 + len(include_paths if entry_located else [])
        problems += check_dataset(dataset, broken_ids=dataset.broken_ids, partial=partial)
    if problems:
        order = {name: i for i, name in enumerate([str(entry)] + [str(p) for p in include_paths])}
        problems.sort(key=lambda p: (order.get(p.file, -1), p.line, p.col, p.message))
        raise DataError(problems)
    return dataset


def _includes(entry: Located, base: Path) -> tuple[list[Path], list[Problem]]:
    value = entry.value
    if not isinstance(value, dict) or "include" not in value:
        return [], []
    patterns = value["include"]
    if not isinstance(patterns, list):
        return [], [entry.where(("include",)).problem("'include' must be a list of file names")]
    paths: list[Path] = []
    problems: list[Problem] = []
    root = base.resolve()
    for i, pattern in enumerate(patterns):
        pos = entry.where(("include", i))
        if not isinstance(pattern, str) or not pattern:
            problems.append(pos.problem("each include must be a file name or pattern such as regions/*.yaml"))
            continue
        matches = sorted(base.glob(pattern)) if any(c in pattern for c in "*?[") else [base / pattern]
        matches = [m for m in matches if m.is_file()]
        if not matches:
            problems.append(pos.problem(f"include {pattern!r} matches no file in {base}"))
        for match in matches:
            if not match.resolve().is_relative_to(root):
                problems.append(pos.problem(f"include {pattern!r} points outside the data folder"))
            elif match not in paths and match.resolve() != (base / ENTRY_FILE).resolve():
                paths.append(match)
    return paths, problems


def _read_entities(located: Located, dataset: Dataset, *, is_entry: bool) -> list[Problem]:
    value = located.value
    if not isinstance(value, dict):
        return [
            located.where(()).problem("the top level must be a mapping with sections such as 'functions:' or 'steps:'")
        ]
    problems: list[Problem] = []
    allowed = list(SECTIONS) + (["include"] if is_entry else [])
    for section, items in value.items():
        if section == "include":
            if not is_entry:
                problems.append(located.where((section,)).problem(f"'include' is only allowed in {ENTRY_FILE}"))
            continue
        if section not in SECTIONS:
            problems.append(located.where((section,)).problem(f"unknown section {section!r}{_hint(section, allowed)}"))
            continue
        if items is None:
            continue
        if not isinstance(items, list):
            problems.append(
                located.where((section,)).problem(
                    f"section {section!r} must be a list of entries (each starting with '- id:')"
                )
            )
            continue
        kind = SECTIONS[section]
        model = KINDS[kind]
        for index, item in enumerate(items):
            path = (section, index)
            try:
                entity = model.model_validate(item)
            except ValidationError as exc:
                problems += _validation_problems(exc, located, path, kind, item)
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    dataset.broken_ids.add(item["id"])
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
    return problems


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
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""
