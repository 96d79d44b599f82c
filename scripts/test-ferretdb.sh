#!/usr/bin/env bash
# npm run test:ferretdb: the statement resource's integration and end-to-end suites again, on
# FerretDB 1.24 (SQLite) instead of the default mongo-java-server. Starts a private Kafka and
# FerretDB (ports FERRET_KAFKA_PORT 29092/29093 and FERRET_MONGO_PORT 47017, state in
# .local/ferretdb-stack, purged at the end); building FerretDB needs Go the first time.
# Arguments, when given, replace the list of suites (e.g. one path).
source "$(dirname "$0")/lib.sh"
started=$(date +%s)
ensure_node_modules
ensure_build

# What issue 3 asks to run on FerretDB: every rule group of the statement resource, and the
# storage pieces under it. The suites left out need what FerretDB 1.x lacks; the README says which.
SUITES=(
  libs/persistence/src/find-by-ids.int-spec.ts
  libs/persistence/src/ensure-indexes.int-spec.ts
  libs/persistence/src/bounded-bulk-write.int-spec.ts
  apps/projector/src/learning/learning-meta.store.int-spec.ts
  apps/lrs-api/src/credentials/credentials.repository.int-spec.ts
  libs/messaging/src/messaging.int-spec.ts
  libs/xapi/src/shredding/learner-keyring.int-spec.ts
  apps/projector/src/statement-store/statement-store.repository.int-spec.ts
  apps/projector/src/learning/learning-projection.int-spec.ts
  apps/reporting-api/src/read-models/learning-read-store.int-spec.ts
  apps/lrs-api/src/documents/documents.service.int-spec.ts
  tests/e2e/walking-skeleton.e2e-spec.ts
  tests/e2e/statements.e2e-spec.ts
  tests/e2e/statement-extras.e2e-spec.ts
  tests/e2e/statement-fuzz.e2e-spec.ts
  tests/e2e/security.e2e-spec.ts
  tests/e2e/observability.e2e-spec.ts
  tests/e2e/multi-instance.e2e-spec.ts
  tests/e2e/learning-journey.e2e-spec.ts
  tests/e2e/documents.e2e-spec.ts
  tests/e2e/erasure.e2e-spec.ts
  tests/e2e/simulator.e2e-spec.ts
)

export LR_STACK_DIR="$ROOT/.local/ferretdb-stack"
export MONGO_SERVER=ferretdb
export KAFKA_PORT=${FERRET_KAFKA_PORT:-29092}
export KAFKA_CONTROLLER_PORT=$((KAFKA_PORT + 1))
export MONGO_PORT=${FERRET_MONGO_PORT:-47017}
stack() { bash deploy/local/stack "$@"; }
trap 'stack down --purge >/dev/null 2>&1 || true' EXIT

step "starting Kafka and FerretDB (private stack)"
stack down --purge >/dev/null 2>&1 || true
stack up >/dev/null
export KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT
export MONGO_URL=mongodb://127.0.0.1:$MONGO_PORT

step "running the statement suites on FerretDB"
status=0
if [ $# -gt 0 ]; then SUITES=("$@"); fi
npx jest "${SUITES[@]}" --selectProjects int e2e --runInBand || status=$?
echo "FerretDB tier took $(($(date +%s) - started)) s"
exit $status
