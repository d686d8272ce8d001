"""Small bilingual words shared by the exports and the comparison: money, kinds of step, yes/no.

Dutch (``lang="nl"``) is the default, English the other language; the pages keep
their own catalogue (``ui/locales``) and use these only for texts the exports share.
"""

from __future__ import annotations

from .render import KIND_LABELS

__all__ = ["KIND_LABELS_EN", "euros", "kind_label", "money", "nl"]

KIND_LABELS_EN = {
    "access": "at work",
    "bbl": "BBL (work and learn)",
    "bol": "BOL (school and internship)",
    "voltijd": "full-time study",
    "deeltijd": "part-time study",
    "duaal": "dual (study and work)",
    "verkort": "shortened programme",
    "combi": "combined programme",
    "evc": "EVC (recognition of what you can do)",
    "certificaat": "certificate",
    "werkervaring": "work experience",
    "inservice": "training by your employer",
    "post-initieel": "further training",
    "toelatingstoets": "admission test",
    "erkenning": "diploma recognition",
    "programma": "regional programme",
    "orientatie": "orientation",
}


def nl(lang: str) -> bool:
    """Dutch unless English is asked for (an unknown language falls back to Dutch)."""
    return lang != "en"


def euros(amount: int, lang: str = "nl") -> str:
    """An amount of money as people write it.

    >>> euros(2145), euros(2145, "en")
    ('€ 2.145', '€2,145')
    """
    return f"€ {amount:,}".replace(",", ".") if nl(lang) else f"€{amount:,}"


def money(cost: int | None, lang: str = "nl") -> str:
    """A cost to the learner: unknown, none, or an amount.

    >>> money(None), money(0), money(1250, "en")
    ('onbekend', 'geen', '€1,250')
    """
    if cost is None:
        return "onbekend" if nl(lang) else "unknown"
    if cost == 0:
        return "geen" if nl(lang) else "none"
    return euros(cost, lang)


def kind_label(kind: str, lang: str = "nl") -> str:
    """How a step is taken (BBL, BOL, ...) in a few words."""
    table = KIND_LABELS if nl(lang) else KIND_LABELS_EN
    return table.get(kind, kind)
