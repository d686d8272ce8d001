"""Generated data for tests and benchmarks: graphs and datasets of any size.

``random_graph`` builds a graph with the same node and edge attributes as
:func:`routes.graph.build_graph`, so the planner runs on it unchanged.
``scaled_data_dir`` writes the real data N times over (ids suffixed) to measure
loading at scale; ``national_data_dir`` writes it as a national core plus regional
catalogues, the shape of ``national_graph``, to measure the app at scale.
"""

from __future__ import annotations

import random
from pathlib import Path

import networkx as nx
import yaml

from .graph import ACCESS, ADMISSION, programme_index

__all__ = ["national_data_dir", "national_graph", "random_graph", "regional_graph", "scaled_data_dir"]

_LEVELS = ["mbo-1", "mbo-2", "mbo-3", "mbo-4", "ad", "hbo", "master"]
_ADMITS = {"mbo-1": "mbo-2", "mbo-2": "mbo-4", "mbo-3": "mbo-4", "mbo-4": "hbo", "ad": "hbo", "hbo": "master"}
_KINDS = ["bol", "bbl", "verkort", "certificaat", "evc", "werkervaring", "deeltijd", "duaal"]
_PAID = {"bbl", "werkervaring", "duaal", "inservice"}
REGIONS = ["regio-a", "regio-b", "regio-c", "regio-d"]
GROUPS = ["side-entrant", "benefits", "returner", "employed", "student", "everyone"]


