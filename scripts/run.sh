#!/usr/bin/env bash
# Set up and start the app on the bundled data: http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m ui.launch --browser.gatherUsageStats false "$@"
