"""The graph built from a dataset, the JSON Schema, and the purity of routes/."""

from __future__ import annotations

import ast
from pathlib import Path

from routes import build_graph
from routes.schema import schema_json
from tests.conftest import DATA, ROOT


def test_nodes_carry_kind_and_level(mini):
    G = build_graph(mini)
    assert G.nodes["verzorgende-ig"] | {} == {
        "kind": "function",
        "name": "Verzorgende IG",
        "level": "mbo-3",
        "admits": None,
        "registration": "big-title",
        "min_age": None,
        "previous_work": False,
        "usual_start": None,
        "study_language": None,
    }
    assert G.nodes["havo"]["admits"] == "hbo"
    assert G.nodes["mbo2-helpende-zorg-welzijn"]["admits"] == "mbo-4"
    # programmes, regions and lines are metadata, not stations
    assert "zorgstart" not in G and "lijn-vvt" not in G


def test_every_step_becomes_an_edge_with_its_attributes(mini):
    G = build_graph(mini)
    for step in mini.steps.values():
        for source in step.from_:
            data = G.edges[source, step.to, step.id]
            assert (data["months_min"], data["months_max"]) == (step.months.min, step.months.max)
            assert data["paid"] == step.paid and data["kind"] == step.kind.value


def test_access_edges_lead_from_each_diploma_to_its_job(mini):
    G = build_graph(mini)
    data = G.edges["mbo3-verzorgende-ig", "verzorgende-ig", "access:mbo3-verzorgende-ig"]
    assert data["kind"] == "access" and data["months_max"] == 0
    access_edges = [(u, v) for u, v, d in G.edges(data=True) if d["kind"] == "access"]
    assert len(access_edges) == sum(len(f.access) for f in mini.functions.values())


def test_bbl_and_bol_between_the_same_stations_are_two_edges(mini_copy):
    from routes import load_dataset

    path = mini_copy / "graph.yaml"
    text = path.read_text()
    bol = text.split("  - id: geen-naar-helpende-bbl")[1].split("\n\n")[0]
    bol = bol.replace("kind: bbl", "kind: bol").replace("paid: true", "paid: false")
    path.write_text(text.replace("steps:\n", "steps:\n  - id: geen-naar-helpende-bol" + bol + "\n\n", 1))
    G = build_graph(load_dataset(mini_copy))
    assert G.number_of_edges("geen-startkwalificatie", "mbo2-helpende-zorg-welzijn") == 2


def test_committed_schema_matches_the_models():
    committed = (DATA / "schema.json").read_text(encoding="utf-8")
    assert committed == schema_json(), "data/schema.json is stale: run `python -m routes schema > data/schema.json`"


def test_data_files_carry_the_schema_modeline():
    for path in sorted(DATA.rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema_ref = first.split("$schema=", 1)[1].strip()
        assert (path.parent / schema_ref).resolve() == (DATA / "schema.json").resolve(), path


def test_routes_never_imports_streamlit():
    for path in sorted((ROOT / "routes").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(name.split(".")[0] == "streamlit" for name in names), f"{Path(path).name} imports streamlit"
