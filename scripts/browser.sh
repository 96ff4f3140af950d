#!/usr/bin/env bash
# What the browser tests (pytest -m browser) need, idempotently:
#   - Debian's chromium at /usr/bin/chromium (apt-get; `apt-get update` only when the package
#     is not known to apt yet),
#   - the Python `playwright` package in .venv, pinned. Its wheel carries the node driver but
#     no browser; we never run `playwright install`: the tests launch /usr/bin/chromium.
# Needs root (or sudo) for apt-get. Re-running does nothing when both are present.
#   scripts/browser.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PLAYWRIGHT_VERSION="1.65.2"
CHROMIUM=/usr/bin/chromium
PY=.venv/bin/python

if [ -x "$CHROMIUM" ]; then
  echo "browser: chromium present ($("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM"))"
else
  echo "browser: installing Debian chromium"
  "$ROOT/scripts/apt-install.sh" chromium
  echo "browser: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
fi

if [ ! -x "$PY" ]; then
  echo "browser: no virtualenv at .venv (run scripts/setup.sh first)" >&2
  exit 1
fi
have="$("$PY" -c 'import importlib.metadata as m; print(m.version("playwright"))' 2>/dev/null || true)"
if [ "$have" = "$PLAYWRIGHT_VERSION" ]; then
  echo "browser: playwright $have present"
else
  echo "browser: pip install playwright==$PLAYWRIGHT_VERSION (driver only, no browser download)"
  "$PY" -m pip install -q "playwright==$PLAYWRIGHT_VERSION"
fi
