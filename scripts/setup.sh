#!/usr/bin/env bash
# Install everything copydesk needs, into the project: .venv (Python deps, pinned by
# requirements.lock so pip never backtracks) and .kafka (Apache Kafka's jars, via Maven).
# Idempotent: a second run checks stamps and changes nothing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

python_bin() {
  for py in "${PYTHON:-}" python3.11 python3; do
    if [ -n "$py" ] && command -v "$py" >/dev/null 2>&1 \
      && "$py" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      echo "$py"; return
    fi
  done
  echo "copydesk needs Python 3.11 (set PYTHON=/path/to/python3.11)" >&2
  exit 1
}

install_python() {
  local stamp=.venv/.copydesk-stamp want
  want="$(cat pyproject.toml requirements.lock | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x .venv/bin/copydesk ]; then
    echo "setup: Python environment up to date (.venv)"
    return
  fi
  [ -x .venv/bin/python ] || "$(python_bin)" -m venv .venv
  echo "setup: installing Python dependencies into .venv (first time: a few minutes, torch is large)"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check \
    -c requirements.lock -e '.[dev]'
  echo "$want" > "$stamp"
}

export_model() {
  # The int8 ONNX export of the configured model, once (cached; a no-op afterwards).
  HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 .venv/bin/python -c '
from stream.settings import encoder_config, load
cfg = encoder_config(load())
if cfg.backend == "onnx":
    from embeddings.onnx import export_onnx
    print(f"setup: ONNX int8 model at {export_onnx(cfg)}")
'
}

install_python
export_model
scripts/kafka.sh fetch
