"""Demand for jobs: the shortage signals in the data, as a table to chart and as an order.

Every signal (:class:`routes.models.Demand`) is one sentence from one source, with
its year and region (none: national). :func:`demand_frame` lays a job's signals
out by region and year for a chart; :func:`demand_order` sorts jobs by how much
demand the data shows in a region, jobs without any figures last.

Examples
--------
>>> from routes import load_dataset
>>> dataset = load_dataset()
>>> frame = demand_frame(dataset, "verzorgende-ig")
>>> sorted(frame["region"].unique())[:2]
['', 'rotterdam-rijnmond']
>>> demand_order(dataset, ["zorghulp", "verzorgende-ig"], "zuid-limburg")[0].function_id
'verzorgende-ig'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .dataset import Dataset

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DEMAND_COLUMNS", "NATIONAL_REGIONS", "DemandRank", "demand_frame", "demand_order"]

DEMAND_COLUMNS = ("region", "region_name", "year", "signal", "source")
# Region ids that mean "the whole country": a signal without a region, and the national "region".
NATIONAL_REGIONS = frozenset({"", "nederland"})


def demand_frame(dataset: Dataset, function_id: str, *, national_name: str = "Landelijk") -> pd.DataFrame:
    """A job's demand signals, one row each: region id (``""`` national), region name, year, signal, source.

    Sorted by region name (national first) and year, so a chart and a list read the
    same way. ``national_name`` labels the national rows (the UI passes its own word).
    An unknown id raises :class:`~routes.errors.UnknownStation`; a job without
    signals gives an empty frame with the same columns.
    """
    import pandas as pd  # imported when used: it costs start-up time of every page

    function = dataset.functions.get(function_id)
    if function is None:
        dataset.get(function_id)  # raises UnknownStation with suggestions
        raise ValueError(f"{function_id!r} is a {dataset.kinds[function_id]}, not a job")
    rows = []
    for demand in function.demand:
        region = demand.region or ""
        national = region in NATIONAL_REGIONS
        name = national_name if national else (dataset.regions[region].name if region in dataset.regions else region)
        rows.append(
            {
                "region": "" if national else region,
                "region_name": name,
                "year": demand.year,
                "signal": demand.signal,
                "source": demand.source,
            }
        )
    frame = pd.DataFrame(rows, columns=list(DEMAND_COLUMNS))
    if frame.empty:
        return frame.astype({"year": "int64"})
    frame["_national"] = frame["region"] == ""
    frame = frame.sort_values(["_national", "region_name", "year"], ascending=[False, True, True], kind="stable")
    return frame.drop(columns="_national").reset_index(drop=True)


@dataclass(frozen=True)
class DemandRank:
    """How much demand the data shows for a job in one region.

    ``regional`` counts the signals for the region itself, ``national`` those for
    the whole country; ``newest`` is the latest year among them (0 without any).
    """

    function_id: str
    regional: int
    national: int
    newest: int

    @property
    def has_figures(self) -> bool:
        return bool(self.regional or self.national)


def demand_order(dataset: Dataset, function_ids: Iterable[str], region: str | None) -> list[DemandRank]:
    """``function_ids`` sorted by demand in ``region``: most regional signals first, then newest.

    Jobs with only national signals follow, then jobs with no figures at all (by
    name). Without a region (``None`` or ``""``), every signal counts as regional.
    """
    ranks = []
    for function_id in function_ids:
        function = dataset.functions[function_id]
        regional = national = newest = 0
        for demand in function.demand:
            where = demand.region or ""
            if not region or where == region:
                regional += 1
            elif where in NATIONAL_REGIONS:
                national += 1
            else:
                continue
            newest = max(newest, demand.year)
        ranks.append(DemandRank(function_id, regional, national, newest))

    def key(rank: DemandRank) -> tuple:
        group = 0 if rank.regional else 1 if rank.national else 2
        return (group, -rank.regional, -rank.national, -rank.newest, dataset.functions[rank.function_id].name.lower())

    return sorted(ranks, key=key)
