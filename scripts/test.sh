#!/usr/bin/env bash
# The whole test suite: unit, integration (real Kafka + MongoDB-wire server) and end to end
# (apps started as processes, over HTTP). Installs and starts whatever it needs.
source "$(dirname "$0")/lib.sh"
started=$(date +%s)
ensure_node_modules
ensure_build
ensure_chromium
step "running tests (unit, int, e2e)"
status=0
npx jest --runInBand "$@" || status=$?
echo "test command took $(( $(date +%s) - started )) s"
exit $status
