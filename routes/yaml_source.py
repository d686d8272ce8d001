"""Safe YAML reading that keeps the position of every value.

We never construct Python objects from YAML tags: the file is *composed* into
nodes with PyYAML's safe loader and turned into plain dicts, lists and strings
here. Every node's position is kept, so later errors can say ``file:line:col``
(Dagster's pattern). Plain scalars stay strings: pydantic turns them into ints,
dates or booleans only where a field asks for one, so crebo codes keep their
leading zeros and ``no`` stays the word "no" in a text field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

__all__ = ["Located", "Position", "read_yaml"]

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

    def pos(self, mark: yaml.Mark) -> Position:
        return Position(self.display, mark.line + 1, mark.column + 1)

    def convert(self, node: yaml.Node, path: tuple) -> Any:
        if id(node) in self._seen:
            # libyaml's composer resolves an alias (*name) to the node it names; we
            # refuse the second use rather than expand it.
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


def read_yaml(path: Path, display: str | None = None) -> tuple[Located | None, list[Problem]]:
    """Read one YAML file safely.

    Returns the located value (``None`` when the file cannot be used at all)
    and the problems found. Never raises for bad content.
    """
    display = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(display, 1, 1, f"the file is not UTF-8 text ({exc.reason})")]
    except OSError as exc:
        return None, [Problem(display, 1, 1, f"cannot read the file: {exc.strerror or exc}")]
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
            if exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
                what += f" (the part that is not closed starts at line {exc.context_mark.line + 1})"
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [Problem(display, line, col, f"YAML syntax error: {what}")]
    except yaml.YAMLError as exc:
        return None, [Problem(display, 1, 1, f"YAML error: {exc}")]
    if node is None:
        return None, [Problem(display, 1, 1, "the file is empty: it should hold sections such as 'functions:'")]
    reader = _Reader(display)
    value = reader.convert(node, ())
    return Located(display, value, reader.positions), reader.problems
