"""The interest quiz (data/quiz.yaml, routes.quiz) and the demand figures (routes.demand)."""

from __future__ import annotations

import itertools
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from routes import UnknownStation, load_dataset
from routes.checks import QUIZ_QUESTIONS
from routes.demand import DEMAND_COLUMNS, demand_frame, demand_order
from routes.quiz import ANSWERS, scores, suggest_functions
from tests.conftest import DATA, MINI, ROOT, line_of, replace_in

QUIZ = DATA / "quiz.yaml"
CHILDCARE = {"pedagogisch-medewerker-kinderopvang", "groepshulp-kinderopvang", "gastouder"}
NURSING = {"mbo-verpleegkundige", "hbo-verpleegkundige", "verzorgende-ig"}


def validate(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "routes", "validate", str(folder)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def quiz_copy(tmp_path: Path) -> Path:
    """A copy of the real data folder whose quiz.yaml a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


# --- the data -------------------------------------------------------------------------------


def test_the_quiz_is_one_of_the_data_files(real):
    assert QUIZ_QUESTIONS[0] <= len(real.questions) <= QUIZ_QUESTIONS[1]
    assert "  - quiz.yaml" in (DATA / "functions.yaml").read_text(encoding="utf-8"), "named in the include list"


def test_every_function_id_in_the_quiz_exists_and_every_job_can_be_suggested(real):
    named = set()
    for question in real.questions.values():
        for block in question.weights:
            for function_id in block.functions:
                assert function_id in real.functions, (question.id, function_id)
                named.add(function_id)
    assert named == set(real.functions), f"never asked about: {sorted(set(real.functions) - named)}"


def test_every_question_is_in_dutch_and_english(real):
    for question in real.questions.values():
        for text in (question.question, question.if_yes, question.if_no):
            assert text.nl and text.en, question.id
        assert question.question.nl.endswith("?") and question.question.en.endswith("?")


def test_a_dataset_without_a_quiz_is_fine(mini):
    assert mini.questions == {}
    assert suggest_functions(mini, {}) == []


# --- scoring -----------------------------------------------------------------------------------


def test_children_yes_and_physical_care_no_puts_childcare_above_nursing(real):
    answers = {"vraag-kinderen": "ja", "vraag-verzorging": "nee"}
    score = scores(real, answers)
    assert min(score[f] for f in CHILDCARE) > max(score[f] for f in NURSING)
    top = suggest_functions(real, answers)
    assert {s.function_id for s in top} & CHILDCARE
    assert not {s.function_id for s in top} & NURSING


@pytest.mark.parametrize(
    ("answers", "above", "below"),
    [
        # physical care and older people: a care job, not a desk job
        ({"vraag-verzorging": "ja", "vraag-ouderen": "ja"}, "verzorgende-ig", "apothekersassistent"),
        # a hospital and machines: the operating room, not home care
        ({"vraag-ziekenhuis": "ja", "vraag-techniek": "ja"}, "operatieassistent", "zorghulp"),
        # day work only: a GP's assistant above a nurse who works nights
        ({"vraag-diensten": "nee", "vraag-praktijk": "ja"}, "doktersassistent", "mbo-verpleegkundige"),
        # mental health: the ggz, not childcare
        ({"vraag-psyche": "ja", "vraag-kinderen": "nee"}, "ggz-agoog", "gastouder"),
    ],
)
def test_scores_are_sensible(real, answers, above, below):
    score = scores(real, answers)
    assert score[above] > score[below]


def test_scoring_is_deterministic_and_does_not_depend_on_answer_order(real):
    answers = {"vraag-mensen": "beetje", "vraag-jongeren": "ja", "vraag-thuis": "nee", "vraag-diensten": "ja"}
    first = suggest_functions(real, answers)
    for order in itertools.permutations(answers):
        again = suggest_functions(real, {q: answers[q] for q in order})
        assert [(s.function_id, s.score, s.reason()) for s in again] == [
            (s.function_id, s.score, s.reason()) for s in first
        ]
    scores_now = [s.score for s in first]
    assert scores_now == sorted(scores_now, reverse=True) and len(first) == 5


def test_a_bit_counts_half_and_open_questions_count_nothing(real):
    yes = scores(real, {"vraag-ziekenhuis": "ja"})["operatieassistent"]
    bit = scores(real, {"vraag-ziekenhuis": "beetje"})["operatieassistent"]
    assert bit == yes / 2 > 0
    assert scores(real, {"vraag-ziekenhuis": None}) == scores(real, {})
    assert suggest_functions(real, {}) == []


def test_each_suggestion_has_a_reason_and_its_links(real):
    for answers in ({"vraag-kinderen": "ja", "vraag-verzorging": "nee"}, {"vraag-diensten": "nee"}):
        for suggestion in suggest_functions(real, answers):
            assert suggestion.reason("nl").startswith("Je ")
            assert suggestion.reason("en").startswith("You ")
            assert len(suggestion.reason().split()) <= 25, "one line"
            assert suggestion.profile_params == {"beroep": suggestion.function_id}
            assert suggestion.planner_link == f"/?to={suggestion.function_id}"
    # a "no" that counted gives the "no" sentence
    day = suggest_functions(real, {"vraag-diensten": "nee"})
    assert day and all("overdag" in s.reason() for s in day)


@pytest.mark.parametrize("answer", sorted(ANSWERS))
def test_every_answer_is_accepted(real, answer):
    assert scores(real, {"vraag-mensen": answer})


def test_unknown_question_or_answer_is_an_error_by_meaning(real):
    with pytest.raises(UnknownStation) as info:
        scores(real, {"vraag-kinderenn": "ja"})
    assert "vraag-kinderen" in info.value.suggestions
    with pytest.raises(ValueError, match="not one of"):
        scores(real, {"vraag-kinderen": "misschien"})


# --- a broken quiz.yaml ------------------------------------------------------------------------


def test_unknown_function_id_gives_file_line_and_the_nearest_id(quiz_copy):
    quiz = quiz_copy / "quiz.yaml"
    replace_in(
        quiz, "[pedagogisch-medewerker-kinderopvang, groepshulp", "[pedagogisch-medewerker-kinderopvan, groepshulp"
    )
    line = line_of(quiz, "pedagogisch-medewerker-kinderopvan, groepshulp")
    result = validate(quiz_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    out = result.stdout + result.stderr
    assert f"quiz.yaml:{line}:" in out
    assert "unknown id 'pedagogisch-medewerker-kinderopvan'" in out
    assert "did you mean 'pedagogisch-medewerker-kinderopvang'" in out


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        # a typo in a field name
        (
            "    weights:\n      - functions: [sociaal-werker,",
            "    weigths:\n      - functions: [sociaal-werker,",
            "did you mean 'weights'",
        ),
        # a weight that counts for nothing
        (
            "        weight: 3\n        reason:\n          nl: Je bent elke dag",
            "        weight: 0\n        reason:\n          nl: Je bent elke dag",
            "a weight of 0",
        ),
        # too strong a weight
        (
            "        weight: 3\n        reason:\n          nl: Je bent elke dag",
            "        weight: 9\n        reason:\n          nl: Je bent elke dag",
            "less than or equal to 3",
        ),
        # a job named twice in one question
        (
            "      - functions: [gezinshuisouder, tandartsassistent]",
            "      - functions: [gezinshuisouder, gastouder]",
            "names 'gastouder' twice",
        ),
        # a question without its English... is allowed; without its Dutch it is not
        ("      nl: Wil je werken met baby's en jonge kinderen?\n", "", "missing field"),
    ],
)
def test_broken_quiz_gives_file_line_errors(quiz_copy, old, new, message):
    quiz = quiz_copy / "quiz.yaml"
    replace_in(quiz, old, new)
    result = validate(quiz_copy)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "Traceback" not in out
    assert message in out
    assert all(":" in line and "quiz.yaml:" in line for line in result.stdout.strip().splitlines() if line), out


def test_too_many_questions_are_reported(quiz_copy):
    quiz = quiz_copy / "quiz.yaml"
    text = quiz.read_text(encoding="utf-8")
    block = text.split("  - id: vraag-diensten\n", 1)[1]
    extra = "".join(f"\n  - id: vraag-extra-{i}\n" + block for i in range(2))
    quiz.write_text(text + extra, encoding="utf-8")
    with pytest.raises(Exception) as info:
        load_dataset(quiz_copy)
    assert "keep it between 8 and 12" in str(info.value.problems)


# --- demand -----------------------------------------------------------------------------------


def test_demand_frame_by_region_and_year(real):
    frame = demand_frame(real, "verzorgende-ig", national_name="Heel Nederland")
    assert tuple(frame.columns) == DEMAND_COLUMNS
    assert len(frame) == len(real.functions["verzorgende-ig"].demand)
    assert frame["year"].dtype.kind == "i"
    national = frame[frame["region"] == ""]
    assert set(national["region_name"]) == {"Heel Nederland"}
    assert frame.index[frame["region"] == ""].max() < frame.index[frame["region"] != ""].min(), "national first"
    assert "Zuid-Limburg" in set(frame["region_name"]) or "zuid-limburg" in set(frame["region"])
    assert all(frame["source"].str.len() > 0), "every figure has its source"


def test_demand_frame_for_a_job_without_figures_is_empty_with_columns(real):
    frame = demand_frame(real, "zorghulp")
    assert frame.empty and tuple(frame.columns) == DEMAND_COLUMNS
    with pytest.raises(UnknownStation):
        demand_frame(real, "astronaut")


def test_demand_order_puts_my_region_first_and_jobs_without_figures_last(real):
    ranks = demand_order(real, list(real.functions), "zuid-limburg")
    assert {r.function_id for r in ranks} == set(real.functions)
    groups = [0 if r.regional else 1 if r.national else 2 for r in ranks]
    assert groups == sorted(groups)
    assert ranks[0].function_id in {"verzorgende-ig", "mbo-verpleegkundige"}
    assert not ranks[-1].has_figures
    # a region's own signals count as regional, another region's not at all
    rijnmond = {r.function_id: r for r in demand_order(real, list(real.functions), "rotterdam-rijnmond")}
    assert rijnmond["sociaal-werker"].regional == 1 and rijnmond["doktersassistent"].regional == 0
    assert not rijnmond["doktersassistent"].has_figures


def test_mini_dataset_still_validates_without_a_quiz():
    assert validate(MINI).returncode == 0
