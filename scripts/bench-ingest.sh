#!/usr/bin/env bash
# npm run bench:ingest: starts the local stack and the apps on a fresh topic prefix and database,
# then runs the load generator as a separate process. Figures go to bench/results/ingest.{json,md}.
#
# Another LRS, started by hand beforehand (it may use this stack's MongoDB-wire server), is
# measured with the same load instead of ours when BENCH_INGEST_URL is set:
#   BENCH_INGEST_URL          its xAPI base (statements are posted to <base>/statements)
#   BENCH_INGEST_LABEL        names the results, bench/results/ingest-<label>.{json,md}
#   BENCH_INGEST_CREDENTIALS  key:secret for HTTP Basic
#   BENCH_INGEST_PROCESSES    name=pid,name=pid: its processes, whose CPU is reported one by one
#   BENCH_INGEST_XAPI_VERSION the version header sent (2.0.0 by default)
#   BENCH_INGEST_SETUP        how it was set up (version, workers, indexes), kept with the figures
source "$(dirname "$0")/lib.sh"
ensure_node_modules
ensure_build
step "compiling the benchmark"
npx tsc -p bench/tsconfig.json

step "starting the local stack"
stack_env=$(bash deploy/local/stack up) || { echo "the local stack did not start" >&2; exit 1; }
eval "$(grep -E '^(KAFKA_BROKERS|MONGO_URL)=' <<<"$stack_env" | sed 's/^/export /')"

# Where deploy/local/stack keeps pid files and logs (it honours LR_STACK_DIR too).
STACK_DIR=${LR_STACK_DIR:-$ROOT/.local/stack}
KAFKA_PID=$(cat "$STACK_DIR/run/kafka.pid" 2>/dev/null || echo 0)
MONGO_PID=$(cat "$STACK_DIR/run/mongo.pid" 2>/dev/null || echo 0)
export KAFKA_PID MONGO_PID
# The stack's JVMs log their GC pauses there; the report puts each phase's pauses beside its
# latency. FerretDB is no JVM: an older run's mongo-gc.log would read as "no pauses".
export KAFKA_GC_LOG="$STACK_DIR/logs/kafka-gc.log"
if [ "$(cat "$STACK_DIR/run/mongo.server" 2>/dev/null)" != ferretdb ]; then
  export MONGO_GC_LOG="$STACK_DIR/logs/mongo-gc.log"
fi

if [ -n "${BENCH_INGEST_URL:-}" ]; then
  : "${BENCH_INGEST_LABEL:?BENCH_INGEST_LABEL names the results of the other LRS}"
  : "${BENCH_INGEST_CREDENTIALS:?BENCH_INGEST_CREDENTIALS is key:secret for the other LRS}"
  step "running the ingest benchmark against $BENCH_INGEST_LABEL at $BENCH_INGEST_URL"
  LRS_URL="$BENCH_INGEST_URL" exec node .local/bench/bench/ingest/ingest.bench.js
fi

RUN="bench$(date +%s)"
# BENCH_NODE_ARGS adds node options to the apps (e.g. --cpu-prof); BENCH_APP_NODE runs them on
# another node binary than the load generator's (to compare Node.js versions on equal load);
# BENCH_INGEST_TRACE_DIR keeps every request's send time and latency, one CSV per phase.
# BENCH_INGEST_CLIENT_IDS=1 posts statements that carry their own ids (results: ingest-client-ids.*).
# BENCH_CONSISTENCY_TIMEOUT_MS=0 measures the write path alone (answer on commit, no read-your-writes).
export KAFKA_TOPIC_PREFIX="$RUN" MONGO_DATABASE="$RUN" LOG_LEVEL=warn
export LRS_CONSISTENCY_TIMEOUT_MS="${BENCH_CONSISTENCY_TIMEOUT_MS:-5000}"
# One credential drives the whole load: the per-credential rate limit would measure itself.
export LRS_RATE_LIMIT_PER_SECOND=0
export LRS_DEV_KEY="$RUN" LRS_DEV_SECRET="$(openssl rand -hex 16)"
export LRS_PORT="${BENCH_LRS_PORT:-18080}" PROJECTOR_PORT="${BENCH_PROJECTOR_PORT:-18081}"
LOGS="$ROOT/.local/bench"
mkdir -p "$LOGS"

"${BENCH_APP_NODE:-node}" ${BENCH_NODE_ARGS:-} dist/apps/projector/src/main.js >"$LOGS/projector.log" 2>&1 &
PROJECTOR_PID=$!
"${BENCH_APP_NODE:-node}" ${BENCH_NODE_ARGS:-} dist/apps/lrs-api/src/main.js >"$LOGS/lrs-api.log" 2>&1 &
LRS_PID=$!
cleanup() {
  kill $LRS_PID $PROJECTOR_PID 2>/dev/null
  # Under set -e, wait answering 143 (the SIGTERM just sent) would become the script's exit code.
  wait $LRS_PID $PROJECTOR_PID 2>/dev/null || true
  # The run's database goes with it, so the local MongoDB-wire server does not grow without end.
  node -e "require('mongodb').MongoClient.connect(process.env.MONGO_URL,{directConnection:true}).then(c=>c.db(process.env.MONGO_DATABASE).dropDatabase().finally(()=>c.close()))" || true
}
trap cleanup EXIT
for port in "$LRS_PORT" "$PROJECTOR_PORT"; do
  for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
done

step "running the ingest benchmark"
LRS_URL="http://127.0.0.1:$LRS_PORT/xapi" PROJECTOR_URL="http://127.0.0.1:$PROJECTOR_PORT" \
  LRS_PID=$LRS_PID PROJECTOR_PID=$PROJECTOR_PID \
  node .local/bench/bench/ingest/ingest.bench.js
