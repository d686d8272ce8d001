"""How easy the data's Dutch texts are to read: the Flesch-Douma score per text.

Flesch-Douma is Flesch's reading ease fitted to Dutch: 206.835 − 0.93 × words per
sentence − 77 × syllables per word (``textstat`` with language ``nl``). Higher is
easier; B1 texts usually score 70 or more, and below 50 a text is hard for many
readers. The goal for the data: a median of at least :data:`GOAL_MEDIAN`, and no
text below :data:`FLOOR` unless :data:`ALLOWED_BELOW_FLOOR` gives the reason.

A text is one field of one entity; the items of a list (tasks, offers) are read
as the sentences of one text. Texts under :data:`MIN_WORDS` words are not scored:
on a phrase of three words one long compound (a job title such as
"neonatologieverpleegkundige") swings the score by hundreds of points.

``textstat`` is a development tool (requirements-dev.txt): the app never needs it.
Run: ``python -m routes.readability [data] [--below 50]``
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Iterator
from dataclasses import dataclass

from .dataset import Dataset

__all__ = [
    "ALLOWED_BELOW_FLOOR",
    "FLOOR",
    "GOAL_MEDIAN",
    "MEASURED_FIELDS",
    "MIN_WORDS",
    "Scored",
    "data_texts",
    "score",
    "scores",
]

FLOOR = 50
GOAL_MEDIAN = 70
MIN_WORDS = 8

# The texts a reader reads as sentences (names and single words are not measured).
MEASURED_FIELDS: dict[str, tuple[str, ...]] = {
    "start": ("description",),
    "function": ("description",),
    "qualification": ("description",),
    "certificate": ("proves", "unlocks", "limits"),
    "step": ("why",),
    "programme": ("offers",),
}

# (entity id, field) -> why this text may stay below the floor.
ALLOWED_BELOW_FLOOR: dict[tuple[str, str], str] = {}


@dataclass(frozen=True)
class Scored:
    entity_id: str
    field: str
    text: str
    score: float


def data_texts(dataset: Dataset) -> Iterator[tuple[str, str, str]]:
    """(entity id, field, text) for every measured Dutch text; a list gives one text per item."""
    for kind, fields in MEASURED_FIELDS.items():
        for entity in dataset.of_kind(kind):
            for name in fields:
                value = getattr(entity, name, None)
                items = [" ".join(str(v).split()) for v in (value if isinstance(value, list) else [value]) if v]
                text = " ".join(item if item.endswith((".", "!", "?")) else item + "." for item in items)
                if len(text.split()) >= MIN_WORDS:
                    yield entity.id, name, text


def score(text: str) -> float:
    """The Flesch-Douma reading ease of one Dutch text."""
    import textstat

    textstat.set_lang("nl")
    return float(textstat.flesch_reading_ease(text))


def scores(dataset: Dataset) -> list[Scored]:
    return [Scored(eid, name, text, score(text)) for eid, name, text in data_texts(dataset)]


def main(argv: list[str] | None = None) -> int:
    from . import default_data_dir, load_dataset

    parser = argparse.ArgumentParser(description="Flesch-Douma scores of the data's Dutch texts.")
    parser.add_argument("data", nargs="?", default=None, help="data folder (default: the bundled data)")
    parser.add_argument("--below", type=float, default=FLOOR, help=f"list texts below this score (default {FLOOR})")
    parser.add_argument("--id", default=None, help="only texts of entities whose id contains this")
    args = parser.parse_args(argv)
    dataset = load_dataset(args.data or default_data_dir())
    scored = scores(dataset)
    values = sorted(s.score for s in scored)
    print(
        f"{len(values)} texts: median {statistics.median(values):.1f}, "
        f"p10 {values[len(values) // 10]:.1f}, min {values[0]:.1f}, "
        f"below {FLOOR}: {sum(v < FLOOR for v in values)}"
    )
    for s in sorted(scored, key=lambda s: s.score):
        if s.score < args.below and (args.id is None or args.id in s.entity_id):
            print(f"{s.score:6.1f}  {s.entity_id}.{s.field}: {s.text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
