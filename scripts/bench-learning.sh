#!/usr/bin/env bash
# npm run bench:learning: the learning projections' sustained rate over a backlog of a sample
# programme (BENCH_LEARNERS, 20,000 by default) and the reporting API's latency over the result.
# Figures go to bench/results/learning.{json,md}.
source "$(dirname "$0")/lib.sh"
ensure_node_modules
ensure_build
step "compiling the benchmark"
npx tsc -p bench/tsconfig.json && npx tsc-alias -p bench/tsconfig.json

step "starting the local stack"
stack_env=$(bash deploy/local/stack up) || { echo "the local stack did not start" >&2; exit 1; }
eval "$(grep -E '^(KAFKA_BROKERS|MONGO_URL)=' <<<"$stack_env" | sed 's/^/export /')"

RUN="bench$(date +%s)"
export KAFKA_TOPIC_PREFIX="$RUN" MONGO_DATABASE="$RUN" KAFKA_STATEMENT_PARTITIONS=6
export PROJECTOR_PORT="${BENCH_PROJECTOR_PORT:-18081}" REPORTING_JWT_SECRET="$(openssl rand -hex 24)"
cleanup() {
  # The run's database goes with it, so the local MongoDB-wire server does not grow without end.
  node -e "require('mongodb').MongoClient.connect(process.env.MONGO_URL,{directConnection:true}).then(c=>c.db(process.env.MONGO_DATABASE).dropDatabase().finally(()=>c.close()))" || true
}
trap cleanup EXIT

step "running the learning benchmark"
node .local/bench/bench/learning/learning.bench.js
