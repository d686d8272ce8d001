"""The small exception hierarchy of ``routes``: callers catch by meaning."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["DataError", "MoreProblems", "NoRoute", "Problem", "RoutesError", "UnknownStation"]

MAX_MESSAGE = 300  # characters of a message shown; a huge key or value is cut, not printed whole
# Line breaks, other control characters and bidi overrides from data would break the
# one-line-per-problem format or the terminal: they are shown as escapes.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def one_line(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` on one line, control characters escaped, at most ``limit`` characters."""
    if len(text) > limit:
        text = text[:limit] + f"... ({len(text) - limit} more characters)"
    return _UNSAFE.sub(lambda m: repr(m.group())[1:-1] if m.group() != "\t" else " ", text)


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in a data file, reported as ``file:line:col: message``."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{one_line(self.file)}:{self.line}:{self.col}: {one_line(self.message)}"


@dataclass(frozen=True, order=True)
class MoreProblems(Problem):
    """The last line of a shortened list: how many problems were left out."""

    count: int = 0
    stopped: bool = False  # checking stopped early: there may be still more

    def __str__(self) -> str:
        more = "at least " if self.stopped else ""
        return f"... and {more}{self.count} more problems (fix the ones above first, then validate again)"


class RoutesError(Exception):
    """Base class of every error raised on purpose by ``routes``."""


class DataError(RoutesError):
    """The dataset could not be loaded or is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        first = str(self.problems[0]) if self.problems else "invalid data"
        extra = self.problems[-1].count if self.problems and isinstance(self.problems[-1], MoreProblems) else 0
        rest = len(self.problems) - 1 + extra - (1 if extra else 0)
        more = f" (and {rest} more)" if rest > 0 else ""
        super().__init__(first + more)


class UnknownStation(RoutesError, KeyError):
    """An id that is not in the dataset; ``suggestions`` holds the nearest ids."""

    def __init__(self, station_id: str, suggestions: list[str] | None = None):
        self.station_id = station_id
        self.suggestions = list(suggestions or [])
        hint = f"; did you mean {', '.join(repr(s) for s in self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown id {station_id!r}{hint}")

    def __str__(self) -> str:  # KeyError would quote the whole message
        return self.args[0]


class NoRoute(RoutesError):
    """No route satisfies the request; ``messages`` say which constraint blocks it.

    ``blocking`` names the constraints (Query fields) that, relaxed on their own,
    let a route through. ``regions`` lists the regions (ids) other than the one
    asked for in which a route does exist: first those the message names, fastest
    first, then the others by id. Naming one of those is not relaxing a constraint,
    so ``"region"`` is never in ``blocking``.
    """

    def __init__(self, messages: list[str], blocking: list[str] | None = None, regions: list[str] | None = None):
        self.messages = list(messages)
        self.blocking = list(blocking or [])
        self.regions = list(regions or [])
        super().__init__("; ".join(self.messages) or "no route")
