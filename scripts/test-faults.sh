#!/usr/bin/env bash
# npm run test:faults: the fault suite. Starts a private Kafka + MongoDB-wire stack on other ports
# (FAULTS_KAFKA_PORT 19092, FAULTS_MONGO_PORT 37017) and the apps, injects crashes and outages
# under load, checks nothing was lost, duplicated or mismatched, prints the table and writes
# tests/faults/results/faults.json. Exits non-zero if any bad column is not zero.
source "$(dirname "$0")/lib.sh"
started=$(date +%s)
ensure_node_modules
ensure_build
step "running the fault suite"
status=0
npx jest -c tests/faults/jest.config.js --runInBand "$@" || status=$?
echo "fault suite took $(( $(date +%s) - started )) s"
exit $status
