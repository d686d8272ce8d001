"""Safe YAML reading that keeps the position of every value.

We never construct Python objects from YAML tags: the file is *composed* into
nodes with PyYAML's safe loader and turned into plain dicts, lists and strings
here. Every node's position is kept, so later errors can say ``file:line:col``
(Dagster's pattern). Plain scalars stay strings: pydantic turns them into ints,
dates or booleans only where a field asks for one, so crebo codes keep their
leading zeros and ``no`` stays the word "no" in a text field.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "MAX_ITEMS", "Located", "Position", "file_kind", "read_bytes", "read_yaml"]

MAX_FILE_BYTES = 5 * 1024 * 1024  # one data file; the real ones are under 0.1 MB
# Composing costs about 10 µs per YAML node; nodes are bounded through lines plus commas
# (each block entry needs a line, each flow entry a comma). The real data has under 3,000 a file.
MAX_ITEMS = 100_000
MAX_DEPTH = 40  # nesting of mappings and lists; the data needs about 6
_MAX_CHAR_PROBLEMS = 5  # per file; the rest are counted in one line
# The characters YAML allows (YAML 1.1 "printable"): tab, newlines and all printable text.
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_NULL_WORDS = {"", "~", "null", "Null", "NULL"}


@dataclass(frozen=True)
class Position:
    file: str
    line: int  # 1-based
    col: int  # 1-based

    def problem(self, message: str) -> Problem:
        return Problem(self.file, self.line, self.col, message)


@dataclass
class Located:
    """A file's plain value plus the position of every path in it.

    A path is a tuple of keys and list indexes, e.g. ``("functions", 3, "level")``;
    for a mapping entry the position is that of its key.
    """

    file: str
    value: Any
    positions: dict[tuple, Position] = field(default_factory=dict)

    def where(self, path: tuple) -> Position:
        """Position of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, Position(self.file, 1, 1))


_ALIASES_REFUSED = "anchors and aliases (& and *) are not allowed in data files"
# libyaml composes ten times faster than PyYAML's pure-Python scanner; both are safe
# here, as we only compose nodes and never construct objects from tags.
_COMPOSER = getattr(yaml, "CSafeLoader", None)


class _AliasRefused(yaml.MarkedYAMLError):
    pass


class _SafeComposer(yaml.SafeLoader):
    """The safe loader, refusing aliases (``*name``).

    Expanding aliases can blow up exponentially ("billion laughs"), and data
    maintainers are better served by plain repetition.
    """

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _AliasRefused(
                problem="anchors and aliases (& and *) are not allowed in data files", problem_mark=event.start_mark
            )
        return super().compose_node(parent, index)


class _Reader:
    def __init__(self, display: str):
        self.display = display
        self.positions: dict[tuple, Position] = {}
        self.problems: list[Problem] = []
        self._seen: set[int] = set()
        self._too_deep = False
        self.alias_seen = False

    def pos(self, mark: yaml.Mark) -> Position:
        return Position(self.display, mark.line + 1, mark.column + 1)

    def convert(self, node: yaml.Node, path: tuple) -> Any:
        if len(path) > MAX_DEPTH:
            if not self._too_deep:
                self._too_deep = True
                self.problems.append(
                    self.pos(node.start_mark).problem(f"nested too deeply (more than {MAX_DEPTH} levels of - and :)")
                )
            return None
        if id(node) in self._seen:
            # libyaml's composer resolves an alias (*name) to the node it names; we
            # refuse the second use rather than expand it.
            self.alias_seen = True
            self.problems.append(self.pos(node.start_mark).problem(_ALIASES_REFUSED + " (this value is used again)"))
            return None
        self._seen.add(id(node))
        self.positions.setdefault(path, self.pos(node.start_mark))
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP_TAG:
                self._bad_tag(node)
                return None
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                self._bad_tag(node)
                return None
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        if node.tag not in _PLAIN_TAGS:
            self._bad_tag(node)
            return None
        if not node.style and node.value in _NULL_WORDS:  # plain style: None (PyYAML) or "" (libyaml)
            return None
        return node.value

    def _mapping(self, node: yaml.MappingNode, path: tuple) -> dict:
        result: dict[str, Any] = {}
        first_seen: dict[str, Position] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                self.problems.append(self.pos(key_node.start_mark).problem("a key must be a plain word"))
                continue
            key = key_node.value
            key_pos = self.pos(key_node.start_mark)
            if key in first_seen:
                earlier = first_seen[key]
                self.problems.append(key_pos.problem(f"duplicate key {key!r} (first written at line {earlier.line})"))
                continue
            first_seen[key] = key_pos
            self.positions[path + (key,)] = key_pos
            result[key] = self.convert(value_node, path + (key,))
            # Keep the key's position for the entry, not the value's.
            self.positions[path + (key,)] = key_pos
        return result

    def _bad_tag(self, node: yaml.Node) -> None:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        self.problems.append(
            self.pos(node.start_mark).problem(
                f"the tag {tag} is not allowed: data files hold only plain text, numbers, lists and mappings"
            )
        )


