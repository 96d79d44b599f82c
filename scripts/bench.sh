#!/usr/bin/env bash
# npm run bench: issue 7's benchmark suite in one run, on a fresh private stack (its own ports and
# state directory, so it disturbs nobody's), with the load process separate from the apps.
# Stages, settings (BENCH_* variables) and results (bench/results/bench.{json,md}): README.
source "$(dirname "$0")/lib.sh"
export BENCH_STARTED_AT
BENCH_STARTED_AT=$(date +%s)
ensure_node_modules
ensure_build
step "compiling the benchmark"
npx tsc -p bench/tsconfig.json && npx tsc-alias -p bench/tsconfig.json

export KAFKA_PORT="${BENCH_KAFKA_PORT:-29092}" KAFKA_CONTROLLER_PORT="${BENCH_KAFKA_CONTROLLER_PORT:-29093}"
export MONGO_PORT="${BENCH_MONGO_PORT:-47017}" LR_STACK_DIR="${BENCH_STACK_DIR:-.local/bench-stack}"
# The stack sizes the MongoDB-wire server's heap for the JVM it picks (deploy/local/stack,
# choose_mongo_jvm); BENCH_MONGO_HEAP overrides it.
if [ -n "${BENCH_MONGO_HEAP:-}" ]; then export MONGO_HEAP="$BENCH_MONGO_HEAP"; fi

step "starting a fresh private stack (Kafka :$KAFKA_PORT, MongoDB :$MONGO_PORT, state in $LR_STACK_DIR)"
bash deploy/local/stack down --purge >/dev/null 2>&1 || true
stop_stack() {
  step "stopping the private stack"
  bash deploy/local/stack down --purge >&2 || true
}
trap stop_stack EXIT
stack_env=$(bash deploy/local/stack up) || { echo "the private stack did not start" >&2; exit 1; }
eval "$(grep -E '^(KAFKA_BROKERS|MONGO_URL)=' <<<"$stack_env" | sed 's/^/export /')"
KAFKA_PID=$(cat "$LR_STACK_DIR/run/kafka.pid") MONGO_PID=$(cat "$LR_STACK_DIR/run/mongo.pid")
export KAFKA_PID MONGO_PID

step "running the benchmark (the load process)"
node --max-old-space-size=4096 .local/bench/bench/suite/bench.js
