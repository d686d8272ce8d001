"""The data model: one pydantic model per kind of entity in ``data/``.

Every model rejects unknown fields, so a typo in a field name is an error with a
line number rather than silently ignored data. Whole-dataset rules (references,
reachability, registration gates) live in :mod:`routes.checks`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = [
    "ADMITS_AFTER",
    "REGULAR_STEP_KINDS",
    "KINDS",
    "LEVEL_RANK",
    "Certificate",
    "CertificateKind",
    "Contact",
    "Cost",
    "DataFile",
    "Demand",
    "ENGLISH_MODELS",
    "Entry",
    "FieldSource",
    "Function",
    "Level",
    "Line",
    "Months",
    "Pay",
    "Programme",
    "ProgrammeStatus",
    "QUIZ_ANSWERS",
    "Qualification",
    "QuizQuestion",
    "QuizWeight",
    "Region",
    "Registration",
    "Scenario",
    "ScenarioKind",
    "ScenarioText",
    "Sector",
    "Start",
    "Step",
    "StepKind",
    "StepPay",
    "TargetGroup",
    "level_rank",
    "missing_twins",
]

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, description="kebab-case id, unique in the dataset")]
Text = Annotated[str, Field(min_length=1)]
CREBO_PATTERN = r"^[0-9]{5}$"
CROHO_PATTERN = r"^[0-9]{5}$"
ISCO_PATTERN = r"^[0-9]{4}$"
ESCO_PATTERN = r"^http://data\.europa\.eu/esco/occupation/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
SEED_PATTERN = re.compile(r"^[0-9]{3}_[0-9a-f]{16}\.txt$")
# A partial date as written in sources: "2024", "2024-05" or "2024-05-01".
PartialDate = Annotated[str, Field(pattern=r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")]


class Level(StrEnum):
    """Education level of a qualification or function (mbo-1 up to master/wo)."""

    MBO_1 = "mbo-1"
    MBO_2 = "mbo-2"
    MBO_3 = "mbo-3"
    MBO_4 = "mbo-4"
    AD = "ad"
    HBO = "hbo"
    WO = "wo"
    MASTER = "master"


# wo and master share a rank: in this dataset "wo" marks university programmes
# (geneeskunde, psychologie) that end at master level.
LEVEL_RANK: dict[Level, int] = {
    Level.MBO_1: 1,
    Level.MBO_2: 2,
    Level.MBO_3: 3,
    Level.MBO_4: 4,
    Level.AD: 5,
    Level.HBO: 6,
    Level.WO: 7,
    Level.MASTER: 7,
}


# The level a diploma admits you to: an mbo-2 diploma opens mbo-3 and mbo-4,
# an mbo-4 diploma opens hbo, a bachelor opens a master.
ADMITS_AFTER: dict[Level, Level] = {
    Level.MBO_1: Level.MBO_2,
    Level.MBO_2: Level.MBO_4,
    Level.MBO_3: Level.MBO_4,
    Level.MBO_4: Level.HBO,
    Level.AD: Level.HBO,
    Level.HBO: Level.MASTER,
    Level.WO: Level.MASTER,
    Level.MASTER: Level.MASTER,
}


def level_rank(level: Level | str | None) -> int:
    """Rank of a level for ordering and comparing; ``None`` (no level) is 0.

    >>> level_rank("mbo-3") < level_rank("hbo")
    True
    >>> level_rank(None)
    0
    """
    if level is None:
        return 0
    return LEVEL_RANK[Level(level)]


class Sector(StrEnum):
    VVT = "vvt"  # verpleeg-, verzorgingshuizen en thuiszorg / ouderenzorg
    ZIEKENHUIS = "ziekenhuis"
    GEHANDICAPTENZORG = "gehandicaptenzorg"
    GGZ = "ggz"
    JEUGDZORG = "jeugdzorg"
    KINDEROPVANG = "kinderopvang"
    WELZIJN = "welzijn"  # welzijn en sociaal werk
    EERSTELIJN = "eerstelijn"  # huisarts, apotheek, tandarts, paramedisch
    AMBULANCEZORG = "ambulancezorg"  # ambulance and emergency dispatch: own CAO Ambulancezorg


class Registration(StrEnum):
    BIG_REGISTER = "big-register"  # Wet BIG art. 3: register + protected title
    BIG_TITLE = "big-title"  # Wet BIG art. 34: protected training title, no register
    SKJ = "skj"  # Kwaliteitsregister Jeugd
    NONE = "none"


class StepKind(StrEnum):
    BOL = "bol"  # school-based mbo with internships
    BBL = "bbl"  # learn-work contract: paid job + about one school day a week
    FULLTIME = "voltijd"  # full-time hbo/wo study
    PARTTIME = "deeltijd"  # part-time hbo/wo study
    DUAL = "duaal"  # hbo/wo study combined with a paid job
    SHORTENED = "verkort"  # shortened programme thanks to a prior diploma
    COMBINED = "combi"  # one programme that gives two diplomas
    EVC = "evc"  # recognition of prior learning
    CERTIFICATE = "certificaat"  # an mbo-certificaat or other partial route
    WORK_EXPERIENCE = "werkervaring"  # learning on the job, growing into a role
    IN_SERVICE = "inservice"  # in-service training (e.g. CZO) while employed
    POST_INITIAL = "post-initieel"  # a course after a diploma (e.g. POH)
    ADMISSION_TEST = "toelatingstoets"  # e.g. the 21+ admission test for hbo
    RECOGNITION = "erkenning"  # recognition of a foreign diploma
    PROGRAMME_ROUTE = "programma"  # a route run by a regional programme
    ORIENTATION = "orientatie"  # orientation / trial period before a route


# Regular programmes: open to everyone who meets the entry level.
REGULAR_STEP_KINDS = frozenset({StepKind.BOL, StepKind.BBL, StepKind.FULLTIME, StepKind.PARTTIME, StepKind.DUAL})


class CertificateKind(StrEnum):
    MBO_CERTIFICATE = "mbo-certificaat"
    PRAKTIJKVERKLARING = "praktijkverklaring"
    EVC = "evc"
    CZO = "czo"
    POST_INITIAL = "post-initieel"
    ADMISSION_TEST = "toelatingstoets"
    RECOGNITION = "erkenning"
    LANGUAGE = "taal"
    OTHER = "overig"


class ProgrammeStatus(StrEnum):
    RUNNING = "running"
    PLANNED = "planned"
    ENDED = "ended"
    UNKNOWN = "unknown"  # current status not confirmed: shown, never offered


class TargetGroup(StrEnum):
    SIDE_ENTRANT = "side-entrant"  # zij-instromer from another sector
    BENEFITS = "benefits"  # on benefits (uitkering)
    JOBSEEKER = "jobseeker"  # looking for work
    STATUS_HOLDER = "status-holder"  # statushouder
    RETURNER = "returner"  # herintreder
    EMPLOYED = "employed"  # already working in care or welfare
    STUDENT = "student"
    YOUNG = "young"  # jongeren
    STARTER = "starter"  # newly qualified
    FLEX_WORKER = "flex-worker"  # flexwerker or zzp'er
    EVERYONE = "everyone"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, use_enum_values=False)


class NoteEn(_Strict):
    """The English twin of a nested block's ``note`` (cost, pay, entry)."""

    note: Text


