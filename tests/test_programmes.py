"""The programme overview a person sees per region and situation."""

from __future__ import annotations

from routes.models import ProgrammeStatus
from routes.programmes import programme_overview


def test_ended_programmes_are_history_never_offers(real):
    overview = programme_overview(real)
    assert {"stap-budget", "sectorplanplus"} <= {p.id for p in overview.ended}
    assert all(p.status in (ProgrammeStatus.RUNNING, ProgrammeStatus.PLANNED) for p in overview.offers)
    ended_dates = [p.ended for p in overview.ended]
    assert ended_dates == sorted(ended_dates, reverse=True)


def test_a_region_shows_its_own_and_national_programmes_only(real):
    overview = programme_overview(real, "rotterdam-rijnmond")
    shown = overview.offers + overview.unknown + overview.ended
    assert "nieuw-zorgtalent" in {p.id for p in shown}
    assert "zorgstart-zuid-limburg" not in {p.id for p in shown}
    assert all({"rotterdam-rijnmond", "nederland"} & set(p.regions) for p in shown)


def test_a_situation_leaves_out_programmes_for_other_groups(real):
    everyone = programme_overview(real, "rotterdam-rijnmond")
    students = programme_overview(real, "rotterdam-rijnmond", "student")
    assert len(students.offers) < len(everyone.offers)
    for p in students.offers:
        assert {g.value for g in p.target_groups} & {"student", "everyone"}
