"""The data's Dutch reads at B1: Flesch-Douma median and floor (see routes.readability)."""

from __future__ import annotations

import statistics

import pytest

from routes.readability import ALLOWED_BELOW_FLOOR, FLOOR, GOAL_MEDIAN, score, scores

pytest.importorskip("textstat", reason="the readability tool is a dev dependency: bash scripts/setup.sh --dev")


def test_the_score_ranks_plain_dutch_above_jargon():
    plain = score("Je helpt mensen thuis. Je maakt schoon en je kijkt hoe het gaat.")
    jargon = score("Je specialiseert je in psychogeriatrie, somatiek, gerontopsychiatrie of revalidatie.")
    assert plain > 70 > FLOOR > jargon


def test_data_texts_read_at_b1(real):
    scored = scores(real)
    values = [s.score for s in scored]
    median = statistics.median(values)
    below = [s for s in scored if s.score < FLOOR and (s.entity_id, s.field) not in ALLOWED_BELOW_FLOOR]
    print(f"\n{len(values)} data texts: median {median:.1f}, below {FLOOR}: {len(below)}")
    shown = "\n".join(f"{s.score:6.1f} {real.where(s.entity_id)} {s.entity_id}.{s.field}: {s.text}" for s in below)
    assert not below, f"texts below the floor of {FLOOR} (write them plainer, or give the reason):\n{shown}"
    assert median >= GOAL_MEDIAN, f"median {median:.1f} < {GOAL_MEDIAN}"
