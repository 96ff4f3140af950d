#!/usr/bin/env bash
# What tests/test_deployment.py needs to validate docker-compose.yml (`compose config`; no
# Docker engine is needed, and none is installed), idempotently:
#   - the `docker compose` plugin if it is there already, else
#   - Debian's docker-compose (1.29, the Python one): the plugin is not a Debian package here.
# Needs root (or sudo) for apt-get. Where apt-get does not exist the test skips, saying why.
#   scripts/compose.sh
set -euo pipefail

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

if docker compose version >/dev/null 2>&1; then
  echo "compose: docker compose plugin present ($(docker compose version --short 2>/dev/null || true))"
  exit 0
fi
if command -v docker-compose >/dev/null 2>&1; then
  echo "compose: $(docker-compose version --short 2>/dev/null || echo docker-compose) present"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "compose: no apt-get here; tests/test_deployment.py will skip 'compose config'" >&2
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
# (Output captured first: `grep -q` closing the pipe early would fail it under pipefail.)
policy="$(apt-cache policy docker-compose 2>/dev/null || true)"
if ! grep -q 'Candidate: [0-9]' <<<"$policy"; then
  echo "compose: apt-get update"
  $SUDO apt-get update -q
fi
echo "compose: installing Debian docker-compose"
if ! $SUDO apt-get install -y -q --no-install-recommends docker-compose; then
  # A stale package list names a version the mirror no longer has: refresh once, retry.
  echo "compose: install failed; apt-get update and retry"
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends docker-compose
fi
echo "compose: installed $(docker-compose version --short 2>/dev/null || echo docker-compose)"
