#!/usr/bin/env bash
# Stops what `npm start` started: the apps, then the local stack.
source "$(dirname "$0")/lib.sh"
RUN_DIR="$ROOT/.local/run"
for name in accreditation-gateway awarding-body-simulator lrs-api projector reporting-api; do
  pidfile="$RUN_DIR/$name.pid"
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    echo "$name stopped"
  fi
  rm -f "$pidfile"
done
bash deploy/local/stack down
