#!/usr/bin/env bash
# Checks the REST API against its own OpenAPI document with Schemathesis (issue #8): a live
# server on a fresh SQLite database with the demo organisation, called with an administrator's
# API token. Fails on any server error (5xx), any response that does not match the document
# (schema, status code, content type). Usage: scripts/api_contract.sh [path/to/siap]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/env.sh"
SIAP="${1:-${CARGO_TARGET_DIR:-$ROOT/target}/debug/siap}"
SCHEMATHESIS="$SIAP_TOOLS/venv/bin/schemathesis"
PORT="${SIAP_API_CONTRACT_PORT:-3110}"
WORK="$(mktemp -d)"
REPORT_DIR="$ROOT/target/test-logs/schemathesis"
mkdir -p "$REPORT_DIR"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

[ -x "$SIAP" ] || { echo "no siap binary at $SIAP (build it first)" >&2; exit 1; }
[ -x "$SCHEMATHESIS" ] || { echo "no schemathesis at $SCHEMATHESIS (scripts/bootstrap.sh installs it)" >&2; exit 1; }

export DATABASE_URL="sqlite://$WORK/siap.db"
export SIAP_DEMO=true
export SIAP_BIND="127.0.0.1:$PORT"
export LEPTOS_SITE_ROOT="$ROOT/target/site"
export SIAP_LOG="${SIAP_LOG:-warn}"
"$SIAP" migrate
printf 'api-contract-password-%s\n' "$RANDOM$RANDOM" \
  | "$SIAP" create-admin --username api-admin --display-name "API contract" --password-stdin
TOKEN="$("$SIAP" create-api-token --username api-admin --name schemathesis)"

"$SIAP" serve > "$REPORT_DIR/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$REPORT_DIR/server.log" >&2; exit 1; }
  sleep 1
done

# Deterministic, so a failure reproduces; examples from the document, its boundary values and
# random (valid and invalid) inputs for every operation. Run from the scratch folder, where
# Schemathesis keeps its cache.
cd "$WORK"
"$SCHEMATHESIS" run "http://127.0.0.1:$PORT/api/v1/openapi.json" \
  --header "Authorization: Bearer $TOKEN" \
  --checks not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance \
  --phases examples,coverage,fuzzing \
  --max-examples "${SIAP_API_CONTRACT_EXAMPLES:-30}" \
  --seed 20261130 \
  --workers 2 \
  --rate-limit auto \
  --request-timeout 30 \
  --no-color \
  --report junit --report-dir "$REPORT_DIR"
