"""The metro map layout, computed from the data in four small stages.

1. order the lines (:mod:`.grid`): top to bottom, lines sharing stations close together;
2. place the stations (:mod:`.grid`): x by level of education, y by line track;
3. route the segments (:mod:`.routing`): every piece horizontal, vertical or at 45°, lines of
   one corridor in parallel lanes, chosen by CP-SAT for fewest crossings and bends;
4. place the labels (:mod:`.labels`): horizontal, wrapped at spaces, chosen by CP-SAT so that
   no label overlaps another label, a station or a drawn line.

The result depends only on the data; :mod:`.store` keeps it in ``data/layout.json`` so
neither start-up nor a rerun pays for it.

Examples
--------
>>> from routes import load_dataset
>>> from routes.loader import default_data_dir
>>> mini = load_dataset(default_data_dir().parent / "tests" / "fixtures" / "mini")
>>> layout = metro_layout(mini)
>>> layout.position("mbo2-helpende-zorg-welzijn")[0] < layout.position("mbo-verpleegkundige")[0]
True
>>> layout.station("verzorgende-ig").lines
('lijn-vvt',)
"""

from .build import metro_layout
from .grid import COLUMN_LABELS, COLUMN_LEVELS, short_label
from .model import Column, Label, Layout, MapLine, Segment, Station
from .rows import STATION_KIND_LABELS, station_rows

__all__ = [
    "COLUMN_LABELS",
    "COLUMN_LEVELS",
    "STATION_KIND_LABELS",
    "Column",
    "Label",
    "Layout",
    "MapLine",
    "Segment",
    "Station",
    "metro_layout",
    "short_label",
    "station_rows",
]