class DemandEn(_Strict):
    """The English twin of a demand signal."""

    signal: Text


class _English(_Strict):
    """English twins of an entity's texts. Dutch (B1) is the source; the English reads naturally.

    Each field is the twin of the Dutch field of the same name: a list has as many
    items, in the same order. ``aliases`` are English search words (any number).
    """

    name: Text | None = None
    aliases: list[Text] = Field(default_factory=list, description="English words to find it by (any number)")
    note: Text | None = None


class StartEn(_English):
    description: Text | None = None


class FunctionEn(_English):
    description: Text | None = None
    tasks: list[Text] = Field(default_factory=list)
    pay: NoteEn | None = None
    demand: list[DemandEn] = Field(default_factory=list)


class QualificationEn(_English):
    description: Text | None = None
    entry: NoteEn | None = None


class CertificateEn(_English):
    proves: Text | None = None
    unlocks: Text | None = None
    limits: Text | None = None


class StepEn(_English):
    why: Text | None = None
    conditions: list[Text] = Field(default_factory=list)
    cost: NoteEn | None = None
    pay: NoteEn | None = None


class ProgrammeEn(_English):
    target_note: Text | None = None
    offers: list[Text] = Field(default_factory=list)


class RegionEn(_English):
    contact_unknown: Text | None = None
    demand: list[DemandEn] = Field(default_factory=list)


