"""Property-based fuzz of the loader: whatever the files hold, only DataError ever escapes.

Three generators: raw bytes, text built from YAML's own punctuation and the data's words,
and well-formed YAML with entries of random shape in real sections. CI runs them on fixed
examples (the "ci" profile in tests/conftest.py).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from routes import DataError, Dataset, load_dataset
from routes.errors import MoreProblems
from routes.models import KINDS, SECTIONS
from tests.conftest import MINI

FIELDS = sorted({name for model in KINDS.values() for name in model.model_fields} | {"from", "include"})
TOKENS = [
    "\n", "  ", "- ", ": ", ":", "[", "]", "{", "}", ",", "'", '"', "#", "&a ", "*a", "!!python/object:os.system ",
    "!x ", "\t", "---\n", "...\n", "|\n", ">\n", "? ", "%YAML 1.1\n", "\\", "\x00", "\x1b", "\ufeff", "é", "\u202e",
    "id", "name", "regions", "steps", "functions", "include", "zuid-limburg", "havo", "mbo-3", "2026-11-23", "12",
    "-1", "1e9", "null", "no", "true", "<script>", "http://x", *FIELDS, *SECTIONS,
]  # fmt: skip
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def load_with(content: bytes, where: str = "regions/fuzz.yaml") -> None:
    """Put ``content`` into a copy of the mini dataset and load it; only DataError may escape."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(MINI, data)
        (data / where).write_bytes(content)
        try:
            result = load_dataset(data)
        except DataError as exc:
            assert exc.problems, "a DataError names its problems"
            for problem in exc.problems:
                text = str(problem)
                assert "\n" not in text and "\r" not in text, "one line per problem"
                assert isinstance(problem, MoreProblems) or problem.line >= 1 and problem.col >= 1
            return
        assert isinstance(result, Dataset)


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["regions/fuzz.yaml", "graph.yaml", "functions.yaml"]))
def test_random_bytes(content, where):
    load_with(content, where)


@FUZZ
@given(st.lists(st.sampled_from(TOKENS), max_size=120), st.sampled_from(["regions/fuzz.yaml", "functions.yaml"]))
def test_yaml_punctuation_and_data_words(tokens, where):
    load_with("".join(tokens).encode("utf-8", "surrogatepass"), where)


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**12), 10**12), st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["havo", "zuid-limburg", "mbo-3", "bbl", "2026-11-23", "mbo3-verzorgende-ig"]),
)  # fmt: skip
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), inner),
    max_leaves=25,
)
entries = st.dictionaries(st.sampled_from(FIELDS), values, max_size=10)


@FUZZ
@given(st.dictionaries(st.sampled_from(sorted(SECTIONS)), st.lists(entries | values, max_size=4), max_size=3))
def test_well_formed_yaml_of_random_shape(document):
    load_with(yaml.safe_dump(document, allow_unicode=True).encode("utf-8"))
