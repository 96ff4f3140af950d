#!/usr/bin/env bash
# Run one copydesk worker (`faust -A stream.app worker`) in the background for the demo.
#   scripts/worker.sh start|stop|status
# Ops run the same worker in the foreground: .venv/bin/faust -A stream.app worker -l info
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUN=.copydesk
PIDFILE="$RUN/worker.pid"
LOG="$RUN/worker.log"
mkdir -p "$RUN"

alive() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }
web() { .venv/bin/python -c 'from stream.settings import current as c; s=c(); print(f"{s.web.bind}:{s.web.port}")'; }

start() {
  if alive; then echo "worker: already running (pid $(cat "$PIDFILE"))"; return; fi
  local addr t0 status
  addr="$(web)"
  t0=$(date +%s)
  HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 nohup .venv/bin/faust -A stream.app worker -l info \
    >>"$LOG" 2>&1 &
  echo $! >"$PIDFILE"
  echo "worker: starting (pid $!, log $LOG)"
  for _ in $(seq 1 "${COPYDESK_WORKER_TIMEOUT:-180}"); do
    if ! alive; then
      echo "worker: exited during start; last lines of $LOG:" >&2
      tail -n 30 "$LOG" >&2
      rm -f "$PIDFILE"
      exit 1
    fi
    status="$(curl -s -o /dev/null -w '%{http_code}' "http://$addr/health" || true)"
    if [ "$status" = 200 ]; then
      echo "worker: ready on http://$addr in $(( $(date +%s) - t0 ))s"
      return
    fi
    sleep 1
  done
  echo "worker: not ready after ${COPYDESK_WORKER_TIMEOUT:-180}s; see $LOG" >&2
  exit 1
}

stop() {
  if ! alive; then echo "worker: not running"; rm -f "$PIDFILE"; return; fi
  local pid; pid="$(cat "$PIDFILE")"
  kill -TERM "$pid"
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  if kill -0 "$pid" 2>/dev/null; then echo "worker: still running after 30s, killing"; kill -KILL "$pid"; fi
  rm -f "$PIDFILE"
  echo "worker: stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if alive; then echo "worker: running (pid $(cat "$PIDFILE"))"; else echo "worker: stopped"; exit 3; fi ;;
  *) echo "usage: scripts/worker.sh start|stop|status" >&2; exit 2 ;;
esac