class LineEn(_English):
    pass


# Blocks whose English twin is only their note.
NESTED_NOTES = frozenset({"cost", "pay", "entry"})

# Fields whose twin is optional: proper names (a programme, a region) stay as they
# are, and a ``note`` is for the people who keep the data, except a job's note,
# which the job page shows.
OPTIONAL_TWINS: dict[str, frozenset[str]] = {
    "start": frozenset({"note"}),
    "function": frozenset(),
    "qualification": frozenset({"note"}),
    "certificate": frozenset({"note"}),
    "step": frozenset({"note"}),
    "programme": frozenset({"name", "note"}),
    "region": frozenset({"name", "note"}),
    "line": frozenset({"note"}),
}


def english_mismatches(entity: BaseModel, english: _English) -> Iterator[str]:
    """Twins that do not fit their Dutch field: a twin of an empty field, or a list of another length."""
    for name in english.model_fields_set:
        if name == "aliases":
            continue
        twin, dutch = getattr(english, name), getattr(entity, name, None)
        if isinstance(twin, NoteEn):
            dutch = getattr(dutch, "note", None)
        if dutch in (None, [], ""):
            yield f"en.{name} is given, but {name} has no Dutch text to translate"
        elif isinstance(twin, list) and len(twin) != len(dutch):
            yield f"en.{name} has {len(twin)} items and {name} has {len(dutch)}: give one English item per Dutch item"


def missing_twins(kind: str, entity: BaseModel) -> Iterator[str]:
    """The Dutch texts of ``entity`` that have no English twin (as field paths, e.g. ``cost.note``)."""
    english = getattr(entity, "en", None)
    model = type(english) if english is not None else ENGLISH_MODELS.get(kind)
    if model is None:
        return
    optional = OPTIONAL_TWINS.get(kind, frozenset())
    for name in model.model_fields:
        if name == "aliases" or name in optional:
            continue
        dutch = getattr(entity, name, None)
        twin = getattr(english, name, None) if english is not None else None
        if name in NESTED_NOTES:
            if getattr(dutch, "note", None) and twin is None:
                yield f"{name}.note"
        elif dutch not in (None, [], "") and twin in (None, []):
            yield name


def _is_source(source: str) -> bool:
    return source.startswith(("https://", "http://")) or bool(SEED_PATTERN.match(source))


class FieldSource(_Strict):
    """Where one field's value comes from, when it is not the entity's own ``sources``."""

    source: Text = Field(description="URL or seed file name this field's value comes from")
    checked: dt.date = Field(description="date this value was checked against the source (YYYY-MM-DD)")
    note: str | None = None

    @field_validator("source")
    @classmethod
    def _url_or_seed(cls, source: str) -> str:
        if not _is_source(source):
            raise ValueError(f"source {source!r} is neither a URL (https://…) nor a seed file name")
        return source


