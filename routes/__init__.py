"""Metrokaart Zorg & Welzijn: the pure-Python core.

Data loading and validation, the career graph, search and (later) the planner
and the map layout. Never imports streamlit: the CLI, the tests and the app all
call these same functions.
"""

from .dataset import Dataset, admits_level
from .errors import DataError, NoRoute, Problem, RoutesError, UnknownStation
from .graph import build_graph
from .loader import default_data_dir, load_dataset
from .search import find, normalize, suggest

__all__ = [
    "DataError",
    "Dataset",
    "NoRoute",
    "Problem",
    "RoutesError",
    "UnknownStation",
    "admits_level",
    "build_graph",
    "default_data_dir",
    "find",
    "load_dataset",
    "normalize",
    "suggest",
]
