#!/usr/bin/env bash
# Set up everything and run all tests. Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
.venv/bin/python -m routes validate data
.venv/bin/python -m ruff check .
.venv/bin/python -m pytest "$@"
