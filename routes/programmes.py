"""Which programmes fit a person: by region and situation, grouped by status."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .dataset import Dataset
from .models import Programme, ProgrammeStatus, TargetGroup

__all__ = ["NATIONAL", "ProgrammeOverview", "fits", "programme_overview"]

NATIONAL = "nederland"  # the region id of programmes that run everywhere


def fits(regions: Iterable[str], target_groups: Iterable[str], region: str | None, group: str | None) -> bool:
    """Is a programme for this person? National ones are everywhere; "everyone" fits every group.

    Without a region only national programmes fit; without a group every group does.

    >>> fits(["zuid-limburg"], ["side-entrant"], "zuid-limburg", None)
    True
    >>> fits(["zuid-limburg"], ["side-entrant"], "rotterdam-rijnmond", None)
    False
    >>> fits(["nederland"], ["everyone"], None, "student")
    True
    """
    regions = set(regions)
    if not (NATIONAL in regions or (region is not None and region in regions)):
        return False
    return group is None or bool({group, TargetGroup.EVERYONE.value} & set(target_groups))


@dataclass(frozen=True)
class ProgrammeOverview:
    offers: tuple[Programme, ...]  # running or planned, by name
    unknown: tuple[Programme, ...]  # status not confirmed: shown, not offered
    ended: tuple[Programme, ...]  # history, most recently ended first


def programme_overview(dataset: Dataset, region: str | None = None, group: str | None = None) -> ProgrammeOverview:
    """The programmes of a region (all regions when ``None``) for a group, grouped by status."""
    shown = [
        p
        for p in dataset.programmes.values()
        if (region is None or fits(p.regions, (g.value for g in p.target_groups), region, None))
        and fits([NATIONAL], (g.value for g in p.target_groups), None, group)
    ]

    def by_name(status: set[ProgrammeStatus]) -> tuple[Programme, ...]:
        return tuple(sorted((p for p in shown if p.status in status), key=lambda p: p.name.lower()))

    ended = sorted((p for p in shown if p.status is ProgrammeStatus.ENDED), key=lambda p: p.ended or "", reverse=True)
    return ProgrammeOverview(
        offers=by_name({ProgrammeStatus.RUNNING, ProgrammeStatus.PLANNED}),
        unknown=by_name({ProgrammeStatus.UNKNOWN}),
        ended=tuple(ended),
    )
