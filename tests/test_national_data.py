"""The generated national data folder (``national_data_dir``) that the rerun benchmark uses.

It must be a valid data folder whose regional catalogues are regional: a person in a
region is offered that region's catalogue and the national core, never another region's.
"""

import pytest

from routes import build_graph, load_dataset
from routes.errors import NoRoute
from routes.loader import default_data_dir
from routes.planner import Query, plan
from routes.synthetic import national_data_dir


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    folder = national_data_dir(default_data_dir(), tmp_path_factory.mktemp("national"), 3)
    dataset = load_dataset(folder)
    return dataset, build_graph(dataset)


def test_copies_share_starts_and_regions_and_keep_the_core(national):
    dataset, _ = national
    real = load_dataset()
    assert set(dataset.starts) == set(real.starts)
    assert set(dataset.regions) == set(real.regions)
    assert len(dataset.functions) == 3 * len(real.functions)
    assert set(real.functions) <= set(dataset.functions)


def test_a_regional_catalogue_is_offered_in_its_region_only(national):
    dataset, G = national
    regions = sorted(r for r in dataset.regions if r != "nederland")
    first, second = regions[0], regions[1]  # copy 1 belongs to the first region, copy 2 to the second
    route = plan(G, Query(holds=("vmbo-kb",), target="verzorgende-ig-x1", region=first))[0]
    assert any(step.step_id and step.step_id.endswith("-x1") for step in route.steps)
    assert all(step.regions == (first,) for step in route.steps if step.step_id and step.step_id.endswith("-x1"))
    with pytest.raises(NoRoute):
        plan(G, Query(holds=("vmbo-kb",), target="verzorgende-ig-x1", region=second))
    with pytest.raises(NoRoute):
        plan(G, Query(holds=("vmbo-kb",), target="verzorgende-ig-x1"))
    core = plan(G, Query(holds=("vmbo-kb",), target="verzorgende-ig", region=second))[0]
    assert not any(step.step_id and step.step_id.endswith(("-x1", "-x2")) for step in core.steps)