class Entity(_Strict):
    """Fields every entity has."""

    id: Id
    name: Text
    sources: list[Text] = Field(min_length=1, description="URLs or seed file names (e.g. 004_038b0e6eaee662b7.txt)")
    checked: dt.date = Field(description="date the sources were last checked (YYYY-MM-DD)")
    unconfirmed: list[Text] = Field(default_factory=list, description="names of fields whose value is not confirmed")
    note: str | None = None
    sources_by_field: dict[str, FieldSource] = Field(
        default_factory=dict,
        description="field name -> {source, checked}: for a field whose value comes from another source, "
        "or was checked on another date, than the entity's own sources and checked",
    )

    @field_validator("sources")
    @classmethod
    def _source_is_url_or_seed(cls, sources: list[str]) -> list[str]:
        for source in sources:
            if not _is_source(source):
                raise ValueError(
                    f"source {source!r} is neither a URL (https://…) nor a seed file name "
                    "such as 004_038b0e6eaee662b7.txt"
                )
        return sources

    @classmethod
    def _fact_fields(cls) -> set[str]:
        return {"from" if f == "from_" else f for f in cls.model_fields} - {
            "unconfirmed", "note", "id", "sources", "checked", "sources_by_field", "en"
        }  # fmt: skip

    @field_validator("unconfirmed")
    @classmethod
    def _unconfirmed_names_fields(cls, names: list[str]) -> list[str]:
        known = cls._fact_fields() | {"sources", "checked"}
        for name in names:
            if name not in known:
                raise ValueError(
                    f"unconfirmed lists {name!r}, which is not a field of {cls.__name__.lower()}"
                    f" (fields: {', '.join(sorted(known))})"
                )
        return names

    @field_validator("sources_by_field")
    @classmethod
    def _sources_name_fields(cls, by_field: dict[str, FieldSource]) -> dict[str, FieldSource]:
        known = cls._fact_fields()
        for name in by_field:
            if name not in known:
                raise ValueError(
                    f"sources_by_field names {name!r}, which is not a field of {cls.__name__.lower()}"
                    f" (fields: {', '.join(sorted(known))})"
                )
        return by_field

    @model_validator(mode="after")
    def _english_fits(self) -> Entity:
        english = getattr(self, "en", None)
        if english is not None:
            for problem in english_mismatches(self, english):
                raise ValueError(problem)
        return self


class Months(_Strict):
    """A duration range in months."""

    min: int = Field(ge=0, le=144)
    max: int = Field(ge=0, le=144)

    @model_validator(mode="after")
    def _ordered(self) -> Months:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is larger than max ({self.max})")
        return self


class Start(Entity):
    """A starting position: what someone brings (schooling, a diploma from another sector)."""

    en: StartEn | None = Field(default=None, description="the English twins of the Dutch texts")

    aliases: list[Text] = Field(default_factory=list)
    description: Text
    admits: Level | None = Field(
        description="highest level of education this position admits to, "
        "e.g. vmbo-bb admits mbo-2; null when a recognition step is needed first"
    )
    previous_work: bool = Field(
        default=False,
        description="true when this start is work someone did (shop, hotel, warehouse), not a diploma; "
        "combine it with the diploma the person has",
    )
    usual_start: Id | None = Field(
        default=None,
        description="for previous work: the diploma start it usually comes with (assumed when the person names none)",
    )
    study_language: StudyLanguage | None = Field(
        default=None,
        description="a foreign diploma: the Dutch (NT2) level schools ask before you start a regular "
        "programme with it, by band (mbo, hbo); the planner adds it to every such step",
    )


class Pay(_Strict):
    """The CAO pay range of a job: gross euros per month for a full-time job (without extras).

    The employer places a job in a scale, so the range is the scale's first and
    last step; ``cao`` names the collective agreement the range comes from.
    """

    cao: str | None = Field(default=None, description="the CAO the scale belongs to, e.g. 'CAO VVT 2025-2027'")
    scale: str | None = Field(default=None, description="the scale (FWG, trede), e.g. 'FWG 35'")
    min_eur: int | None = Field(default=None, ge=0, description="gross per month, full time, lowest step")
    max_eur: int | None = Field(default=None, ge=0, description="gross per month, full time, highest step")
    year: int | None = Field(default=None, ge=2000, le=2100, description="year the amounts hold")
    source: str | None = Field(default=None, description="URL of the published scale table")
    checked: dt.date | None = Field(default=None, description="date the amounts were checked (YYYY-MM-DD)")
    note: str | None = None

    @model_validator(mode="after")
    def _range(self) -> Pay:
        if self.min_eur is not None and self.max_eur is not None and self.min_eur > self.max_eur:
            raise ValueError(f"min_eur ({self.min_eur}) is larger than max_eur ({self.max_eur})")
        if (self.min_eur is not None or self.max_eur is not None) and not self.source:
            raise ValueError("a pay amount needs its source (the URL of the scale table)")
        return self


