"""The layout kept next to the data (``data/layout.json``), so nobody waits for the solvers.

One file per language: the stations and lines lie in the same places, but the labels
are measured and placed for the names in that language (``layout.en.json`` for English).

The file carries the digest of what the layout was computed from. When the data changed (a
non-programmer edited a line), the digest no longer matches and the layout is computed again;
``python -m routes layout --write`` stores the new one. A broken, foreign or oversized file is
never trusted: the layout is then computed from the data, as if the file were not there.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..dataset import Dataset
from .build import layout_digest, metro_layout
from .model import Column, Label, Layout, MapLine, Segment, Station

FILE_NAME = "layout.json"


def file_name(lang: str = "nl") -> str:
    """The stored layout's file name for a language: ``layout.json`` (Dutch), ``layout.en.json``."""
    return FILE_NAME if lang == "nl" else f"layout.{lang}.json"

MAX_BYTES = 5_000_000
FORMAT = "metrokaart-layout/1"


def layout_to_json(layout: Layout) -> dict:
    """The layout as the ``python -m routes layout --json`` contract (plus what renderers need)."""
    return {
        "format": FORMAT,
        "digest": layout.digest,
        "width": layout.width,
        "height": layout.height,
        "lines": [
            {"id": m.id, "name": m.name, "color": m.colour, "stations": list(m.stations), "track": m.track}
            for m in layout.lines
        ],
        "columns": [
            {"index": c.index, "level": c.level, "label": c.label, "x_min": c.x_min, "x_max": c.x_max}
            for c in layout.columns
        ],
        "stations": [
            {
                "id": s.id,
                "name": s.name,
                "kind": s.kind,
                "level": s.level,
                "column": s.column,
                "x": s.x,
                "y": s.y,
                "radius": s.radius,
                "lines": list(s.lines),
                "interchange": s.interchange,
                "label": {
                    "x0": s.label.x0,
                    "y0": s.label.y0,
                    "x1": s.label.x1,
                    "y1": s.label.y1,
                    "lines": list(s.label.lines),
                    "align": s.label.align,
                },
            }
            for s in layout.stations
        ],
        "segments": [
            {
                "line": g.line,
                "from": g.source,
                "to": g.target,
                "points": [list(p) for p in g.points],
                "dashed": g.dashed,
                "kind": g.kind,
                "color": g.colour,
                "kinds": list(g.kinds),
                "steps": list(g.steps),
                "months_min": g.months_min,
                "months_max": g.months_max,
            }
            for g in layout.segments
        ],
    }


def layout_from_json(data: dict) -> Layout:
    """The inverse of :func:`layout_to_json`; raises ``KeyError``/``TypeError``/``ValueError`` on a bad file."""
    if data.get("format") != FORMAT:
        raise ValueError("not a metro map layout")
    stations = tuple(
        Station(
            id=str(s["id"]),
            name=str(s["name"]),
            kind=str(s["kind"]),
            level=s["level"],
            column=int(s["column"]),
            x=float(s["x"]),
            y=float(s["y"]),
            lines=tuple(map(str, s["lines"])),
            interchange=bool(s["interchange"]),
            label=Label(
                float(s["label"]["x0"]),
                float(s["label"]["y0"]),
                float(s["label"]["x1"]),
                float(s["label"]["y1"]),
                tuple(map(str, s["label"]["lines"])),
                str(s["label"]["align"]),
            ),
            radius=float(s["radius"]),
        )
        for s in data["stations"]
    )
    segments = tuple(
        Segment(
            str(g["from"]),
            str(g["to"]),
            g["line"],
            str(g["color"]),
            str(g["kind"]),
            tuple((float(x), float(y)) for x, y in g["points"]),
            tuple(g["kinds"]),
            tuple(g["steps"]),
            g["months_min"],
            g["months_max"],
        )
        for g in data["segments"]
    )
    lines = tuple(
        MapLine(str(m["id"]), str(m["name"]), str(m["color"]), tuple(m["stations"]), rank, float(m["track"]))
        for rank, m in enumerate(data["lines"])
    )
    columns = tuple(
        Column(int(c["index"]), str(c["level"]), str(c["label"]), float(c["x_min"]), float(c["x_max"]))
        for c in data["columns"]
    )
    return Layout(stations, segments, lines, columns, float(data["width"]), float(data["height"]), str(data["digest"]))


def dumps(layout: Layout) -> str:
    return json.dumps(layout_to_json(layout), ensure_ascii=False, indent=1) + "\n"


def stored_layout(dataset: Dataset, path: str | Path) -> Layout | None:
    """The layout in ``path`` if it was computed from exactly this data; else None."""
    path = Path(path)
    try:
        if not path.is_file() or os.path.getsize(path) > MAX_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        layout = layout_from_json(data)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return layout if layout.digest == layout_digest(dataset) else None


def load_layout(dataset: Dataset, data_dir: str | Path | None, lang: str = "nl") -> Layout:
    """The stored layout when it is current, else a freshly computed one.

    ``dataset`` is the dataset in ``lang`` (:func:`routes.translation.localize`): its
    names decide the labels, and a stored file of another language never matches it.
    """
    if data_dir is not None:
        stored = stored_layout(dataset, Path(data_dir) / file_name(lang))
        if stored is not None:
            return stored
    return metro_layout(dataset)
