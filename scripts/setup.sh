#!/usr/bin/env bash
# Install what the project needs: a Python virtual environment in .venv, and with
# --dev also the test tools (Debian's Chromium for browser tests, nginx for the test of
# scripts/serve.sh, axe-core from npm).
set -euo pipefail
cd "$(dirname "$0")/.."
dev=false
[ "${1:-}" = "--dev" ] && dev=true

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if $dev; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
  if [ ! -x /usr/bin/chromium ] || [ ! -f /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] \
    || [ ! -x /usr/sbin/nginx ]; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation nginx >/dev/null
  fi
  if [ -f package.json ] && [ ! -d node_modules/axe-core ]; then
    npm ci --no-audit --no-fund --silent
  fi
else
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
fi
