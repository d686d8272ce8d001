"""Regions: every region id used anywhere exists, and every region says who a newcomer can contact."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from routes.models import Region


def _region_ids_used(real):
    """(where, region id) for every reference to a region in the dataset."""
    for step in real.steps.values():
        for region in step.regions:
            yield f"step {step.id}", region
    for programme in real.programmes.values():
        for region in programme.regions:
            yield f"programme {programme.id}", region
    for function in real.functions.values():
        for demand in function.demand:
            if demand.region:
                yield f"function {function.id} (demand)", demand.region


def test_every_region_id_used_anywhere_exists(real):
    used = list(_region_ids_used(real))
    assert used, "no region references found: the test looks in the wrong place"
    missing = [(where, region) for where, region in used if region not in real.regions]
    assert not missing, f"unknown region ids: {missing}"


def test_every_region_has_a_contact_point_or_a_stated_reason(real):
    for region in real.regions.values():
        if region.contact is None:
            assert region.contact_unknown and len(region.contact_unknown.split()) >= 5, (
                f"region {region.id!r} has no contact point and no reason why (contact_unknown)"
            )
        else:
            contact = region.contact
            assert contact.source.startswith(("https://", "http://")), region.id
            assert contact.checked <= dt.date.today(), region.id


def test_noord_holland_is_covered(real):
    assert "noord-holland-noord" in real.regions
    assert "onbekend" not in real.regions["kennemerland-amstelland-meerlanden"].employer_organisation


def _region(**extra):
    fields = {
        "id": "proefregio",
        "name": "Proefregio",
        "employer_organisation": "Proef",
        "sources": ["https://example.org"],
        "checked": "2026-12-01",
    }
    return Region(**(fields | extra))


def test_a_region_cannot_have_both_a_contact_and_a_reason():
    contact = {"name": "Loket", "source": "https://example.org", "checked": "2026-12-01"}
    _region(contact=contact)
    _region(contact_unknown="Niet gevonden in de bronnen.")
    with pytest.raises(ValidationError, match="not both"):
        _region(contact=contact, contact_unknown="Niet gevonden in de bronnen.")
