#!/usr/bin/env bash
# Brings up the whole system on the local stack (Kafka + MongoDB-wire server, no Docker) and
# shows a statement going in and coming back out.
source "$(dirname "$0")/lib.sh"
RUN_DIR="$ROOT/.local/run"
mkdir -p "$RUN_DIR"
ensure_node_modules
ensure_build

step "starting Kafka and the MongoDB-wire server"
stack_env=$(bash deploy/local/stack up) || { echo "the local stack did not start" >&2; exit 1; }
eval "$(grep -E '^(KAFKA_BROKERS|MONGO_URL)=' <<<"$stack_env" | sed 's/^/export /')"

# A developer credential: the one from the environment, else one made once and kept locally.
CRED_FILE="$RUN_DIR/dev-credential.env"
if [ -z "${LRS_DEV_KEY:-}" ] || [ -z "${LRS_DEV_SECRET:-}" ]; then
  if [ ! -f "$CRED_FILE" ]; then
    printf 'LRS_DEV_KEY=dev-%s\nLRS_DEV_SECRET=%s\n' "$(openssl rand -hex 4)" "$(openssl rand -hex 16)" >"$CRED_FILE"
    chmod 600 "$CRED_FILE"
  fi
  set -a; source "$CRED_FILE"; set +a
fi
export LRS_DEV_KEY LRS_DEV_SECRET
# The reporting API's development token secret: from the environment, else made once and kept.
SECRET_FILE="$RUN_DIR/reporting-secret.env"
if [ -z "${REPORTING_JWT_SECRET:-}" ]; then
  if [ ! -f "$SECRET_FILE" ]; then
    printf 'REPORTING_JWT_SECRET=%s\n' "$(openssl rand -hex 24)" >"$SECRET_FILE"
    chmod 600 "$SECRET_FILE"
  fi
  set -a; source "$SECRET_FILE"; set +a
fi
export REPORTING_JWT_SECRET
# The gateway's operator token: from the environment, else made once and kept.
OPERATOR_FILE="$RUN_DIR/gateway-operator.env"
if [ -z "${GATEWAY_OPERATOR_TOKEN:-}" ]; then
  if [ ! -f "$OPERATOR_FILE" ]; then
    printf 'GATEWAY_OPERATOR_TOKEN=%s\n' "$(openssl rand -hex 16)" >"$OPERATOR_FILE"
    chmod 600 "$OPERATOR_FILE"
  fi
  set -a; source "$OPERATOR_FILE"; set +a
fi
export GATEWAY_OPERATOR_TOKEN GATEWAY_PORT="${GATEWAY_PORT:-8083}" SIMULATOR_PORT="${SIMULATOR_PORT:-8090}"
# Development only: the awarding bodies are the simulator, and certifications are written back
# to the LRS with the developer credential.
export CITY_AND_GUILDS_URL="http://127.0.0.1:$SIMULATOR_PORT/city-and-guilds" CMI_URL="http://127.0.0.1:$SIMULATOR_PORT/cmi"
export SIM_CALLBACK_URL="http://127.0.0.1:$GATEWAY_PORT/callbacks"
export GATEWAY_LRS_URL="http://127.0.0.1:${LRS_PORT:-8080}/xapi" GATEWAY_LRS_KEY="$LRS_DEV_KEY" GATEWAY_LRS_SECRET="$LRS_DEV_SECRET"
export LRS_PORT="${LRS_PORT:-8080}" PROJECTOR_PORT="${PROJECTOR_PORT:-8081}" REPORTING_PORT="${REPORTING_PORT:-8082}"

start_app() {
  local name=$1 port=$2
  local pidfile="$RUN_DIR/$name.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "$name already running (pid $(cat "$pidfile"))"
    return
  fi
  nohup node --enable-source-maps "dist/apps/$name/src/main.js" >>"$RUN_DIR/$name.log" 2>&1 &
  echo $! >"$pidfile"
  echo "$name started (pid $!), log: .local/run/$name.log"
}

wait_ready() {
  local name=$1 port=$2
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then
      echo "$name ready on http://127.0.0.1:$port"
      return 0
    fi
    if ! kill -0 "$(cat "$RUN_DIR/$name.pid")" 2>/dev/null; then
      echo "$name exited; last lines of its log:" >&2
      tail -n 30 "$RUN_DIR/$name.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "$name not ready after 60 s; see .local/run/$name.log" >&2
  exit 1
}

step "starting the apps"
start_app lrs-api "$LRS_PORT"
start_app projector "$PROJECTOR_PORT"
start_app reporting-api "$REPORTING_PORT"
start_app awarding-body-simulator "$SIMULATOR_PORT"
start_app accreditation-gateway "$GATEWAY_PORT"
wait_ready lrs-api "$LRS_PORT"
wait_ready projector "$PROJECTOR_PORT"
wait_ready reporting-api "$REPORTING_PORT"
wait_ready awarding-body-simulator "$SIMULATOR_PORT"
wait_ready accreditation-gateway "$GATEWAY_PORT"

step "smoke test: one statement in and out"
LRS="http://127.0.0.1:$LRS_PORT/xapi"
AUTH="$LRS_DEV_KEY:$LRS_DEV_SECRET"
ID=$(curl -fsS -u "$AUTH" -H 'X-Experience-API-Version: 2.0.0' -H 'Content-Type: application/json' \
  -d '{"actor":{"mbox":"mailto:smoke@example.gov.uk"},"verb":{"id":"http://adlnet.gov/expapi/verbs/launched"},"object":{"id":"https://odp.example.gov.uk/activities/smoke"}}' \
  "$LRS/statements" | tr -d '[]"')
for _ in $(seq 1 50); do
  if BODY=$(curl -fsS -u "$AUTH" -H 'X-Experience-API-Version: 2.0.0' "$LRS/statements?statementId=$ID" 2>/dev/null); then
    echo "stored and read back: $BODY"
    break
  fi
  sleep 0.2
done

cat <<EOT

The LRS answers at $LRS
  credential: key $LRS_DEV_KEY, secret $LRS_DEV_SECRET (scope all, store default)
  try: curl -u '$AUTH' -H 'X-Experience-API-Version: 2.0.0' '$LRS/statements?limit=5'
The reporting API answers at http://127.0.0.1:$REPORTING_PORT/v1 (OpenAPI: /docs)
  a token: npm run --silent token -- --role profession-admin
  the dashboard: http://127.0.0.1:$REPORTING_PORT/dashboard (paste that token)
The accreditation gateway answers at http://127.0.0.1:$GATEWAY_PORT/claims (operator token in .local/run/gateway-operator.env),
  sending to the awarding-body simulator at http://127.0.0.1:$SIMULATOR_PORT (what it got: /_sim/received)
  stop everything: npm run stop
EOT
