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
    QuizQuestion,
    Region,
    Scenario,
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
    by_kind: dict[str, dict[str, Entity]] = field(default_factory=dict)  # kind -> id -> entity
    lang: str = "nl"  # the language of the texts: "nl" as loaded, another after routes.translation.localize

    def add(self, kind: str, entity: Entity, located: Located, path: tuple) -> None:
        self.entities[entity.id] = entity
        self.kinds[entity.id] = kind
        self.sources[entity.id] = (located, path)
        self.by_kind.setdefault(kind, {})[entity.id] = entity

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
        return iter(self.by_kind.get(kind, {}).values())

    def count(self, kind: str) -> int:
        return len(self.by_kind.get(kind, {}))

    def where(self, entity_id: str, *field_path: object) -> Position:
        """Position of an entity, or of one of its fields (e.g. ``"access", 2``)."""
        located, base = self.sources[entity_id]
        return located.where(base + tuple(field_path))

    # Typed views used throughout the package (shared dicts: read, never change them).
    @property
    def starts(self) -> dict[str, Start]:
        return self.by_kind.get("start", {})  # type: ignore[return-value]

    @property
    def functions(self) -> dict[str, Function]:
        return self.by_kind.get("function", {})  # type: ignore[return-value]

    @property
    def qualifications(self) -> dict[str, Qualification]:
        return self.by_kind.get("qualification", {})  # type: ignore[return-value]

    @property
    def certificates(self) -> dict[str, Certificate]:
        return self.by_kind.get("certificate", {})  # type: ignore[return-value]

    @property
    def steps(self) -> dict[str, Step]:
        return self.by_kind.get("step", {})  # type: ignore[return-value]

    @property
    def programmes(self) -> dict[str, Programme]:
        return self.by_kind.get("programme", {})  # type: ignore[return-value]

    @property
    def regions(self) -> dict[str, Region]:
        return self.by_kind.get("region", {})  # type: ignore[return-value]

    @property
    def lines(self) -> dict[str, Line]:
        return self.by_kind.get("line", {})  # type: ignore[return-value]

    @property
    def scenarios(self) -> dict[str, Scenario]:
        """The presenter's ready scenarios, in file order (see :mod:`routes.scenarios`)."""
        return self.by_kind.get("scenario", {})  # type: ignore[return-value]

    @property
    def questions(self) -> dict[str, QuizQuestion]:
        """The interest quiz's questions, in file order (see :mod:`routes.quiz`)."""
        return self.by_kind.get("question", {})  # type: ignore[return-value]


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
