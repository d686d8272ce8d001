"""Finding entities by text: names, ids and aliases, ignoring case and accents."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = ["Match", "closest", "find", "normalize", "suggest"]

_ASKED_ONLY = frozenset({"scenario", "question"})  # found only when their kind is asked for
# When two matches score the same, the kind a person most likely means comes first.
KIND_ORDER = [
    "function", "start", "qualification", "certificate", "programme", "region", "line", "step", "scenario", "question",
]  # fmt: skip


def normalize(text: str) -> str:
    """Lower case, no accents, words separated by single spaces.

    >>> normalize("  Verzorgende-IG ")
    'verzorgende ig'
    >>> normalize("Diëtist")
    'dietist'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.split(r"[^a-z0-9+]+", text.lower())).strip()


@dataclass(frozen=True)
class Match:
    id: str
    kind: str
    name: str
    score: float


def _labels(entity) -> Iterable[str]:
    yield entity.id
    yield entity.name
    yield from getattr(entity, "aliases", [])
    yield from getattr(entity, "crebo", [])


def _score(query: str, label: str) -> float:
    if not label:
        return 0.0
    if label == query:
        return 100.0
    if label.startswith(query):
        return 80.0 + 10.0 * len(query) / len(label)
    words = label.split()
    if any(word.startswith(query) for word in words):
        return 60.0 + 10.0 * len(query) / len(label)
    if query in label:
        return 40.0 + 10.0 * len(query) / len(label)
    query_words = query.split()
    if len(query_words) > 1 and all(any(w.startswith(q) for w in words) for q in query_words):
        return 50.0
    ratio = difflib.SequenceMatcher(None, query, label).ratio()
    return 30.0 * ratio if ratio >= 0.75 else 0.0


def find(dataset: Dataset, text: str, *, kind: str | None = None, limit: int | None = 20) -> list[Match]:
    """Entities whose id, name or alias matches ``text``, best match first.

    Ties are broken by kind (jobs first), then by name, so results are stable.
    Presenter scenarios and quiz questions are found only when their kind is asked for.
    """
    query = normalize(text)
    if not query:
        return []
    matches = []
    for entity_id, entity in dataset.entities.items():
        entity_kind = dataset.kinds[entity_id]
        if (kind is not None and entity_kind != kind) or (kind is None and entity_kind in _ASKED_ONLY):
            continue
        best = max(_score(query, normalize(label)) for label in _labels(entity))
        if best > 0:
            matches.append(Match(entity_id, entity_kind, entity.name, best))
    matches.sort(key=lambda m: (-m.score, KIND_ORDER.index(m.kind), m.name.lower(), m.id))
    return matches[:limit] if limit else matches


def suggest(dataset: Dataset, unknown_id: str, *, kinds: Iterable[str] | None = None, n: int = 3) -> list[str]:
    """The ids nearest to ``unknown_id`` (a typo, an old id, a name instead of an id)."""
    kinds = set(kinds) if kinds else None
    candidates = [i for i, k in dataset.kinds.items() if kinds is None or k in kinds]
    close = difflib.get_close_matches(unknown_id, candidates, n=n, cutoff=0.6)
    if close:
        return close
    return [m.id for m in find(dataset, unknown_id, limit=None) if kinds is None or m.kind in kinds][:n]


def closest(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The candidates nearest to ``word``: by spelling, else those that contain it.

    >>> closest("geen", ["havo", "geen-startkwalificatie"])
    ['geen-startkwalificatie']
    """
    candidates = list(candidates)
    close = difflib.get_close_matches(word, candidates, n=n, cutoff=0.6)
    if close:
        return close
    needle = normalize(word)
    return sorted((c for c in candidates if needle and needle in normalize(c)), key=len)[:n]