def file_kind(mode: int) -> str:
    """A person's word for a file that is not a regular file."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bytes(path: Path, display: str, limit: int = MAX_FILE_BYTES) -> tuple[bytes | None, Problem | None]:
    """The bytes of a regular file of at most ``limit`` bytes, or the problem that stops it.

    Opened without blocking and checked on the open handle, so a FIFO or a device
    (also behind a symlink, also swapped in after an earlier check) is refused
    without ever being read, and no more than ``limit + 1`` bytes are ever read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        return None, Problem(display, 1, 1, f"cannot read the file: {exc.strerror or exc}")
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, Problem(display, 1, 1, f"{file_kind(info.st_mode)}, not a data file: it was not opened")
        if info.st_size > limit:
            return None, Problem(display, 1, 1, _too_big(info.st_size, limit))
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # it grew while we read it
            return None, Problem(display, 1, 1, _too_big(size, limit))
        return b"".join(chunks), None
    except OSError as exc:
        return None, Problem(display, 1, 1, f"cannot read the file: {exc.strerror or exc}")
    finally:
        os.close(fd)


def _too_big(size: int, limit: int) -> str:
    mb = 1024 * 1024
    return f"the file is too big ({size / mb:.1f} MB; at most {limit // mb} MB)"


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _decode(raw: bytes, display: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text, or one problem at the exact line and column where it stops being UTF-8."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(display, 1, 1, "the file is UTF-16 text: save it as UTF-8")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", errors="replace")
        line, col = _line_col(before, len(before))
        byte = raw[exc.start : exc.start + 1].hex().upper()
        return None, [
            Problem(
                display,
                line,
                col,
                f"the file is not UTF-8 text: byte 0x{byte} ({exc.reason}); save it as UTF-8 "
                "(Latin-1 or Windows text shows this)",
            )
        ]
    text = text.removeprefix("\ufeff")  # a UTF-8 byte-order mark is harmless
    problems = []
    found = _NOT_PRINTABLE.finditer(text)
    for match in found:
        line, col = _line_col(text, match.start())
        char = match.group()
        name = "a NUL byte" if char == "\0" else f"the control character U+{ord(char):04X}"
        problems.append(Problem(display, line, col, f"{name} is not allowed in a data file; delete it"))
        if len(problems) == _MAX_CHAR_PROBLEMS:
            rest = sum(1 for _ in found)
            if rest:
                problems.append(Problem(display, line, col, f"... and {rest} more such characters in this file"))
            break
    return (None, problems) if problems else (text, [])


def read_yaml(
    path: Path, display: str | None = None, *, limit: int = MAX_FILE_BYTES
) -> tuple[Located | None, list[Problem]]:
    """Read one YAML file safely.

    Returns the located value (``None`` when the file cannot be used at all)
    and the problems found. Never raises for bad content; refuses anything that
    is not a regular file of at most ``limit`` bytes of UTF-8 text.
    """
    display = display or str(path)
    raw, problem = read_bytes(path, display, limit)
    if raw is None:
        return None, [problem]
    text, problems = _decode(raw, display)
    if text is None:
        return None, problems
    items = text.count("\n") + text.count(",")
    if items > MAX_ITEMS:
        message = f"the file has too many lines and list items ({items:,}; at most {MAX_ITEMS:,}): split it up"
        return None, [Problem(display, 1, 1, message)]
    try:
        node = yaml.compose(text, Loader=_COMPOSER or _SafeComposer)
    except _AliasRefused as exc:
        mark = exc.problem_mark
        return None, [Problem(display, mark.line + 1, mark.column + 1, exc.problem)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            what = f"{exc.context}: {exc.problem}"
            opened = exc.context.startswith("while")  # e.g. "while parsing a flow sequence"
            if opened and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
                what += f" (the part that is not closed starts at line {exc.context_mark.line + 1})"
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [Problem(display, line, col, f"YAML syntax error: {what}")]
    except yaml.YAMLError as exc:  # e.g. a reader error: the position is in the message, not a mark
        return None, [_positioned(display, text, exc)]
    except RecursionError:
        return None, [Problem(display, 1, 1, f"nested too deeply (more than {MAX_DEPTH} levels of - and :)")]
    if node is None:
        return None, [Problem(display, 1, 1, "the file is empty: it should hold sections such as 'functions:'")]
    reader = _Reader(display)
    try:
        value = reader.convert(node, ())
    except RecursionError:
        return None, [Problem(display, 1, 1, f"nested too deeply (more than {MAX_DEPTH} levels of - and :)")]
    if reader.alias_seen and _COMPOSER is not None:
        # libyaml does not say where the alias is: PyYAML's own composer does, and stops there.
        try:
            yaml.compose(text, Loader=_SafeComposer)
        except _AliasRefused as exc:
            mark = exc.problem_mark
            return None, [Problem(display, mark.line + 1, mark.column + 1, exc.problem)]
        except (yaml.YAMLError, RecursionError):
            pass
    return Located(display, value, reader.positions), reader.problems


def _positioned(display: str, text: str, exc: yaml.YAMLError) -> Problem:
    """One line for a YAML error without a mark, at the position it names when it names one."""
    position = getattr(exc, "position", None)
    line, col = _line_col(text, position) if isinstance(position, int) and 0 <= position <= len(text) else (1, 1)
    what = getattr(exc, "reason", None) or str(exc).splitlines()[0]
    return Problem(display, line, col, f"YAML error: {what}")
