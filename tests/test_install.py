"""`pip install .` gives a working package: the `metrokaart` command with the bundled data, from any folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The project built as a wheel (from a copy, so the source tree stays clean) and installed in a new venv."""
    work = tmp_path_factory.mktemp("install")
    source = work / "source"
    source.mkdir()
    for name in ("routes", "data"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "requirements.txt", "README.md"):
        shutil.copy(ROOT / name, source / name)
    wheels = work / "wheels"
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", str(source), "-w"]
    subprocess.run([*build, str(wheels)], check=True, cwd=work, timeout=300)
    env_dir = work / "env"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    wheel = next(wheels.glob("*.whl"))
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)]
    subprocess.run(install, check=True, timeout=300)
    # the dependencies come from this environment; the package itself only from the new one
    environment = {**os.environ, "PYTHONPATH": sysconfig.get_paths()["purelib"]}
    elsewhere = work / "elsewhere"
    elsewhere.mkdir()
    return env_dir / "bin" / "metrokaart", environment, elsewhere


def test_the_metrokaart_command_plans_from_any_folder_with_the_bundled_data(installed):
    command, environment, elsewhere = installed
    result = subprocess.run(
        [str(command), "plan", "--from", "havo", "--to", "verzorgende-ig", "--json"],
        capture_output=True, text=True, cwd=elsewhere, env=environment, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["routes"] and answer["routes"][0]["steps"]
    assert not (elsewhere / "data").exists()


def test_the_installed_package_validates_its_own_data_and_map(installed):
    command, environment, elsewhere = installed
    result = subprocess.run(
        [str(command), "validate"], capture_output=True, text=True, cwd=elsewhere, env=environment, timeout=120
    )
    assert result.returncode == 0 and "data is valid" in result.stdout
    figures = subprocess.run(
        [str(command), "layout", "--figures"], capture_output=True, text=True, cwd=elsewhere, env=environment,
        timeout=120,
    )  # fmt: skip
    assert figures.returncode == 0 and "label_overlaps   0" in figures.stdout
