"""The map as a list, for a table or a numbered list (screen readers, print)."""

from __future__ import annotations

from collections import defaultdict

from ..dataset import Dataset
from .grid import COLUMN_LABELS, _connections
from .model import Layout

STATION_KIND_LABELS = {
    "nl": {"start": "startpunt", "qualification": "diploma", "certificate": "certificaat", "function": "beroep"},
    "en": {"start": "starting point", "qualification": "diploma", "certificate": "certificate", "function": "job"},
}


def station_rows(dataset: Dataset, layout: Layout, *, lang: str = "nl") -> list[dict]:
    """The map as a list, for a table or a numbered list (screen readers, print).

    One row per station in reading order (start positions, then line by line from
    left to right, then the stations on no line), with its connections: the steps
    that lead to it (``direction "from"``) and from it (``"to"``), with the step's
    kind and months.
    """
    from ..render import KIND_LABELS

    kind_labels = STATION_KIND_LABELS.get(lang, STATION_KIND_LABELS["nl"])
    line_names = {t.id: t.name for t in layout.lines}
    connections: dict[str, list[dict]] = defaultdict(list)
    for u, v, step, kind, low, high in _connections(dataset):
        if u not in layout or v not in layout:
            continue
        common = {"step": step, "kind": kind, "kind_label": KIND_LABELS.get(kind, kind), "months_min": low}
        common["months_max"] = high
        connections[u].append({"direction": "to", "id": v, "name": dataset.entities[v].name, **common})
        connections[v].append({"direction": "from", "id": u, "name": dataset.entities[u].name, **common})
    rows = []
    for number, station in enumerate(layout.stations, 1):
        if station.kind == "start":
            group = "start"
        else:
            group = station.lines[0] if station.lines else "other"
        neighbours = []
        for lid in station.lines:
            stations = layout.line(lid).stations
            i = stations.index(station.id)
            neighbours.append(
                {
                    "line": lid,
                    "line_name": line_names[lid],
                    "previous": stations[i - 1] if i > 0 else None,
                    "next": stations[i + 1] if i + 1 < len(stations) else None,
                }
            )
        rows.append(
            {
                "number": number,
                "id": station.id,
                "name": station.name,
                "kind": station.kind,
                "kind_label": kind_labels[station.kind],
                "level": station.level,
                "column": COLUMN_LABELS.get(lang, COLUMN_LABELS["nl"])[station.column],
                "group": group,
                "lines": tuple(line_names[lid] for lid in station.lines),
                "line_ids": station.lines,
                "interchange": station.interchange,
                "neighbours": neighbours,
                "connections": sorted(
                    connections[station.id], key=lambda c: (c["direction"] != "from", c["name"], c["step"] or "")
                ),
            }
        )
    return rows
