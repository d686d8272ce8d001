"""Whole-dataset checks: the rules no single entry can check on its own.

Each check returns :class:`~routes.errors.Problem` objects pointing at the line
to fix. ``check_dataset`` runs them all and returns every problem found.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterator

from .dataset import Dataset, admits_level
from .errors import Problem
from .models import (
    REGULAR_STEP_KINDS,
    Certificate,
    CertificateKind,
    Entity,
    Function,
    Level,
    Line,
    Programme,
    ProgrammeStatus,
    Qualification,
    QuizQuestion,
    Registration,
    Scenario,
    Start,
    Step,
    StepKind,
    level_rank,
)
from .search import suggest

__all__ = ["QUIZ_QUESTIONS", "check_dataset", "gives_big_registration"]

QUIZ_QUESTIONS = (8, 12)  # fewest and most questions of the interest quiz: short, but enough to tell jobs apart

# Certificates that by law can never stand in for a BIG registration.
_NEVER_BIG = {
    CertificateKind.MBO_CERTIFICATE,
    CertificateKind.PRAKTIJKVERKLARING,
    CertificateKind.EVC,
    CertificateKind.LANGUAGE,
    CertificateKind.ADMISSION_TEST,
}
_NODE_KINDS = ("start", "qualification", "certificate", "function")


def check_dataset(dataset: Dataset, *, broken_ids: set[str] = frozenset(), partial: bool = False) -> list[Problem]:
    """Run every whole-dataset check.

    ``broken_ids`` are entries that failed their field checks (references to them
    are not reported again); with ``partial`` a file could not be read at all, so
    unknown references and reachability are not reported either.
    """
    problems = list(_references(dataset, broken_ids, partial))
    if problems or _has_unresolved(dataset):
        # The remaining checks assume every reference resolves.
        return problems
    problems += _steps(dataset)
    problems += _registration_gates(dataset)
    problems += _lines(dataset)
    problems += _programmes(dataset)
    problems += _crebo_unique(dataset)
    problems += _quiz(dataset)
    if not partial and not broken_ids:
        problems += _reachability(dataset)
        problems += _scenarios(dataset)
    return problems


def _ref_fields(entity: Entity) -> Iterator[tuple[tuple, str, tuple[str, ...]]]:
    """(field path, referenced id, kinds allowed there) for every reference in an entity."""
    if isinstance(entity, Function):
        for i, ref in enumerate(entity.access):
            yield ("access", i), ref, ("qualification", "certificate")
        for i, demand in enumerate(entity.demand):
            if demand.region:
                yield ("demand", i, "region"), demand.region, ("region",)
    elif isinstance(entity, Qualification):
        for i, ref in enumerate(entity.entry.requires_any):
            yield ("entry", "requires_any", i), ref, _NODE_KINDS
    elif isinstance(entity, Start):
        if entity.usual_start:
            yield ("usual_start",), entity.usual_start, ("start",)
    elif isinstance(entity, Certificate):
        if entity.part_of:
            yield ("part_of",), entity.part_of, ("qualification",)
    elif isinstance(entity, Step):
        for i, ref in enumerate(entity.from_):
            yield ("from", i), ref, _NODE_KINDS
        targets = _NODE_KINDS if entity.kind is StepKind.RECOGNITION else ("qualification", "certificate", "function")
        yield ("to",), entity.to, targets
        for i, ref in enumerate(entity.also_gives):
            yield ("also_gives", i), ref, ("qualification", "certificate")
        for i, ref in enumerate(entity.regions):
            yield ("regions", i), ref, ("region",)
    elif isinstance(entity, Programme):
        for i, ref in enumerate(entity.regions):
            yield ("regions", i), ref, ("region",)
        for i, ref in enumerate(entity.supports):
            yield ("supports", i), ref, ("step", "qualification", "certificate", "function")
    elif isinstance(entity, Line):
        for i, ref in enumerate(entity.stations):
            yield ("stations", i), ref, _NODE_KINDS
    elif isinstance(entity, Scenario):
        for i, ref in enumerate(entity.from_):
            yield ("from", i), ref, _NODE_KINDS
        if entity.to:
            yield ("to",), entity.to, ("function",)
        if entity.via:
            yield ("via",), entity.via, _NODE_KINDS
        if entity.region:
            yield ("region",), entity.region, ("region",)
        for ref in entity.sentences:
            yield ("sentences", ref), ref, _NODE_KINDS
    elif isinstance(entity, QuizQuestion):
        for i, block in enumerate(entity.weights):
            for j, ref in enumerate(block.functions):
                yield ("weights", i, "functions", j), ref, ("function",)


def _or(words: tuple[str, ...]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _has_unresolved(dataset: Dataset) -> bool:
    return any(
        ref not in dataset.entities or dataset.kinds[ref] not in allowed
        for entity in dataset.entities.values()
        for _, ref, allowed in _ref_fields(entity)
    )


def _references(dataset: Dataset, broken_ids: set[str], partial: bool) -> Iterator[Problem]:
    for entity_id, entity in dataset.entities.items():
        kind = dataset.kinds[entity_id]
        for path, ref, allowed in _ref_fields(entity):
            field = str(path[0])
            if ref not in dataset.entities:
                if ref in broken_ids or partial:
                    continue
                close = suggest(dataset, ref, kinds=allowed)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                yield dataset.where(entity_id, *path).problem(
                    f"{kind} {entity_id!r}: {field} refers to unknown id {ref!r}{hint}"
                )
            elif dataset.kinds[ref] not in allowed:
                yield dataset.where(entity_id, *path).problem(
                    f"{kind} {entity_id!r}: {field} refers to {ref!r}, which is a {dataset.kinds[ref]}; "
                    f"{field} needs a {_or(allowed)}"
                )


def _steps(dataset: Dataset) -> Iterator[Problem]:
    for step in dataset.steps.values():
        if step.to in step.from_:
            yield dataset.where(step.id, "to").problem(f"step {step.id!r} goes from {step.to!r} to itself")
        target = dataset.entities[step.to]
        if not isinstance(target, Qualification):
            continue
        entry = target.entry
        for i, source_id in enumerate(step.from_):
            source = dataset.entities[source_id]
            if entry.requires_any and source_id not in entry.requires_any and step.kind is not StepKind.EVC:
                yield dataset.where(step.id, "from", i).problem(
                    f"step {step.id!r}: {target.id!r} requires one of {', '.join(entry.requires_any)}, "
                    f"but the step starts at {source_id!r}"
                )
                continue
            needed = entry.admission or target.level
            admits = admits_level(source)
            if step.kind in REGULAR_STEP_KINDS and admits is not None and level_rank(admits) < level_rank(needed):
                yield dataset.where(step.id, "from", i).problem(
                    f"step {step.id!r}: {source_id!r} admits you up to {admits.value}, "
                    f"but {target.id!r} needs admission to {needed.value}"
                )


def gives_big_registration(entity: Entity) -> bool:
    """True when holding ``entity`` means being in the BIG register (Wet BIG art. 3)."""
    registration = getattr(entity, "registration", Registration.NONE)
    return registration is Registration.BIG_REGISTER


def _registration_gates(dataset: Dataset) -> Iterator[Problem]:
    steps_into: dict[str, list[tuple[Step, int, str]]] = defaultdict(list)
    for step in dataset.steps.values():
        for i, source in enumerate(step.from_):
            steps_into[step.to].append((step, i, source))

    def non_big_sources(node_id: str) -> list[tuple[Step, int, str]]:
        return [
            (step, i, source)
            for step, i, source in steps_into[node_id]
            if not gives_big_registration(dataset.entities[source])
        ]

    for function in dataset.functions.values():
        if function.registration is Registration.SKJ:
            for i, ref in enumerate(function.access):
                level = getattr(dataset.entities[ref], "level", None)
                if isinstance(dataset.entities[ref], Qualification) and level_rank(level) < level_rank(Level.HBO):
                    yield dataset.where(function.id, "access", i).problem(
                        f"function {function.id!r} needs SKJ registration, which needs an hbo diploma or higher; "
                        f"{ref!r} is {level.value}"
                    )
        if function.registration is not Registration.BIG_REGISTER:
            continue
        for i, ref in enumerate(function.access):
            holder = dataset.entities[ref]
            if gives_big_registration(holder):
                continue
            if isinstance(holder, Certificate) and holder.kind in _NEVER_BIG:
                yield dataset.where(function.id, "access", i).problem(
                    f"function {function.id!r} needs BIG registration, but {ref!r} is a {holder.kind.value} "
                    "and does not give BIG registration"
                )
            elif isinstance(holder, Qualification):
                yield dataset.where(function.id, "access", i).problem(
                    f"function {function.id!r} needs BIG registration, but the qualification {ref!r} "
                    "does not lead to it (registration: big-register)"
                )
            else:
                for step, j, source in non_big_sources(ref):
                    yield dataset.where(step.id, "from", j).problem(
                        f"step {step.id!r} leads from {source!r} (no BIG registration) to {ref!r}, "
                        f"which gives access to the BIG-registered function {function.id!r}"
                    )
        for step, j, source in non_big_sources(function.id):
            yield dataset.where(step.id, "from", j).problem(
                f"step {step.id!r}: {function.id!r} needs BIG registration, but {source!r} does not give it"
            )


def _lines(dataset: Dataset) -> Iterator[Problem]:
    for line in dataset.lines.values():
        seen: set[str] = set()
        for i, station in enumerate(line.stations):
            if station in seen:
                yield dataset.where(line.id, "stations", i).problem(
                    f"line {line.id!r} passes station {station!r} twice"
                )
            seen.add(station)


def _programmes(dataset: Dataset) -> Iterator[Problem]:
    for programme in dataset.programmes.values():
        if programme.started and programme.ended and programme.ended < programme.started:
            yield dataset.where(programme.id, "ended").problem(
                f"programme {programme.id!r} ends ({programme.ended}) before it starts ({programme.started})"
            )
        if (
            programme.status is ProgrammeStatus.RUNNING
            and programme.ended
            and programme.ended < programme.checked.isoformat()[: len(programme.ended)]
        ):
            yield dataset.where(programme.id, "status").problem(
                f"programme {programme.id!r} is marked running, but its end date {programme.ended} "
                f"lies before the date it was checked ({programme.checked}); mark it ended"
            )


def _crebo_unique(dataset: Dataset) -> Iterator[Problem]:
    owner: dict[str, str] = {}
    for qualification in dataset.qualifications.values():
        for i, code in enumerate(qualification.crebo):
            if code in owner:
                yield dataset.where(qualification.id, "crebo", i).problem(
                    f"crebo {code} of {qualification.id!r} is also given for {owner[code]!r}"
                )
            owner.setdefault(code, qualification.id)


def _quiz(dataset: Dataset) -> Iterator[Problem]:
    """The quiz is short but complete, and no question names a job twice."""
    questions = dataset.questions
    if not questions:
        return
    low, high = QUIZ_QUESTIONS
    if not low <= len(questions) <= high:
        last = list(questions)[-1 if len(questions) > high else 0]
        yield dataset.where(last).problem(f"the quiz has {len(questions)} questions; keep it between {low} and {high}")
    for question in questions.values():
        seen: dict[str, int] = {}
        for i, block in enumerate(question.weights):
            for j, ref in enumerate(block.functions):
                if ref in seen:
                    yield dataset.where(question.id, "weights", i, "functions", j).problem(
                        f"question {question.id!r} names {ref!r} twice (also in weight block {seen[ref] + 1}); "
                        "give each job one weight per question"
                    )
                seen.setdefault(ref, i)


def _reachability(dataset: Dataset) -> Iterator[Problem]:
    """Every function, qualification and certificate can be reached from some start."""
    successors: dict[str, set[str]] = defaultdict(set)
    for step in dataset.steps.values():
        for source in step.from_:
            successors[source].add(step.to)
            successors[source].update(step.also_gives)
    for function in dataset.functions.values():
        for ref in function.access:
            successors[ref].add(function.id)
    seen = set(dataset.starts)
    queue = deque(seen)
    while queue:
        node = queue.popleft()
        for nxt in successors[node] - seen:
            seen.add(nxt)
            queue.append(nxt)
    for kind in ("function", "qualification", "certificate"):
        for entity in dataset.of_kind(kind):
            if entity.id not in seen:
                how = (
                    f"add a step into one of its access diplomas ({', '.join(entity.access)})"
                    if isinstance(entity, Function)
                    else "add a step that leads to it"
                )
                yield dataset.where(entity.id).problem(
                    f"{kind} {entity.id!r} cannot be reached from any start position: {how}"
                )


def _scenarios(dataset: Dataset) -> Iterator[Problem]:
    """Every presenter scenario still works on the data: its route exists, its sentences are stops."""
    if not dataset.scenarios:
        return
    from .graph import build_graph
    from .scenarios import scenario_problems

    G = build_graph(dataset)
    for scenario in dataset.scenarios.values():
        for path, message in scenario_problems(G, scenario):
            yield dataset.where(scenario.id, *path).problem(message)
