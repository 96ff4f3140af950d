#!/usr/bin/env bash
# Install Debian packages by name, for the scripts that need one (browser.sh, compose.sh):
# `apt-get update` first only when apt does not know the package yet (fresh container), and
# once more if the install fails (a stale list names a version the mirror no longer has).
# Needs root (or sudo).
#   scripts/apt-install.sh PACKAGE...
set -euo pipefail

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

for package in "$@"; do
  # (Output captured first: `grep -q` closing the pipe early would fail it under pipefail.)
  policy="$(apt-cache policy "$package" 2>/dev/null || true)"
  if ! grep -q 'Candidate: [0-9]' <<<"$policy"; then
    echo "apt-install: apt-get update"
    $SUDO apt-get update -q
    break
  fi
done
echo "apt-install: installing $*"
if ! $SUDO apt-get install -y -q --no-install-recommends "$@"; then
  echo "apt-install: install failed; apt-get update and retry"
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "$@"
fi
