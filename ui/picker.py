"""Pickers that cost what the question costs, also at national scale.

Two things used to grow with the data on every rerun: each option list was sorted and
labelled again (thousands of names at 100x data), and every option was sent to the
browser again. Here

* :func:`cached_options` builds an option list with its labels once per data version,
  language and list (shared by all sessions), and
* :func:`select` / :func:`multiselect` show a plain Streamlit picker while the list is
  short (the real data: at most a few hundred names), and above :data:`MAX_SHOWN`
  options a search box first: only the first :data:`MATCHES_SHOWN` matches (and what is
  chosen) go to the browser.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import streamlit as st

from ui.i18n import t

__all__ = ["MATCHES_SHOWN", "MAX_SHOWN", "Options", "cached_options", "multiselect", "select"]

MAX_SHOWN = 300  # more options than this: search first
MATCHES_SHOWN = 50  # in a searched list, at most this many matches go to the browser


@dataclass(frozen=True)
class Options:
    """An option list and each option's label, built once per data version and language."""

    ids: tuple
    labels: dict
    folded: tuple = ()  # the labels in lower case, in the order of ids (for searching)

    def label(self, option) -> str:
        return self.labels.get(option, str(option))

    def matching(self, query: str, keep: Sequence = ()) -> list:
        """The first options whose label contains every word of ``query`` (case-insensitive), plus ``keep``."""
        words = query.casefold().split()
        folded = self.folded or tuple(self.labels[o].casefold() for o in self.ids)
        found: list = []
        for option, text in zip(self.ids, folded, strict=True):
            if all(w in text for w in words):
                found.append(option)
                if len(found) == MATCHES_SHOWN:
                    break  # the browser gets no more than this: stop scanning
        kept = [o for o in keep if o in self.labels and o not in found]
        return kept + found


@st.cache_resource(show_spinner=False, max_entries=128)
def _build(key: tuple, _ids: Callable[[], Sequence], _label: Callable) -> Options:
    ids = tuple(_ids())
    labels = {option: _label(option) for option in ids}
    return Options(ids, labels, tuple(labels[o].casefold() for o in ids))


def cached_options(key: tuple, ids: Callable[[], Sequence], label: Callable) -> Options:
    """The options ``ids()`` with their labels, computed once per ``key``.

    ``key`` must name everything the list and its labels depend on: the data's digest
    (which carries its language) and the UI language, plus the list's own name.
    """
    return _build(key, ids, label)


def _search(label: str, key: str, total: int) -> str:
    return st.text_input(
        t("picker.search", label=label), key=f"{key}__q", placeholder=t("picker.search_placeholder", count=total)
    )


def select(label: str, options: Options, key: str, **kwargs):
    """``st.selectbox`` over ``options``; above :data:`MAX_SHOWN` options, search first."""
    shown: Sequence = options.ids
    if len(options.ids) > MAX_SHOWN:
        current = st.session_state.get(key)
        shown = options.matching(_search(label, key, len(options.ids)), keep=[current] if current else [])
    return st.selectbox(label, options=shown, format_func=options.label, key=key, **kwargs)


def multiselect(label: str, options: Options, key: str, **kwargs):
    """``st.multiselect`` over ``options``; above :data:`MAX_SHOWN` options, search first."""
    shown: Sequence = options.ids
    if len(options.ids) > MAX_SHOWN:
        chosen = list(st.session_state.get(key) or ())
        shown = options.matching(_search(label, key, len(options.ids)), keep=chosen)
    return st.multiselect(label, options=shown, format_func=options.label, key=key, **kwargs)
