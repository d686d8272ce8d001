"""The small exception hierarchy of ``routes``: callers catch by meaning."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DataError", "NoRoute", "Problem", "RoutesError", "UnknownStation"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in a data file, reported as ``file:line:col: message``."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


class RoutesError(Exception):
    """Base class of every error raised on purpose by ``routes``."""


class DataError(RoutesError):
    """The dataset could not be loaded or is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        first = str(self.problems[0]) if self.problems else "invalid data"
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
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
    let a route through.
    """

    def __init__(self, messages: list[str], blocking: list[str] | None = None):
        self.messages = list(messages)
        self.blocking = list(blocking or [])
        super().__init__("; ".join(self.messages) or "no route")
