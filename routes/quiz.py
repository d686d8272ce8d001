"""The interest quiz, "Welk zorgwerk past bij mij?": answers in, suggested jobs out.

The questions and their weights live in ``data/quiz.yaml``
(:class:`routes.models.QuizQuestion`). Each answer is a number —
``ja`` +1, ``beetje`` +½, ``nee`` −1 (:data:`ANSWER_VALUE`) — and a job's score is
the sum of answer × weight over the questions that name it. A question left open
counts for nothing. The best jobs (score above zero) are suggested, each with a
one-line reason taken from the answer that counted most for it, and the two
links the page shows: the job's profile and the planner with the job as target.

Pure and deterministic: the same answers always give the same list, ties are
broken by name and then id.

Examples
--------
>>> from routes import load_dataset
>>> dataset = load_dataset()
>>> top = suggest_functions(dataset, {"vraag-kinderen": "ja", "vraag-verzorging": "nee"})
>>> top[0].function_id in {"pedagogisch-medewerker-kinderopvang", "groepshulp-kinderopvang", "gastouder"}
True
>>> top[0].planner_link
'/?to=gastouder'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from .dataset import Dataset
from .errors import UnknownStation
from .models import QUIZ_ANSWERS, QuizQuestion
from .search import closest

__all__ = [
    "ANSWERS",
    "ANSWER_VALUE",
    "MIN_ANSWERS",
    "TOP",
    "Contribution",
    "Suggestion",
    "contributions",
    "scores",
    "suggest_functions",
]

ANSWERS = QUIZ_ANSWERS  # "ja", "beetje", "nee"
ANSWER_VALUE: dict[str, float] = {"ja": 1.0, "beetje": 0.5, "nee": -1.0}
TOP = 5  # jobs suggested
MIN_ANSWERS = 3  # answers needed before a suggestion means anything


@dataclass(frozen=True)
class Contribution:
    """What one answer added to one job's score, and the sentences that explain it."""

    question_id: str
    answer: str
    points: float
    said: str  # what the answer says about the person (the question's if_yes or if_no sentence), Dutch
    said_en: str
    reason: str | None  # the weight block's sentence about the job, if any
    reason_en: str | None


@dataclass(frozen=True)
class Suggestion:
    """A suggested job: its score, the answers that counted most, and where to go next."""

    function_id: str
    name: str
    score: float
    because: tuple[Contribution, ...]  # positive contributions, largest first

    def reason(self, lang: str = "nl") -> str:
        """One line in plain language: why this job, from the answers that counted most.

        The answer that counted most, with the sentence about the job from its weight
        block; without one, the answer that counted next.
        """
        if not self.because:
            return ""
        top = self.because[0]
        said, about = (top.said_en, top.reason_en) if lang == "en" else (top.said, top.reason)
        if not about and len(self.because) > 1:  # no sentence about the job: the next answer that counted
            about = self.because[1].said_en if lang == "en" else self.because[1].said
        return f"{said} {about}" if about else said

    @property
    def profile_params(self) -> dict[str, str]:
        """Query parameters of the job's profile on the Beroepen page."""
        return {"beroep": self.function_id}

    @property
    def planner_params(self) -> dict[str, str]:
        """Query parameters of the planner with this job as target (see :mod:`routes.state`)."""
        return {"to": self.function_id}

    @property
    def planner_link(self) -> str:
        """The planner's address with the target filled in, e.g. ``/?to=verzorgende-ig``."""
        return "/?" + urlencode(self.planner_params)


def _check_answers(dataset: Dataset, answers: Mapping[str, str | None]) -> dict[str, str]:
    """The given answers, checked: an unknown question id raises, an unknown answer is a ValueError."""
    questions = dataset.questions
    checked: dict[str, str] = {}
    for question_id, answer in answers.items():
        if question_id not in questions:
            raise UnknownStation(question_id, closest(question_id, questions))
        if answer is None:
            continue
        if answer not in ANSWER_VALUE:
            raise ValueError(f"answer {answer!r} to {question_id!r} is not one of {', '.join(ANSWERS)}")
        checked[question_id] = answer
    return checked


def _contribution(question: QuizQuestion, answer: str, weight: int, block_reason) -> Contribution:
    points = ANSWER_VALUE[answer] * weight
    said = question.if_no if answer == "nee" else question.if_yes
    return Contribution(
        question_id=question.id,
        answer=answer,
        points=points,
        said=said.nl,
        said_en=said.en or said.nl,
        reason=block_reason.nl if block_reason else None,
        reason_en=(block_reason.en or block_reason.nl) if block_reason else None,
    )


def contributions(dataset: Dataset, answers: Mapping[str, str | None]) -> dict[str, list[Contribution]]:
    """Per job, what each answered question added to its score, in question order.

    Raises :class:`~routes.errors.UnknownStation` for a question id that is not in
    the quiz and ``ValueError`` for an answer other than ``ja``, ``beetje`` or ``nee``.
    """
    given = _check_answers(dataset, answers)
    found: dict[str, list[Contribution]] = {}
    for question in dataset.questions.values():
        answer = given.get(question.id)
        if answer is None:
            continue
        for block in question.weights:
            for function_id in block.functions:
                found.setdefault(function_id, []).append(_contribution(question, answer, block.weight, block.reason))
    return found


def scores(dataset: Dataset, answers: Mapping[str, str | None]) -> dict[str, float]:
    """Every job's score for these answers (0 for a job no answered question names).

    >>> from routes import load_dataset
    >>> s = scores(load_dataset(), {"vraag-ziekenhuis": "ja"})
    >>> s["operatieassistent"], s["zorghulp"]
    (3.0, 0.0)
    """
    result = dict.fromkeys(dataset.functions, 0.0)
    for function_id, parts in contributions(dataset, answers).items():
        if function_id in result:
            result[function_id] = sum(p.points for p in parts)
    return result


def suggest_functions(dataset: Dataset, answers: Mapping[str, str | None], n: int = TOP) -> list[Suggestion]:
    """The ``n`` jobs that fit the answers best: highest score first, only scores above zero.

    Ties are broken by name, then id, so the list never changes between runs.
    """
    parts = contributions(dataset, answers)
    total = scores(dataset, answers)
    suggestions = []
    for function_id, score in total.items():
        if score <= 0:
            continue
        because = sorted(
            (p for p in parts.get(function_id, []) if p.points > 0),
            key=lambda p: -p.points,  # stable: equal points keep question order
        )
        suggestions.append(Suggestion(function_id, dataset.functions[function_id].name, score, tuple(because)))
    suggestions.sort(key=lambda s: (-s.score, s.name.lower(), s.function_id))
    return suggestions[:n]
