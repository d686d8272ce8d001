"""Keeping a page's state in the URL's query parameters, and reading it back from a link.

Each page owns a *scope* of parameters. After its widgets have run, the page
writes its state (:func:`write`); on the next run :func:`incoming` tells whether
the URL still holds what was written (then the widgets are the truth) or was
opened from outside — a shared link, an edited address — and must be parsed.
An empty URL after a page switch is not "incoming": the session keeps its state.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import streamlit as st

from routes.state import Issue

from .fmt import code
from .i18n import t

__all__ = ["incoming", "show_issues", "write"]

_WRITTEN = "_url_written"


def _now(keys: Iterable[str]) -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in keys if k in st.query_params}


def incoming(scope: str, keys: Sequence[str]) -> dict[str, list[str]] | None:
    """The scope's query parameters when they came from outside this session's last write."""
    now = _now(keys)
    written = st.session_state.get(_WRITTEN, {}).get(scope)
    if now and now != written:
        return now
    return None


def write(scope: str, keys: Sequence[str], params: Mapping[str, list[str]]) -> None:
    """Put the scope's state in the URL (only what changed) and remember what was written."""
    for key in keys:
        if key in params:
            if st.query_params.get_all(key) != list(params[key]):
                st.query_params[key] = list(params[key])
        elif key in st.query_params:
            del st.query_params[key]
    written = dict(st.session_state.get(_WRITTEN, {}))
    written[scope] = {k: list(v) for k, v in params.items() if k in keys}
    st.session_state[_WRITTEN] = written


def issue_text(issue: Issue, describe: Mapping[str, str] | None = None) -> str:
    """One friendly sentence about a value in a link that could not be used."""
    param = t(f"param.{issue.param}") if issue.param else ""
    text = t(f"issue.{issue.code}", param=param, value=code(issue.value) if issue.value else "")
    if issue.suggestions:
        names = ", ".join((describe or {}).get(s, s) for s in issue.suggestions)
        text += " " + t("issue.did_you_mean", names=names)
    return text


def show_issues(issues: Sequence[Issue], describe: Mapping[str, str] | None = None) -> None:
    """A friendly warning listing what in the link could not be used."""
    if not issues:
        return
    lines = [t("issue.intro")] + [f"- {issue_text(i, describe)}" for i in issues[:10]]
    if len(issues) > 10:
        lines.append(f"- {t('issue.more', count=len(issues) - 10)}")
    st.warning("\n".join(lines), icon=":material/warning:")