class Cost(_Strict):
    """What a step costs the learner, for the whole step (school fees, course fees, exams).

    ``eur: 0`` with a note such as "betaalt je werkgever" when the employer pays;
    ``eur: null`` with a note that says why the amount is unknown.
    """

    eur: int | None = Field(ge=0, description="total cost to the learner in euros; null = unknown (say why in note)")
    note: str | None = Field(default=None, description="plain Dutch: what the amount is, who pays, or why unknown")
    year: str | None = Field(default=None, description="school year the amount holds, e.g. '2026-2027'")
    source: str | None = Field(default=None, description="URL or seed file the amount comes from")

    @model_validator(mode="after")
    def _known_or_explained(self) -> Cost:
        if self.eur is None and not self.note:
            raise ValueError("cost without an amount needs a note that says why it is unknown")
        if self.eur is not None and self.eur > 0 and not self.source:
            raise ValueError("a cost amount needs its source")
        return self


class StepPay(_Strict):
    """The usual pay while taking a paid step (a BBL job, a traineeship)."""

    eur_month: int | None = Field(
        default=None, ge=0, description="usual gross pay per month during the step, full time (36 hours)"
    )
    note: str | None = Field(default=None, description="plain Dutch: which scale, or why unknown")
    source: str | None = None

    @model_validator(mode="after")
    def _known_or_explained(self) -> StepPay:
        if self.eur_month is None and not self.note:
            raise ValueError("pay without an amount needs a note that says why it is unknown")
        if self.eur_month is not None and not self.source:
            raise ValueError("a pay amount needs its source")
        return self


class LanguageLevel(StrEnum):
    """Dutch as a second language (NT2), CEFR levels."""

    A2 = "A2"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"


class StudyLanguage(_Strict):
    """The Dutch level schools ask of someone who enters with a foreign diploma, per band of education."""

    mbo: LanguageLevel | None = Field(default=None, description="for an mbo programme, e.g. B1 (NT2 programma I)")
    hbo: LanguageLevel | None = Field(default=None, description="for an Ad, hbo or wo programme, e.g. B2")


class Demand(_Strict):
    """A signal of demand or shortage, always with its year and source."""

    signal: Text
    year: int = Field(ge=2000, le=2100)
    region: Id | None = Field(default=None, description="region id; empty for national")
    source: Text


class Function(Entity):
    """A job (beroep) in care or welfare."""

    en: FunctionEn | None = Field(default=None, description="the English twins of the Dutch texts")

    aliases: list[Text] = Field(default_factory=list)
    sectors: list[Sector] = Field(min_length=1)
    level: Level | None
    description: Text = Field(description="plain Dutch (B1): what you do")
    tasks: list[Text] = Field(min_length=1)
    access: list[Id] = Field(
        min_length=1,
        description="qualifications or certificates that each give access (alternatives)",
    )
    registration: Registration
    cao: str | None = None
    pay: Pay | None = None
    demand: list[Demand] = Field(default_factory=list)
    min_age: int | None = Field(default=None, ge=0, le=99, description="minimum age for this job, when there is one")
    vog: bool = Field(default=False, description="a VOG (certificate of conduct) is needed")
    isco: Annotated[str, Field(pattern=ISCO_PATTERN)] | None = Field(
        default=None, description="ISCO-08 unit group (4 digits), e.g. '2221' for nursing professionals"
    )
    esco: Annotated[str, Field(pattern=ESCO_PATTERN)] | None = Field(
        default=None,
        description="the ESCO occupation that fits, as its URI (http://data.europa.eu/esco/occupation/…); "
        "empty when none fits",
    )
    competentnl: str | None = Field(default=None, description="the CompetentNL occupation id, where published")


class Entry(_Strict):
    """What you need to start a qualification."""

    admission: Level | None = Field(
        default=None, description="level you must be admitted to (default: the qualification's level)"
    )
    requires_any: list[Id] = Field(
        default_factory=list, description="specific diplomas/certificates/functions, any one suffices"
    )
    admission_test_21plus: bool = Field(
        default=False, description="people aged 21+ without the diploma can take an admission test"
    )
    note: str | None = None


