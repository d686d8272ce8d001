"""The layout's data: stations, segments, lines and level columns in one coordinate system.

Units are pixels at 100 % zoom (y grows downwards); labels are set in Helvetica (Liberation
Sans in the browser, metric-compatible) at :data:`FONT_SIZE`. Renderers scale the whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ..errors import UnknownStation

FONT_SIZE = 13.0
LINE_HEIGHT = 15.5  # distance between two lines of one label
LINE_WIDTH = 5.0  # a metro line's stroke
LANE = 6.0  # distance between two lines running in parallel
STATION_RADIUS = 6.5

Point = tuple[float, float]


@dataclass(frozen=True)
class Label:
    """A station's name as set on the map: text lines inside the box ``x0, y0, x1, y1``.

    ``align`` is how the lines sit in the box: ``"start"`` (left), ``"middle"`` or ``"end"``.
    """

    x0: float
    y0: float
    x1: float
    y1: float
    lines: tuple[str, ...]
    align: str = "middle"

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.x0, self.y0, self.x1, self.y1


@dataclass(frozen=True)
class Station:
    """One station. ``column`` indexes :data:`COLUMN_LEVELS`; ``lines`` are the metro lines through it.

    ``radius`` is half the size of its symbol: an interchange's symbol spans its lanes.
    """

    id: str
    name: str
    kind: str
    level: str | None
    column: int
    x: float
    y: float
    lines: tuple[str, ...]
    interchange: bool
    label: Label
    radius: float = STATION_RADIUS


@dataclass(frozen=True)
class Segment:
    """A drawn connection: a polyline from ``source`` to ``target`` with only 0°, 45° and 90° pieces.

    ``kind`` is ``"line"`` (a metro line, solid, in its colour), ``"branch"`` (between two
    stations on no line, dashed grey, always drawn) or ``"link"`` (a step that leaves the
    lines, dashed, drawn only for a chosen station or route). ``steps`` names the steps
    behind a branch or link (``"access"``: a diploma gives access to a job).
    """

    source: str
    target: str
    line: str | None
    colour: str
    kind: str
    points: tuple[Point, ...]
    kinds: tuple[str, ...] = ()
    steps: tuple[str, ...] = ()
    months_min: int | None = None
    months_max: int | None = None

    @property
    def dashed(self) -> bool:
        return self.kind != "line"

    @property
    def lateral(self) -> bool:
        return self.kind != "line"


@dataclass(frozen=True)
class MapLine:
    """A metro line: its stations in order, top-to-bottom place ``rank`` and the height of its own ``track``."""

    id: str
    name: str
    colour: str
    stations: tuple[str, ...]
    rank: int
    track: float = 0.0


@dataclass(frozen=True)
class Column:
    """A level column: ``index`` into :data:`COLUMN_LEVELS`, spanning ``x_min``..``x_max``."""

    index: int
    level: str
    label: str
    x_min: float
    x_max: float

    @property
    def x_centre(self) -> float:
        return (self.x_min + self.x_max) / 2


@dataclass(frozen=True)
class Layout:
    """Stations in reading order, segments, lines (top to bottom) and level columns; ``digest`` names the input."""

    stations: tuple[Station, ...]
    segments: tuple[Segment, ...]
    lines: tuple[MapLine, ...]
    columns: tuple[Column, ...]
    width: float
    height: float
    digest: str = ""
    _index: Mapping[str, Station] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", MappingProxyType({s.id: s for s in self.stations}))

    def __contains__(self, station_id: object) -> bool:
        return station_id in self._index

    def station(self, station_id: str) -> Station:
        """The station with this id; raises :class:`~routes.errors.UnknownStation`."""
        try:
            return self._index[station_id]
        except KeyError:
            import difflib

            raise UnknownStation(station_id, difflib.get_close_matches(station_id, list(self._index), n=3)) from None

    def position(self, station_id: str) -> Point:
        station = self.station(station_id)
        return station.x, station.y

    def line(self, line_id: str) -> MapLine:
        for line in self.lines:
            if line.id == line_id:
                return line
        raise UnknownStation(line_id, [m.id for m in self.lines if line_id in m.id][:3])

    def drawn(self) -> tuple[Segment, ...]:
        """The segments drawn on the plain map (lines and branches; links only on demand)."""
        return tuple(s for s in self.segments if s.kind != "link")
