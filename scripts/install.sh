#!/usr/bin/env bash
# Install everything ccr-contract needs from the repo's own files: a virtualenv with the pinned
# Python packages (constraints.txt) and the Node tools pinned by package-lock.json.
# Chromium (for the docs browser test) and wrk (for benchmarks/server.py) come from Debian when we
# are root and they are missing (CCR_INSTALL_CHROMIUM=no / CCR_INSTALL_WRK=no skip them).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "install.sh: ccr-contract needs Python 3.11 or newer; set PYTHON=/path/to/python3.11" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade "pip>=24"
# setuptools in the venv too (pinned): the packaging tests build wheels offline with it.
.venv/bin/python -m pip install -q --disable-pip-version-check -c constraints.txt setuptools
# The tool with its authoring extras, and the generated client (its own distribution, ccr-client).
.venv/bin/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[dev,codegen]' -e ./generated
if command -v npm >/dev/null 2>&1; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
else
  echo "install.sh: npm not found; Node-based checks (Redocly lint, JS SDK interop, docs) will be skipped" >&2
fi
if [ "${CCR_INSTALL_CHROMIUM:-auto}" != "no" ] && ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "install.sh: could not install chromium; the browser test will be skipped" >&2
fi
# wrk (the load generator of benchmarks/server.py) from Debian, likewise.
if [ "${CCR_INSTALL_WRK:-auto}" != "no" ] && ! command -v wrk >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null) \
    || echo "install.sh: could not install wrk; benchmarks/server.py will report 'not measured'" >&2
fi
echo "install.sh: ready (.venv, node_modules)"
