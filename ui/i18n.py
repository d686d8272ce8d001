"""UI strings: one catalogue per language (``ui/locales/<lang>.yaml``) and a small ``t(key)``.

Dutch (B1) is the default; English is the switch. Keys are flat, dotted names
(``planner.title``). A missing key shows the key itself, so a gap is visible
rather than an exception (a test checks that both catalogues have every key).
"""

from __future__ import annotations

from contextvars import ContextVar
from functools import cache
from pathlib import Path
from types import MappingProxyType

import streamlit as st
import yaml
from streamlit.runtime.scriptrunner import get_script_run_ctx

try:  # a script thread's state: new at the start of every run (ScriptRunContext.reset), never shared
    from streamlit.runtime.scriptrunner_utils.script_run_context import ThreadState
except ImportError:  # pragma: no cover - another Streamlit: no memo, every call reads the session
    ThreadState = None

from routes.state import LANGS

__all__ = ["LANGS", "catalogue", "lang", "set_lang", "t"]

LOCALES = Path(__file__).resolve().parent / "locales"
LANG_KEY = "lang"
# This run's language, next to the thread state it was read under. A page calls lang() hundreds
# of times per run and each read of st.session_state costs ~30 us; the state object is replaced
# at the start of every run (and a few times within one), so a memo never outlives its run.
# Change the language only with set_lang(), which drops the memo (the sidebar switch is a
# widget: its new value is in place before the run starts).
_RUN_LANG: ContextVar[tuple[object, str] | None] = ContextVar("metrokaart_run_lang", default=None)


def _run_marker() -> object | None:
    if ThreadState is None:
        return None
    try:
        return ThreadState.get()
    except RuntimeError:
        return None


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: the first page of a new server opens sooner


@cache
def catalogue(language: str) -> MappingProxyType:
    """The strings of one language (read once per process, read-only)."""
    with open(LOCALES / f"{language}.yaml", encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_LOADER) or {}  # noqa: S506 - a safe loader, libyaml's when present
    return MappingProxyType({str(k): str(v) for k, v in data.items()})


def lang() -> str:
    """The language of this session (Dutch outside a script run, e.g. when a test formats options)."""
    if get_script_run_ctx(suppress_warning=True) is None:
        return LANGS[0]
    marker = _run_marker()
    memo = _RUN_LANG.get()
    if marker is not None and memo is not None and memo[0] is marker:
        return memo[1]
    value = st.session_state.get(LANG_KEY, LANGS[0])
    value = value if value in LANGS else LANGS[0]
    if marker is not None:
        _RUN_LANG.set((marker, value))
    return value


def set_lang(language: str) -> None:
    st.session_state[LANG_KEY] = language if language in LANGS else LANGS[0]
    _RUN_LANG.set(None)


def t(key: str, /, **values: object) -> str:
    """The UI string ``key`` in the session's language, with ``{name}`` fields filled in."""
    text = catalogue(lang()).get(key)
    if text is None:
        text = catalogue(LANGS[0]).get(key, key)
    return text.format(**values) if values else text
