"""Small formatting helpers for the pages: durations, money, labels, safe Markdown.

Every text from the data that goes into ``st.markdown`` passes :func:`md`, every
link :func:`link`; the pages never build HTML themselves.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from routes.explain import describe_months

from .i18n import lang, t

__all__ = ["badge", "code", "euros", "labelled", "link", "md", "money", "months", "name_of", "pay_range", "safe_url"]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~$:])")
_BADGE_COLOURS = {"blue", "green", "orange", "red", "violet", "gray", "grey", "primary"}


def md(text: object) -> str:
    """Text shown literally in Markdown: no emphasis, links, HTML, LaTeX or colour directives."""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def code(text: object) -> str:
    """Text shown literally as inline code (for values from a link)."""
    return "`" + str(text).replace("`", "'").replace("\n", " ") + "`"


def safe_url(url: str | None) -> str | None:
    """An http(s) URL fit for a Markdown link, or ``None`` for anything else."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=":/?#@!$&'*+,;=%~[]")


def link(label: str, url: str | None) -> str:
    """A Markdown link with an escaped label; only the label when the URL is not http(s)."""
    target = safe_url(url)
    return f"[{md(label)}]({target})" if target else md(label)


def badge(text: str, colour: str = "gray") -> str:
    """A Streamlit Markdown badge with escaped text."""
    colour = colour if colour in _BADGE_COLOURS else "gray"
    inner = str(text).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return f":{colour}-badge[{inner}]"


def months(low: int, high: int) -> str:
    """A duration as people say it, in the session's language (the one way: describe_months)."""
    return describe_months(low, high, lang())


def euros(amount: int) -> str:
    """'€ 2.145' in Dutch, '€2,145' in English."""
    return f"€ {amount:,}".replace(",", ".") if lang() == "nl" else f"€{amount:,}"


def money(cost: int | None) -> str:
    if cost is None:
        return t("cost.unknown")
    if cost == 0:
        return t("cost.free")
    amount = f"{cost:,}".replace(",", ".") if lang() == "nl" else f"{cost:,}"
    return t("cost.amount", amount=amount)


def pay_range(pay) -> str | None:
    """A job's CAO pay range as one short text, or None when no amount is known."""
    if pay is None or (pay.min_eur is None and pay.max_eur is None):
        return None
    low = euros(pay.min_eur) if pay.min_eur is not None else "?"
    high = euros(pay.max_eur) if pay.max_eur is not None else "?"
    return t("pay.range", low=low, high=high)


def name_of(G, node_id: str) -> str:
    """The display name of a station in the graph (its id when unknown)."""
    return G.nodes[node_id].get("name", node_id) if node_id in G else node_id


def labelled(options, label):
    """A ``format_func`` with every option's label computed now, in this script run.

    Streamlit (and its test harness) may call ``format_func`` later, outside the run
    and so outside the session's language; a fixed table gives the same labels.
    """
    table = {option: label(option) for option in options}
    return lambda option: table.get(option, str(option))
