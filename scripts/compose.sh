#!/usr/bin/env bash
# What tests/unit/test_deployment.py needs to validate docker-compose.yml (`compose config`; no
# Docker engine is needed, and none is installed), idempotently:
#   - the `docker compose` plugin if it is there already, else
#   - Debian's docker-compose (1.29, the Python one): the plugin is not a Debian package here.
# Needs root (or sudo) for apt-get. Where apt-get does not exist the test skips, saying why.
#   scripts/compose.sh
set -euo pipefail

if docker compose version >/dev/null 2>&1; then
  echo "compose: docker compose plugin present ($(docker compose version --short 2>/dev/null || true))"
  exit 0
fi
if command -v docker-compose >/dev/null 2>&1; then
  echo "compose: $(docker-compose version --short 2>/dev/null || echo docker-compose) present"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "compose: no apt-get here; tests/unit/test_deployment.py will skip 'compose config'" >&2
  exit 0
fi

echo "compose: installing Debian docker-compose"
"$(dirname "${BASH_SOURCE[0]}")/apt-install.sh" docker-compose
echo "compose: installed $(docker-compose version --short 2>/dev/null || echo docker-compose)"
