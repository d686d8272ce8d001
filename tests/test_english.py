"""The data in English: every Dutch text has its twin, the English dataset keeps ids and Dutch names."""

from __future__ import annotations

import re

import pytest

from routes import DataError, NoRoute, build_graph, load_dataset
from routes.planner import Query, plan
from routes.search import find
from routes.translation import localize, missing_english
from tests.conftest import line_of, replace_in


def test_every_dutch_text_in_the_data_has_an_english_twin(real):
    missing = missing_english(real)
    shown = "\n".join(f"{real.where(eid)}: {eid} has no en.{path}" for eid, path in missing[:40])
    assert not missing, f"{len(missing)} texts lack their English twin:\n{shown}"


def test_english_dataset_has_the_same_ids_and_english_texts(real):
    english = localize(real, "en")
    assert english.entities.keys() == real.entities.keys()
    assert english.kinds == real.kinds
    job = english.functions["verzorgende-ig"]
    dutch = real.functions["verzorgende-ig"]
    assert job.name == dutch.en.name != dutch.name
    assert job.description == dutch.en.description
    assert job.tasks == dutch.en.tasks
    assert job.aliases[0] == dutch.name, "the Dutch title comes first among the aliases"
    step = next(s for s in real.steps.values() if s.cost and s.cost.note and s.en and s.en.cost)
    assert english.steps[step.id].cost.note == step.en.cost.note
    assert english.steps[step.id].cost.eur == step.cost.eur, "only texts change, never amounts"
    assert localize(real, "nl") is real


def test_a_coach_can_search_the_english_data_by_the_dutch_name(real):
    english = localize(real, "en")
    dutch_name = real.functions["verzorgende-ig"].name
    assert "verzorgende-ig" in [match.id for match in find(english, dutch_name)]


def test_routes_in_english_are_the_routes_in_dutch(real):
    query = Query(holds=("vmbo-kb",), target="mbo-verpleegkundige", k=3)
    dutch = plan(build_graph(real), query)
    english = plan(build_graph(localize(real, "en")), query)
    assert [r.nodes for r in english] == [r.nodes for r in dutch]
    assert [(r.months_min, r.months_max) for r in english] == [(r.months_min, r.months_max) for r in dutch]


@pytest.mark.parametrize(
    ("twin", "message"),
    [
        ("    en: {name: Carer, description: One., tasks: [Care]}\n", "en.tasks has 1 items and tasks has 2"),
        ("    en: {name: Carer, note: Only in English.}\n", "en.note is given, but note has no Dutch text"),
        ("    en: {name: Carer, descripton: typo}\n", "descripton"),
    ],
)
def test_a_twin_that_does_not_fit_is_refused_with_its_line(mini_copy, twin, message):
    path = mini_copy / "functions.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "  - id: verzorgende-ig\n"
    assert anchor in text
    start = text.index(anchor)
    end = text.index("\n\n", start) + 1
    path.write_text(text[:end] + twin + text[end:], encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_dataset(mini_copy)
    (problem,) = info.value.problems
    assert message in problem.message
    assert problem.file.endswith("functions.yaml")
    assert problem.line >= line_of(path, "  - id: verzorgende-ig")


def test_a_twin_in_the_mini_data_reaches_the_english_dataset(mini_copy):
    replace_in(
        mini_copy / "graph.yaml",
        "    description: Mbo-opleiding op niveau 3.\n",
        "    description: Mbo-opleiding op niveau 3.\n"
        "    en: {name: Carer (VIG), description: An mbo course at level 3.}\n",
    )
    dataset = load_dataset(mini_copy)
    english = localize(dataset, "en")
    assert english.qualifications["mbo3-verzorgende-ig"].name == "Carer (VIG)"
    assert english.qualifications["mbo3-verzorgende-ig"].aliases[0] == "Verzorgende-IG"
    assert ("mbo3-verzorgende-ig", "description") not in missing_english(dataset)


DUTCH_WORDS = re.compile(r"\b(je|jij|met|mag|word|haalt|werken|opleiding|lukt|niet|het|een)\b", re.IGNORECASE)


def test_explanations_and_messages_follow_the_language(real):
    english = build_graph(localize(real, "en"))
    routes = plan(english, Query(holds=("geen-startkwalificatie",), target="verzorgende-ig", k=3))
    for route in routes:
        for step in route.steps:
            assert not DUTCH_WORDS.search(step.why), step.why
    with pytest.raises(NoRoute) as info:
        plan(english, Query(holds=("vmbo-kb",), target="verzorgende-ig", max_months=1))
    assert info.value.messages and not any(DUTCH_WORDS.search(m) for m in info.value.messages), info.value.messages
    dutch = build_graph(real)
    with pytest.raises(NoRoute) as info:
        plan(dutch, Query(holds=("vmbo-kb",), target="verzorgende-ig", max_months=1))
    assert any(DUTCH_WORDS.search(m) for m in info.value.messages), "Dutch stays Dutch"
