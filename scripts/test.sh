#!/usr/bin/env bash
# Install everything and run the whole test suite against a real local Kafka broker.
# Starts the broker if it is not running and stops it afterwards if it started it.
# Extra arguments go to pytest (e.g. scripts/test.sh -k dedup).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1

scripts/setup.sh
scripts/browser.sh   # Debian's chromium for the dashboard's browser test (never a downloaded browser)
scripts/compose.sh   # a compose tool to validate docker-compose.yml (`compose config`, no engine)
started=0
if ! scripts/kafka.sh status >/dev/null 2>&1; then
  scripts/kafka.sh start
  started=1
fi
cleanup() { if [ "$started" = 1 ]; then scripts/kafka.sh stop; fi; }
trap cleanup EXIT

status=0
.venv/bin/python -m pytest "$@" || status=$?
exit "$status"