class Qualification(Entity):
    """A diploma: an mbo qualification (crebo), an Ad, bachelor or master."""

    en: QualificationEn | None = Field(default=None, description="the English twins of the Dutch texts")

    aliases: list[Text] = Field(default_factory=list)
    level: Level
    crebo: list[Annotated[str, Field(pattern=CREBO_PATTERN)]] = Field(
        default_factory=list, description="crebo codes as strings, current first, older after"
    )
    sectors: list[Sector] = Field(default_factory=list)
    description: Text
    bol_months: Months | None = None
    bbl_months: Months | None = None
    entry: Entry = Field(default_factory=Entry)
    registration: Registration = Registration.NONE
    croho: Annotated[str, Field(pattern=CROHO_PATTERN)] | None = Field(
        default=None, description="hbo/wo programmes: the CROHO code of the programme (5 digits)"
    )


class Certificate(Entity):
    """A partial proof: mbo-certificaat, praktijkverklaring, EVC, CZO, admission test…"""

    en: CertificateEn | None = Field(default=None, description="the English twins of the Dutch texts")

    aliases: list[Text] = Field(default_factory=list)
    kind: CertificateKind
    level: Level | None = None
    proves: Text = Field(description="what it proves, plain Dutch")
    unlocks: Text = Field(description="what it opens or shortens, plain Dutch")
    limits: str | None = Field(default=None, description="what it does not give, e.g. no BIG registration")
    admits: Level | None = Field(
        default=None, description="level of education it admits to (e.g. the 21+ test admits hbo)"
    )
    part_of: Id | None = Field(default=None, description="the qualification it is a part of")
    registration: Registration = Field(
        default=Registration.NONE,
        description="registration it gives itself (only a BIG recognition gives big-register)",
    )
    status: ProgrammeStatus = ProgrammeStatus.RUNNING


class Step(Entity):
    """A transition: from what someone holds to a qualification, certificate or job."""

    en: StepEn | None = Field(default=None, description="the English twins of the Dutch texts")

    from_: list[Id] = Field(alias="from", min_length=1)
    to: Id
    also_gives: list[Id] = Field(
        default_factory=list, description="further diplomas earned in the same step (combi routes)"
    )
    kind: StepKind
    months: Months
    paid: bool = Field(description="true when you earn while you learn")
    cost: Cost | None = Field(default=None, description="what the step costs the learner")
    pay: StepPay | None = Field(default=None, description="usual pay during a paid step")
    hours_per_week: int | None = Field(
        default=None, ge=1, le=60, description="hours a week the step is planned for (fewer hours: it takes longer)"
    )
    min_hours_per_week: int | None = Field(
        default=None, ge=1, le=60, description="fewest hours a week with which the step can be done at all"
    )
    min_age: int | None = Field(default=None, ge=0, le=99, description="minimum age to start, e.g. 21 for the 21+ test")
    vog: bool = Field(default=False, description="a VOG (certificate of conduct) is needed to start")
    language: LanguageLevel | None = Field(default=None, description="Dutch (NT2) level needed to start")
    conditions: list[Text] = Field(default_factory=list)
    regions: list[Id] = Field(default_factory=list, description="empty = offered nationally")
    why: str | None = Field(default=None, description="plain Dutch: why this step, what it gives")

    model_config = ConfigDict(populate_by_name=True)

    @model_validator(mode="after")
    def _hours_ordered(self) -> Step:
        if self.min_hours_per_week and self.hours_per_week and self.min_hours_per_week > self.hours_per_week:
            raise ValueError(
                f"min_hours_per_week ({self.min_hours_per_week}) is more than hours_per_week ({self.hours_per_week})"
            )
        return self

    @field_validator("from_", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


class Programme(Entity):
    """A regional (or national) programme that helps people along a route."""

    en: ProgrammeEn | None = Field(default=None, description="the English twins of the Dutch texts")

    regions: list[Id] = Field(min_length=1)
    organiser: Text
    target_groups: list[TargetGroup] = Field(min_length=1)
    target_note: str | None = Field(default=None, description="the target group in the source's words")
    offers: list[Text] = Field(min_length=1)
    supports: list[Id] = Field(default_factory=list, description="steps, qualifications or functions it helps towards")
    status: ProgrammeStatus
    started: PartialDate | None = None
    ended: PartialDate | None = None
    url: str | None = None

    @model_validator(mode="after")
    def _ended_has_date(self) -> Programme:
        if self.status is ProgrammeStatus.ENDED and self.ended is None:
            raise ValueError("an ended programme needs its end date in 'ended' (YYYY, YYYY-MM or YYYY-MM-DD)")
        return self


class Contact(_Strict):
    """A region's contact point for newcomers: who to call or mail ("who do I call here?").

    Only details the organisation publishes itself, each with its source; never a guessed
    phone number or e-mail address.
    """

    name: Text = Field(description="name of the contact point, e.g. 'Ik Zorg. Contactpunt'")
    url: str | None = Field(default=None, description="web page of the contact point")
    phone: str | None = Field(default=None, description="phone number as published")
    email: str | None = Field(default=None, description="e-mail address as published")
    source: Text = Field(description="URL where these details are published")
    checked: dt.date = Field(description="date the details were checked (YYYY-MM-DD)")


class Region(Entity):
    """A labour-market region with its regional employer organisation."""

    en: RegionEn | None = Field(default=None, description="the English twins of the Dutch texts")

    employer_organisation: Text
    url: str | None = None
    areas: list[Text] = Field(default_factory=list, description="provinces, municipalities or sub-regions")
    contact: Contact | None = Field(default=None, description="the contact point for newcomers")
    contact_unknown: str | None = Field(
        default=None, description="why no contact point is given (when 'contact' is empty)"
    )
    demand: list[Demand] = Field(
        default_factory=list,
        description="figures about work in this region (workers now, workers needed, shortage), "
        "each with its year and source",
    )

    @model_validator(mode="after")
    def _contact_or_reason(self) -> Region:
        if self.contact is not None and self.contact_unknown:
            raise ValueError("give either 'contact' or 'contact_unknown' (the reason), not both")
        return self


class Line(Entity):
    """A metro line: a sector or career path with its colour and ordered stations."""

    en: LineEn | None = Field(default=None, description="the English twins of the Dutch texts")

    colour: Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]
    sector: Sector | None = None
    stations: list[Id] = Field(min_length=2)


