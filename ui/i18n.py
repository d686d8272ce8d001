"""UI strings: one catalogue per language (``ui/locales/<lang>.yaml``) and a small ``t(key)``.

Dutch (B1) is the default; English is the switch. Keys are flat, dotted names
(``planner.title``). A missing key shows the key itself, so a gap is visible
rather than an exception (a test checks that both catalogues have every key).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from types import MappingProxyType

import streamlit as st
import yaml
from streamlit.runtime.scriptrunner import get_script_run_ctx

from routes.state import LANGS

__all__ = ["LANGS", "catalogue", "lang", "set_lang", "t"]

LOCALES = Path(__file__).resolve().parent / "locales"
LANG_KEY = "lang"


@cache
def catalogue(language: str) -> MappingProxyType:
    """The strings of one language (read once per process, read-only)."""
    with open(LOCALES / f"{language}.yaml", encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    return MappingProxyType({str(k): str(v) for k, v in data.items()})


def lang() -> str:
    """The language of this session (Dutch outside a script run, e.g. when a test formats options)."""
    if get_script_run_ctx(suppress_warning=True) is None:
        return LANGS[0]
    value = st.session_state.get(LANG_KEY, LANGS[0])
    return value if value in LANGS else LANGS[0]


def set_lang(language: str) -> None:
    st.session_state[LANG_KEY] = language if language in LANGS else LANGS[0]


def t(key: str, /, **values: object) -> str:
    """The UI string ``key`` in the session's language, with ``{name}`` fields filled in."""
    text = catalogue(lang()).get(key)
    if text is None:
        text = catalogue(LANGS[0]).get(key, key)
    return text.format(**values) if values else text
