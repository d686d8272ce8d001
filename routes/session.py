"""A coach's session as a small JSON file: the client's question, progress and free notes.

The coach saves the session at the end of a conversation and opens it again a month
later. Nothing is kept on a server: the file is the only copy. It holds the planner's
query parameters (the same ones a share link has, see :mod:`routes.state`, so an id
the data no longer knows becomes an :class:`~routes.state.Issue`, never an exception),
the progress marks and the notes, which never go into a link.

:func:`session_from_json` refuses a file that is too large, broken, not ours or
from another format version with a :class:`SessionError` that says so in Dutch and
English; the caller then changes nothing.

Examples
--------
>>> from routes import load_dataset
>>> ds = load_dataset("tests/fixtures/mini")
>>> from routes.state import PlannerState
>>> data = session_to_json(PlannerState(start="havo", target="verzorgende-ig"), "Wil graag BBL.", {"havo": "done"})
>>> back = session_from_json(data, ds)
>>> back.state.target, back.notes, back.progress, back.issues
('verzorgende-ig', 'Wil graag BBL.', {'havo': 'done'}, [])
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from .dataset import Dataset
from .errors import RoutesError
from .state import PLANNER_PARAMS, Issue, PlannerState, parse_planner_params, planner_params

__all__ = [
    "FORMAT",
    "MAX_BYTES",
    "MAX_NOTES",
    "VERSION",
    "Session",
    "SessionError",
    "session_from_json",
    "session_to_json",
]

FORMAT = "metrokaart-zorg-welzijn/coach-session"
VERSION = 1
MAX_BYTES = 64 * 1024
MAX_NOTES = 20_000  # characters
MAX_VALUES = 50  # values of one parameter

_MESSAGES = {
    "too-large": (
        "Dit bestand is te groot voor een sessie (hoogstens {limit} kB). Er is niets veranderd.",
        "This file is too large for a session (at most {limit} kB). Nothing was changed.",
    ),
    "broken": (
        "Dit bestand is beschadigd of geen JSON: het kan niet als sessie worden geopend. Er is niets veranderd.",
        "This file is damaged or not JSON: it cannot be opened as a session. Nothing was changed.",
    ),
    "not-ours": (
        "Dit is geen sessiebestand van de Metrokaart Zorg & Welzijn. Er is niets veranderd.",
        "This is not a session file of the Metrokaart Zorg & Welzijn. Nothing was changed.",
    ),
    "version": (
        "Dit sessiebestand heeft een andere versie ({found}) dan deze app leest ({expected}). Er is niets veranderd.",
        "This session file has another version ({found}) than this app reads ({expected}). Nothing was changed.",
    ),
}


class SessionError(RoutesError):
    """A session file that cannot be opened. ``code``: too-large, broken, not-ours or version."""

    def __init__(self, code: str, **values: object):
        self.code = code
        self.values = {"limit": MAX_BYTES // 1024, "expected": VERSION, **values}
        super().__init__(self.message("en"))

    def message(self, lang: str = "nl") -> str:
        """The message in Dutch (``"nl"``) or English."""
        dutch, english = _MESSAGES[self.code]
        return (dutch if lang == "nl" else english).format(**self.values)


@dataclass(frozen=True)
class Session:
    """An opened session: the planner state (progress included), the notes, the progress, the issues."""

    state: PlannerState
    notes: str = ""
    progress: dict[str, str] = field(default_factory=dict)  # station id -> "done" / "busy"
    issues: list[Issue] = field(default_factory=list)  # values the data does not know (dropped)


def _clean_notes(notes: str) -> str:
    text = "".join(c for c in notes if c.isprintable() or c in "\n\t")
    return text[:MAX_NOTES]


def session_to_json(state: PlannerState, notes: str = "", progress: Mapping[str, str] | None = None) -> bytes:
    """The session as UTF-8 JSON bytes; ``progress`` (station -> done/busy), if given, replaces the state's.

    The situation (``group``) is kept even when it is not shared in links: the file is the coach's.
    """
    if progress is not None:
        state = replace(
            state,
            done=tuple(s for s, v in progress.items() if v == "done"),
            busy=tuple(s for s, v in progress.items() if v == "busy"),
        )
    params = planner_params(replace(state, share_group=True))
    params["from"] = list(state.sources) or [""]  # explicit, whatever the data's default start
    document = {
        "format": FORMAT,
        "version": VERSION,
        "planner": params,
        "share_group": state.share_group,
        "notes": _clean_notes(notes or ""),
    }
    data = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    if len(data) > MAX_BYTES:  # only very long notes get here: shorten them rather than write a file we refuse
        document["notes"] = document["notes"][: max(0, len(document["notes"]) - (len(data) - MAX_BYTES) - 64)]
        data = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    return data


def _params(value: object) -> dict[str, list[str]]:
    """The planner parameters of a file: a mapping of known names to strings or lists of strings."""
    if not isinstance(value, dict):
        raise SessionError("broken")
    params: dict[str, list[str]] = {}
    for name, raw in value.items():
        if name not in PLANNER_PARAMS:
            continue  # unknown fields are ignored, as in links
        values = raw if isinstance(raw, list) else [raw]
        if len(values) > MAX_VALUES or not all(isinstance(v, str | int) and not isinstance(v, bool) for v in values):
            raise SessionError("broken")
        params[name] = [str(v) for v in values]
    return params


def session_from_json(data: bytes, dataset: Dataset) -> Session:
    """The session in ``data``, checked against ``dataset``.

    Raises
    ------
    SessionError : too large, not UTF-8 JSON, not a session of this app, another format version.
        Ids the data does not know are not an error: they are dropped and listed in ``issues``.
    """
    if not isinstance(data, bytes | bytearray):
        raise SessionError("broken")
    if len(data) > MAX_BYTES:
        raise SessionError("too-large")
    try:
        document = json.loads(bytes(data).decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise SessionError("broken") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise SessionError("not-ours")
    version = document.get("version")
    if version != VERSION or isinstance(version, bool):
        shown = str(version)[:20] if isinstance(version, int | float | str) else "?"
        raise SessionError("version", found=shown)
    notes = document.get("notes", "")
    share_group = document.get("share_group", False)
    if not isinstance(notes, str) or not isinstance(share_group, bool):
        raise SessionError("broken")
    state, issues = parse_planner_params(_params(document.get("planner", {})), dataset)
    state = replace(state, share_group=share_group and state.group is not None)
    return Session(state=state, notes=_clean_notes(notes), progress=state.progress, issues=issues)
