"""The data in English: every Dutch text has an English twin in the entity's ``en`` block.

Dutch (B1) is the source. :func:`localize` gives a copy of the dataset in which each
text is replaced by its twin, so the planner, the map and the exports need no
language switches of their own: they are handed the English dataset. Ids never
change, so links and saved sessions work in both languages. In English the Dutch
name becomes the first alias: it stays searchable, and a page can show it as the
title used on Dutch job ads.

:func:`missing_english` lists the texts without a twin; a test keeps that list empty.
"""

from __future__ import annotations

from dataclasses import replace

from .dataset import Dataset
from .models import NESTED_NOTES, Entity, english_mismatches, missing_twins

__all__ = ["localize", "missing_english"]


def missing_english(dataset: Dataset) -> list[tuple[str, str]]:
    """(entity id, field path) for every Dutch text that has no English twin."""
    return [
        (entity_id, path)
        for entity_id, entity in dataset.entities.items()
        for path in missing_twins(dataset.kinds[entity_id], entity)
    ]


def localize(dataset: Dataset, lang: str) -> Dataset:
    """The dataset with its texts in ``lang`` (``"nl"``: the dataset itself).

    A text without a twin stays Dutch (:func:`missing_english` finds those).
    """
    if lang == "nl":
        return dataset
    entities = {entity_id: _english(entity) for entity_id, entity in dataset.entities.items()}
    by_kind = {kind: {eid: entities[eid] for eid in members} for kind, members in dataset.by_kind.items()}
    return replace(dataset, entities=entities, by_kind=by_kind, lang=lang)


def _english(entity: Entity) -> Entity:
    twin = getattr(entity, "en", None)
    if twin is None or any(english_mismatches(entity, twin)):
        return entity
    update: dict[str, object] = {}
    for name in twin.model_fields_set:
        value = getattr(twin, name)
        if name == "aliases":
            continue
        if name in NESTED_NOTES:
            update[name] = getattr(entity, name).model_copy(update={"note": value.note})
        elif name == "demand":
            update[name] = [
                d.model_copy(update={"signal": e.signal}) for d, e in zip(entity.demand, value, strict=True)
            ]
        else:
            update[name] = value
    if "aliases" in type(entity).model_fields:
        # The Dutch name comes first: it is the title on Dutch job ads and diplomas.
        dutch_name = [entity.name] if "name" in update else []
        update["aliases"] = list(dict.fromkeys([*dutch_name, *twin.aliases, *entity.aliases]))
    return entity.model_copy(update=update)
