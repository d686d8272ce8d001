"""The four layout stages put together: data in, :class:`~routes.layout.model.Layout` out."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from ..dataset import Dataset
from .grid import COLUMN_LABELS, COLUMN_LEVELS, place_stations, short_label
from .labels import place_labels
from .model import Column, Layout, MapLine, Station
from .routing import route_links, route_segments

LAYOUT_VERSION = 6  # raise when the algorithm changes, so a stored layout is recomputed


def layout_digest(dataset: Dataset) -> str:
    """A fingerprint of exactly what the layout reads from the data (and of the algorithm's version)."""
    from ..graph import STATION_KINDS
    from .grid import _connections

    stations = sorted(  # stations only: a new scenario or quiz question does not move the map
        (sid, dataset.entities[sid].name, kind, str(getattr(dataset.entities[sid], "level", None)))
        for sid, kind in dataset.kinds.items()
        if kind in STATION_KINDS
    )
    lines = [(line.id, line.name, line.colour, list(line.stations)) for line in dataset.lines.values()]
    edges = sorted(map(list, _connections(dataset)), key=str)
    text = json.dumps([LAYOUT_VERSION, stations, lines, edges], default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def metro_layout(dataset: Dataset, *, line_order: Sequence[str] | None = None) -> Layout:
    """Lay out the metro map of ``dataset``: stations, octilinear segments, labels, columns.

    Same data, same layout: the solvers run single-threaded with a fixed seed and a
    deterministic time budget.
    """
    placement = place_stations(dataset, line_order=line_order)
    colours = {lid: line.colour for lid, line in dataset.lines.items()}
    segments, radius = route_segments(placement, colours)
    on_line = {sid for sid, lids in placement.member_of.items() if lids}
    texts = {sid: short_label(dataset.entities[sid].name) for sid in placement.ids}
    labels, _missing = place_labels(texts, placement.position, radius, on_line, segments)
    segments = segments + route_links(placement, segments, {sid: label.box for sid, label in labels.items()}, radius)
    stations = tuple(
        Station(
            id=sid,
            name=dataset.entities[sid].name,
            kind=dataset.kinds[sid],
            level=_level_value(dataset.entities[sid]),
            column=placement.column[sid],
            x=placement.position[sid][0],
            y=placement.position[sid][1],
            lines=placement.member_of[sid],
            interchange=len(placement.member_of[sid]) > 1,
            label=labels[sid],
            radius=round(radius[sid], 2),
        )
        for sid in placement.ids
    )
    lines = tuple(
        MapLine(
            lid,
            dataset.lines[lid].name,
            dataset.lines[lid].colour,
            tuple(placement.lines[lid]),
            rank,
            placement.track[lid],
        )
        for rank, lid in enumerate(placement.order)
    )
    columns = tuple(
        Column(col, COLUMN_LEVELS[col], COLUMN_LABELS["nl"][col], *placement.column_span[col])
        for col in range(len(COLUMN_LEVELS))
    )
    xs = [v for s in stations for v in (s.x, s.label.x0, s.label.x1)]
    ys = [v for s in stations for v in (s.y, s.label.y0, s.label.y1)]
    for seg in segments:
        xs += [p[0] for p in seg.points]
        ys += [p[1] for p in seg.points]
    return Layout(
        stations,
        segments,
        lines,
        columns,
        width=round(max(xs, default=0.0), 2),
        height=round(max(ys, default=0.0), 2),
        digest=layout_digest(dataset),
    )


def layout_figures(layout: Layout) -> dict[str, int]:
    """Bends, crossings, overlaps and label problems of a finished layout (what the closing note reports)."""
    from .checks import figures

    return figures(layout)


def _level_value(entity) -> str | None:
    level = getattr(entity, "level", None)
    return level.value if level is not None else None
