#!/usr/bin/env bash
# The demo, from nothing: install, start a local Kafka broker and a copydesk worker,
# feed it a JSON Lines feed (default: the sample that ships with the project) and follow
# the outputs until every item is accounted for. Broker and worker keep running after;
# `scripts/run.sh stop` stops both.
#   scripts/run.sh [FEED.jsonl[.gz]]      e.g. scripts/run.sh ../shared/data/reuters21578.jsonl.gz
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1

if [ "${1:-}" = "stop" ]; then
  scripts/worker.sh stop
  scripts/kafka.sh stop
  exit 0
fi

FEED="${1:-samples/desk.jsonl}"
[ -f "$FEED" ] || { echo "run: no such feed file: $FEED" >&2; exit 2; }
FEED="$(cd "$(dirname "$FEED")" && pwd)/$(basename "$FEED")"

scripts/setup.sh
scripts/kafka.sh start
scripts/worker.sh start
.venv/bin/copydesk produce "$FEED" --wait

port="$(.venv/bin/python -c 'from stream.settings import current; print(current().web.port)')"
cat <<MSG

copydesk is running (broker 127.0.0.1, worker web on 127.0.0.1:$port). Where to look:
  .venv/bin/copydesk stories               current stories (from stories.state)
  curl -s 127.0.0.1:$port/health           worker health
  tail -f .copydesk/worker.log             worker log
  scripts/run.sh stop                      stop the worker and the broker
MSG
