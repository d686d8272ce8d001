"""The loaded dataset: every entity by id and kind, plus where each was written."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .errors import UnknownStation
from .models import (
    ADMITS_AFTER,
    Certificate,
    Entity,
    Function,
    Level,
    Line,
    Programme,
    Qualification,
    Region,
    Start,
    Step,
)
from .yaml_source import Located, Position

__all__ = ["Dataset", "admits_level"]


@dataclass
class Dataset:
    """All entities of one data folder.

    ``entities`` maps id -> model, ``kinds`` maps id -> kind name. Positions are
    kept beside the models so checks and tools can point at the exact line.
    """

    entities: dict[str, Entity] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    sources: dict[str, tuple[Located, tuple]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    broken_ids: set[str] = field(default_factory=set)  # entries that failed their field checks

    def add(self, kind: str, entity: Entity, located: Located, path: tuple) -> None:
        self.entities[entity.id] = entity
        self.kinds[entity.id] = kind
        self.sources[entity.id] = (located, path)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.entities

    def __len__(self) -> int:
        return len(self.entities)

    def get(self, entity_id: str) -> Entity:
        """The entity with this id; raises :class:`UnknownStation` with suggestions."""
        try:
            return self.entities[entity_id]
        except KeyError:
            from .search import suggest

            raise UnknownStation(entity_id, suggest(self, entity_id)) from None

    def kind_of(self, entity_id: str) -> str:
        self.get(entity_id)
        return self.kinds[entity_id]

    def of_kind(self, kind: str) -> Iterator[Entity]:
        return (e for i, e in self.entities.items() if self.kinds[i] == kind)

    def count(self, kind: str) -> int:
        return sum(1 for k in self.kinds.values() if k == kind)

    def where(self, entity_id: str, *field_path: object) -> Position:
        """Position of an entity, or of one of its fields (e.g. ``"access", 2``)."""
        located, base = self.sources[entity_id]
        return located.where(base + tuple(field_path))

    # Typed views used throughout the package.
    @property
    def starts(self) -> dict[str, Start]:
        return {e.id: e for e in self.of_kind("start")}  # type: ignore[misc]

    @property
    def functions(self) -> dict[str, Function]:
        return {e.id: e for e in self.of_kind("function")}  # type: ignore[misc]

    @property
    def qualifications(self) -> dict[str, Qualification]:
        return {e.id: e for e in self.of_kind("qualification")}  # type: ignore[misc]

    @property
    def certificates(self) -> dict[str, Certificate]:
        return {e.id: e for e in self.of_kind("certificate")}  # type: ignore[misc]

    @property
    def steps(self) -> dict[str, Step]:
        return {e.id: e for e in self.of_kind("step")}  # type: ignore[misc]

    @property
    def programmes(self) -> dict[str, Programme]:
        return {e.id: e for e in self.of_kind("programme")}  # type: ignore[misc]

    @property
    def regions(self) -> dict[str, Region]:
        return {e.id: e for e in self.of_kind("region")}  # type: ignore[misc]

    @property
    def lines(self) -> dict[str, Line]:
        return {e.id: e for e in self.of_kind("line")}  # type: ignore[misc]


def admits_level(entity: Entity) -> Level | None:
    """The highest level of education that holding ``entity`` admits you to.

    Starts and certificates say so themselves; a diploma admits to the next level
    (see :data:`routes.models.ADMITS_AFTER`); a job on its own admits to nothing.
    """
    if isinstance(entity, (Start, Certificate)):
        return entity.admits
    if isinstance(entity, Qualification):
        return ADMITS_AFTER[entity.level]
    return None