class ScenarioKind(StrEnum):
    ROUTE = "route"  # a route from a start to a job, stepped through stop by stop
    REACH = "reach"  # "wat kun je worden": every job reachable from a start


class ScenarioText(_Strict):
    """A text in Dutch, and optionally in English (without it, English shows a generated text)."""

    nl: Text
    en: Text | None = None


class Scenario(_Strict):
    """A ready scenario for the classroom presenter: a route or "what can you become".

    The route itself is never written here: the planner computes it from the data,
    so a scenario always follows the data. Checked by :mod:`routes.checks`.
    """

    id: Id
    kind: ScenarioKind
    title: ScenarioText
    from_: list[Id] = Field(alias="from", min_length=1, description="start ids, as the planner takes them")
    to: Id | None = Field(default=None, description="route scenarios: the job (function id) the route leads to")
    via: Id | None = Field(default=None, description="route scenarios: a station the route must pass")
    region: Id | None = Field(default=None, description="region id: regional steps there count too")
    group: TargetGroup | None = Field(default=None, description="the person's situation, as in the planner")
    age: int | None = Field(default=None, ge=12, le=99, description="the person's age")
    hours_per_week: int | None = Field(default=None, ge=1, le=80, description="hours a week the person has")
    within_months: int | None = Field(default=None, ge=1, le=240, description="reach scenarios: only jobs this close")
    sentences: dict[Id, ScenarioText] = Field(
        default_factory=dict,
        description="route scenarios: station id -> own sentence for that stop (the duration is added to it)",
    )
    note: str | None = None

    model_config = ConfigDict(populate_by_name=True)

    @property
    def name(self) -> str:
        """The Dutch title (every entry in the dataset has a name)."""
        return self.title.nl

    @field_validator("from_", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _fields_fit_kind(self) -> Scenario:
        if self.kind is ScenarioKind.ROUTE:
            if self.to is None:
                raise ValueError("a route scenario needs 'to': the job (function id) the route leads to")
            if self.within_months is not None:
                raise ValueError("'within_months' is only for reach scenarios")
        else:
            used = [name for name in ("to", "via") if getattr(self, name)] + (["sentences"] if self.sentences else [])
            if used:
                raise ValueError(f"a reach scenario has no {', '.join(repr(u) for u in used)}: only route scenarios do")
        return self


# The answers every quiz question takes, from most to least agreeing.
QUIZ_ANSWERS = ("ja", "beetje", "nee")
MAX_QUIZ_WEIGHT = 3


class QuizWeight(_Strict):
    """How much an answer counts for some jobs: ``weight`` times the answer (ja +1, beetje +½, nee −1)."""

    functions: list[Id] = Field(min_length=1, description="the jobs (function ids) this weight is for")
    weight: int = Field(
        ge=-MAX_QUIZ_WEIGHT,
        le=MAX_QUIZ_WEIGHT,
        description="-3 to 3, not 0: how strongly a 'ja' points to these jobs (negative: away from them)",
    )
    reason: ScenarioText | None = Field(
        default=None, description="optional: one short sentence about these jobs that explains the weight"
    )

    @field_validator("weight")
    @classmethod
    def _not_zero(cls, weight: int) -> int:
        if weight == 0:
            raise ValueError("a weight of 0 counts for nothing: leave the block out")
        return weight


class QuizQuestion(_Strict):
    """One question of the interest quiz ("Welk zorgwerk past bij mij?").

    (``if_yes``/``if_no``, never bare ``yes``/``no``: YAML 1.1 tools read those keys as booleans.)
    The quiz states no facts, so a question has no ``sources``; it only says which
    jobs an answer points to. Checked by :mod:`routes.checks`; scored by :mod:`routes.quiz`.
    """

    id: Id
    question: ScenarioText = Field(description="the question, plain Dutch (B1), and English")
    if_yes: ScenarioText = Field(description="what a 'ja' says about you, e.g. 'Je werkt graag met kinderen.'")
    if_no: ScenarioText = Field(description="what a 'nee' says about you, e.g. 'Je werkt liever niet met kinderen.'")
    weights: list[QuizWeight] = Field(min_length=1, description="which jobs this question points to, and how much")
    note: str | None = None

    @property
    def name(self) -> str:
        """The Dutch question (every entry in the dataset has a name)."""
        return self.question.nl


ENGLISH_MODELS: dict[str, type[_English]] = {
    "start": StartEn,
    "function": FunctionEn,
    "qualification": QualificationEn,
    "certificate": CertificateEn,
    "step": StepEn,
    "programme": ProgrammeEn,
    "region": RegionEn,
    "line": LineEn,
}

KINDS: dict[str, type[Entity] | type[Scenario] | type[QuizQuestion]] = {
    "start": Start,
    "function": Function,
    "qualification": Qualification,
    "certificate": Certificate,
    "step": Step,
    "programme": Programme,
    "region": Region,
    "line": Line,
    "scenario": Scenario,
    "question": QuizQuestion,
}

# Section name in a data file -> kind.
SECTIONS: dict[str, str] = {
    "starts": "start",
    "functions": "function",
    "qualifications": "qualification",
    "certificates": "certificate",
    "steps": "step",
    "programmes": "programme",
    "regions": "region",
    "lines": "line",
    "scenarios": "scenario",
    "quiz": "question",
}


class DataFile(_Strict):
    """One YAML file in ``data/``: any of the sections, plus includes in the entry file."""

    model_config = ConfigDict(title="Metrokaart data file")

    include: list[Text] = Field(
        default_factory=list, description="other files to load, relative to this one; globs allowed"
    )
    starts: list[Start] = Field(default_factory=list)
    functions: list[Function] = Field(default_factory=list)
    qualifications: list[Qualification] = Field(default_factory=list)
    certificates: list[Certificate] = Field(default_factory=list)
    steps: list[Step] = Field(default_factory=list)
    programmes: list[Programme] = Field(default_factory=list)
    regions: list[Region] = Field(default_factory=list)
    lines: list[Line] = Field(default_factory=list)
    scenarios: list[Scenario] = Field(default_factory=list)
    quiz: list[QuizQuestion] = Field(
        default_factory=list, description="the questions of the interest quiz (data/quiz.yaml)"
    )


Kind = Literal[
    "start", "function", "qualification", "certificate", "step", "programme", "region", "line", "scenario", "question"
]  # fmt: skip
