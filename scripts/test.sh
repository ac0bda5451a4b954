#!/usr/bin/env bash
# The project's whole test run (the README's test command; .ci/run runs exactly this).
set -uo pipefail
cd "$(dirname "$0")/.."
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
fail=0
step() { echo "== $*"; "$@" || { echo "FAILED: $*" >&2; fail=1; }; }
step .venv/bin/ruff check .
step .venv/bin/ccr-contract bundle --check
step .venv/bin/ccr-contract validate
step .venv/bin/ccr-contract generate --check
step .venv/bin/ccr-contract coverage --check
# Performance guards (benchmarks/README.md): quick runs that fail the build when a target is missed.
for bench in signing paging store_scale request_cost codegen conformance proxy; do step .venv/bin/python "benchmarks/$bench.py" --quick; done
# The server benchmark loads servers with wrk and compares Prism (node_modules): both come from
# scripts/install.sh; without them it cannot measure anything, which is said, not hidden.
if command -v wrk >/dev/null 2>&1 && [ -x node_modules/.bin/prism ]; then
  step .venv/bin/python benchmarks/server.py --quick
else
  echo "== SKIPPED benchmarks/server.py --quick: needs wrk and node_modules (scripts/install.sh as root)" >&2
fi
if [ -x node_modules/.bin/redocly ]; then
  step node_modules/.bin/redocly lint --config redocly.yaml spec/ccr.openapi.yaml
  step .venv/bin/ccr-contract docs --out site
fi
echo "== pytest"
# Both cores (pytest-xdist): alone, the ~1,200 tests take ~25 minutes on a 2-core machine. A test
# file stays on one worker (--dist loadfile): some files share state between their tests.
.venv/bin/python -m pytest -q -p no:cacheprovider -n "${PYTEST_WORKERS:-2}" --dist loadfile "$@"
rc=$?
if [ "$rc" -eq 5 ]; then
  echo "FAILED: pytest collected no tests" >&2; fail=1
elif [ "$rc" -ne 0 ]; then
  fail=1
fi
exit $fail