def random_graph(n_nodes: int, n_edges: int, seed: int = 0, n_programmes: int | None = None) -> nx.MultiDiGraph:
    """A random career graph: stations in level layers, steps mostly going up a level.

    Deterministic for a seed. About 5% starts, 35% qualifications, 15% certificates,
    45% functions; every function gets an access edge from a qualification.
    """
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    n_starts = max(2, n_nodes // 20)
    n_quals = max(2, n_nodes * 35 // 100)
    n_certs = max(1, n_nodes * 15 // 100)
    n_funcs = max(1, n_nodes - n_starts - n_quals - n_certs)
    by_level: dict[str, list[str]] = {level: [] for level in _LEVELS}
    for i in range(n_starts):
        G.add_node(
            f"s{i}", kind="start", name=f"Start {i}", level=None, admits=rng.choice(_LEVELS[:6]), registration=None
        )
    for kind, n, prefix in (("qualification", n_quals, "q"), ("certificate", n_certs, "c"), ("function", n_funcs, "f")):
        for i in range(n):
            level = rng.choice(_LEVELS)
            node = f"{prefix}{i}"
            G.add_node(
                node,
                kind=kind,
                name=f"{kind.title()} {i}",
                level=level,
                admits=_ADMITS.get(level) if kind != "function" else None,
                registration="none",
            )
            by_level[level].append(node)
    learnable = [n for n, d in G.nodes(data=True) if d["kind"] in ("qualification", "certificate")]
    quals = [n for n, d in G.nodes(data=True) if d["kind"] == "qualification"]
    functions = [n for n, d in G.nodes(data=True) if d["kind"] == "function"]
    holders = [n for n, d in G.nodes(data=True) if d["kind"] != "function"] + functions
    step = 0

    def add(u: str, v: str, kind: str) -> None:
        nonlocal step
        low = rng.randint(1, 36)
        paid = kind in _PAID or (kind != "bol" and rng.random() < 0.3)
        G.add_edge(
            u,
            v,
            key=f"t{step}",
            step=f"t{step}",
            name=f"Stap {step}",
            kind=kind,
            months_min=low,
            months_max=low + rng.randint(0, 12),
            paid=paid,
            cost_eur=None if rng.random() < 0.3 else rng.choice([0, 0, 500, 1200, 2500]),
            cost_note=None,
            pay_eur_month=rng.choice([None, 1800, 2400]) if paid else None,
            hours_per_week=rng.choice([None, None, 16, 20, 24]),
            min_hours_per_week=rng.choice([None, None, 12, 16]),
            min_age=rng.choice([None] * 9 + [21]),
            vog=False,
            language=None,
            regions=() if rng.random() < 0.8 else tuple(rng.sample(REGIONS, rng.randint(1, 2))),
            conditions=(),
            why=None,
            sources=(),
            also=False,
            admission=None,
        )
        step += 1

    # Every function reachable through an access edge from at least one qualification.
    for f in functions:
        q = rng.choice(quals)
        G.add_edge(
            q,
            f,
            key=f"{ACCESS}:{q}",
            step=None,
            name=G.nodes[f]["name"],
            kind=ACCESS,
            months_min=0,
            months_max=0,
            paid=True,
            cost_eur=0,
            cost_note=None,
            pay_eur_month=None,
            hours_per_week=None,
            min_hours_per_week=None,
            min_age=None,
            vog=False,
            language=None,
            regions=(),
            conditions=(),
            why=None,
            sources=(),
            also=False,
            admission=None,
        )
    # Every learnable station reachable from somewhere at its level or below.
    rank = {level: i for i, level in enumerate(_LEVELS)}
    by_rank: list[list[str]] = [[] for _ in _LEVELS]
    for u in holders:
        by_rank[rank.get(G.nodes[u]["level"] or "mbo-1", 0)].append(u)
    for v in learnable:
        top = rank[G.nodes[v]["level"]]
        while True:
            bucket = by_rank[rng.randint(0, top)]
            if bucket:
                u = rng.choice(bucket)
                if u != v:
                    break
        add(u, v, rng.choice(_KINDS))
    n_now = G.number_of_edges()  # counting edges walks the whole graph: count ourselves
    while n_now < n_edges:
        u = rng.choice(holders)
        v = rng.choice(learnable)
        if u == v:
            continue
        if rank.get(G.nodes[u]["level"] or "mbo-1", 0) > rank[G.nodes[v]["level"]] and rng.random() < 0.8:
            continue  # mostly upwards, some steps back or sideways
        add(u, v, rng.choice(_KINDS))
        n_now += 1
    n_programmes = n_programmes if n_programmes is not None else max(1, n_nodes // 50)
    edge_steps = [d["step"] for _, _, d in G.edges(data=True) if d["step"]]
    support_pool = edge_steps + learnable
    G.graph["regions"] = {r: r.title() for r in REGIONS} | {"nederland": "Nederland"}
    G.graph["programmes"] = {
        f"p{i}": {
            "id": f"p{i}",
            "name": f"Programma {i}",
            "organiser": "Organisatie",
            "regions": tuple(rng.sample(REGIONS + ["nederland"], rng.randint(1, 2))),
            "target_groups": tuple(rng.sample(GROUPS, rng.randint(1, 3))),
            "target_note": None,
            "supports": frozenset(rng.sample(support_pool, min(5, len(support_pool)))),
            "status": rng.choice(["running", "running", "ended", "planned"]),
            "url": None,
        }
        for i in range(n_programmes)
    }
    G.graph["programmes_by_support"] = programme_index(G.graph["programmes"])
    return G


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml writes 100x data in seconds, not minutes


def _suffix_ids(value, ids: set[str], suffix: str):
    if isinstance(value, dict):
        # keys can be ids too (a scenario's sentences per station)
        return {(k + suffix if k in ids else k): _suffix_ids(v, ids, suffix) for k, v in value.items()}
    if isinstance(value, list):
        return [_suffix_ids(v, ids, suffix) for v in value]
    if isinstance(value, str) and value in ids:
        return value + suffix
    return value


def scaled_data_dir(source: Path, target: Path, copies: int) -> Path:
    """Write ``copies`` copies of the dataset in ``source`` into ``target``; returns ``target``.

    Every id (and every reference to it) gets a suffix per copy, so the result is
    a valid dataset ``copies`` times the size (crebo codes only in the first copy).
    """
    return _write_copies(source, target, copies, shared_sections=())


def national_data_dir(source: Path, target: Path, copies: int) -> Path:
    """Write a national-scale data folder shaped like :func:`national_graph`; returns ``target``.

    Copy 0 is the real data, the national core. Every other copy is one region's own
    catalogue (the real regions in turn, ``nederland`` aside; ids get the suffix
    ``-x<copy>``): its steps and programmes are run in that region only. Starts and
    regions are shared, and the admission hubs the graph builds per level are too,
    so every region's catalogue is entered from the same stations, as in the real data.
    A person who names a region searches the core and that region's copies.
    """
    return _write_copies(source, target, copies, shared_sections=("starts", "regions"))


def _write_copies(source: Path, target: Path, copies: int, shared_sections: tuple[str, ...]) -> Path:
    from .loader import data_files

    files = data_files(source)
    documents = [yaml.safe_load(path.read_text(encoding="utf-8")) or {} for path in files]

    def ids_in(sections) -> set[str]:
        return {
            entry["id"]
            for doc in documents
            for section, entries in doc.items()
            if section != "include" and isinstance(entries, list) and section in sections
            for entry in entries
            if isinstance(entry, dict) and "id" in entry
        }

    every = {section for doc in documents for section in doc}
    ids = ids_in(every - set(shared_sections))
    regions = sorted(ids_in({"regions"}) - {"nederland"})
    target.mkdir(parents=True, exist_ok=True)
    includes = []
    for copy in range(copies):
        region = regions[(copy - 1) % len(regions)] if shared_sections and copy > 0 else None
        merged: dict[str, list] = {}
        for doc in documents:
            for section, entries in doc.items():
                if section == "include" or (copy > 0 and section in ("quiz", "scenarios", *shared_sections)):
                    continue  # one quiz (its length is capped), one classroom list, one set of shared stations
                entries = _suffix_ids(entries, ids, f"-x{copy}") if copy > 0 or not shared_sections else entries
                if copy > 0:  # a person can tell the copies apart, in a list as on the map
                    for entry in entries:
                        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
                            entry["name"] = f"{entry['name']} x{copy}"
                if section == "qualifications" and copy > 0:
                    for entry in entries:  # a crebo code belongs to one qualification only
                        entry["crebo"] = []
                if region is not None and section in ("steps", "programmes"):
                    for entry in entries:
                        entry["regions"] = [region]
                merged.setdefault(section, []).extend(entries)
        name = f"copy{copy}.yaml"
        text = yaml.dump(merged, Dumper=_DUMPER, allow_unicode=True, sort_keys=False)
        (target / name).write_text(text, encoding="utf-8")
        includes.append(name)
    (target / "functions.yaml").write_text(yaml.safe_dump({"include": includes}), encoding="utf-8")
    return target


def regional_graph(base: nx.MultiDiGraph, copies: int, seed: int = 0, links_per_copy: int = 10) -> nx.MultiDiGraph:
    """A national-scale graph shaped like the real one: ``copies`` regional copies of ``base``.

    Each copy keeps the real structure (levels, steps, access edges); a few steps
    link each copy to the next one, so searches can cross regions as people do.
    """
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    G.graph["regions"] = dict(base.graph.get("regions", {}))
    G.graph["programmes"] = {}
    nodes = sorted(base.nodes)
    for i in range(copies):
        tag = f"@{i}"
        G.add_nodes_from((f"{n}{tag}", data) for n, data in base.nodes(data=True))
        G.add_edges_from(
            (f"{u}{tag}", f"{v}{tag}", k, {**data, "step": data["step"] and f"{data['step']}{tag}"})
            for u, v, k, data in base.edges(keys=True, data=True)
        )
        for pid, p in base.graph.get("programmes", {}).items():
            G.graph["programmes"][f"{pid}{tag}"] = {
                **p,
                "id": f"{pid}{tag}",
                "supports": frozenset(f"{s}{tag}" for s in p["supports"]),
            }
    template = next(iter(d for _, _, d in base.edges(data=True) if d["kind"] != ACCESS))
    for i in range(copies):
        for _ in range(links_per_copy):
            n = rng.choice(nodes)
            m = rng.choice(nodes)
            if base.nodes[m]["kind"] == "start":
                continue
            G.add_edge(
                f"{n}@{i}",
                f"{m}@{(i + 1) % copies}",
                key=f"link{i}-{n}-{m}",
                **{**template, "step": f"link{i}", "kind": "orientatie", "months_min": 1, "months_max": 3},
            )
    G.graph["programmes_by_support"] = programme_index(G.graph["programmes"])
    return G


def national_graph(base: nx.MultiDiGraph, copies: int, seed: int = 0, links_per_copy: int = 10) -> nx.MultiDiGraph:
    """A national-scale graph whose regions are joined the way real regions are.

    Copy 0 of ``base`` is the national core. Every other copy is one region's own
    catalogue (the base's regions in turn, ``nederland`` aside): its steps are run
    in that region only, as regional steps are in the real data. Starts and
    admission hubs are shared national stations, as in the real data, so every
    region's diplomas lead into the same hubs and the hubs lead into every
    region's programmes; a few national steps lead from each regional copy into
    the core. A person who names a region can use the core and that region's
    copies; a person who names none, the core only.
    Node attribute ``region`` names the region of a regional copy (None: national).
    """
    rng = random.Random(seed)
    shared = {n for n, d in base.nodes(data=True) if d["kind"] in ("start", ADMISSION)}
    regions = sorted(r for r in base.graph.get("regions", {}) if r != "nederland") or list(REGIONS)
    G = nx.MultiDiGraph()
    G.graph["regions"] = dict(base.graph.get("regions", {})) or {r: r.title() for r in regions}
    G.graph["programmes"] = {}
    G.graph["lines_of"] = {}
    G.graph["copy_regions"] = {}

    def name(node: str, tag: str) -> str:
        return node if node in shared else f"{node}{tag}"

    G.add_nodes_from((n, {**d, "region": None}) for n, d in base.nodes(data=True) if n in shared)
    for i in range(copies):
        tag = f"@{i}"
        region = None if i == 0 else regions[(i - 1) % len(regions)]
        G.graph["copy_regions"][i] = region
        G.add_nodes_from((f"{n}{tag}", {**d, "region": region}) for n, d in base.nodes(data=True) if n not in shared)
        for u, v, k, data in base.edges(keys=True, data=True):
            regional = region is not None and data["kind"] not in (ACCESS, ADMISSION)
            G.add_edge(
                name(u, tag),
                name(v, tag),
                k,
                **{
                    **data,
                    "step": data["step"] and f"{data['step']}{tag}",
                    "regions": (region,) if regional else data["regions"],
                },
            )
        for node, lines in base.graph.get("lines_of", {}).items():
            G.graph["lines_of"][name(node, tag)] = {f"{line}{tag}" for line in lines}
        for pid, p in base.graph.get("programmes", {}).items():
            G.graph["programmes"][f"{pid}{tag}"] = {
                **p,
                "id": f"{pid}{tag}",
                "regions": p["regions"] if region is None else (region,),
                "supports": frozenset(name(s, tag) for s in p["supports"]),
            }
    template = next(iter(d for _, _, d in base.edges(data=True) if d["kind"] not in (ACCESS, ADMISSION)))
    own = sorted(n for n in base.nodes if n not in shared)
    for i in range(1, copies):
        for _ in range(links_per_copy):
            n, m = rng.choice(own), rng.choice(own)
            G.add_edge(
                f"{n}@{i}",
                f"{m}@0",
                key=f"link{i}-{n}-{m}",
                **{
                    **template,
                    "step": f"link{i}",
                    "kind": "orientatie",
                    "months_min": 1,
                    "months_max": 3,
                    "regions": (),
                    "admission": None,
                },
            )
    G.graph["programmes_by_support"] = programme_index(G.graph["programmes"])
    return G
