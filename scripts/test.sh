#!/usr/bin/env bash
# Runs every test: formatting and lints, unit and integration tests on SQLite and PostgreSQL,
# and the browser tests against the release build. Exits non-zero on any failure.
#
# PostgreSQL: SIAP_TEST_POSTGRES_URL names a server where tests may create and drop
# databases; if unset, a server answering on 127.0.0.1:5432 is used. Under CI=true the
# PostgreSQL and browser tests are mandatory.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/bootstrap.sh"
source "$ROOT/scripts/env.sh"
cd "$ROOT"

step() { printf '\n== %s\n' "$*"; }
LOG_DIR="$ROOT/target/test-logs"
mkdir -p "$ROOT/target"
mkdir -p "$LOG_DIR"

if [ -z "${SIAP_TEST_POSTGRES_URL:-}" ] && pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  export SIAP_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:5432/postgres"
fi
if [ "${CI:-}" = true ] && [ -z "${SIAP_TEST_POSTGRES_URL:-}" ]; then
  echo "CI: no PostgreSQL to test against (set SIAP_TEST_POSTGRES_URL)" >&2
  exit 1
fi

step "formatting"
cargo fmt --all --check

step "lints (server side, and the browser side for wasm32)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p app --lib --no-default-features --features hydrate --target wasm32-unknown-unknown -- -D warnings

step "unit and integration tests (SQLite and PostgreSQL)"
cargo test --workspace --no-fail-fast 2>&1 | tee "$LOG_DIR/cargo-test.log"
sqlite_runs=$(grep -cE '^test .*sqlite::.* \.\.\. ok$' "$LOG_DIR/cargo-test.log" || true)
postgres_runs=$(grep -cE '^test .*postgres::.* \.\.\. ok$' "$LOG_DIR/cargo-test.log" || true)
postgres_skips=$(grep -c 'skipping a PostgreSQL test' "$LOG_DIR/cargo-test.log" || true)
cargo_passed=$(awk '/^test result:/ {for (i=1;i<=NF;i++) if ($i ~ /^passed;?$/) s+=$(i-1)} END {print s+0}' "$LOG_DIR/cargo-test.log")
echo "database engines: ${sqlite_runs} tests passed on SQLite, $((postgres_runs - postgres_skips)) on PostgreSQL (${postgres_skips} skipped: no server)"
if [ "${CI:-}" = true ] && { [ "$postgres_runs" -eq 0 ] || [ "$postgres_skips" -ne 0 ]; }; then
  echo "CI: the PostgreSQL tests did not run" >&2
  exit 1
fi

# PostgreSQL stopped and started under a running server: alone, since it stops the local
# cluster that the tests above share. Only for a local cluster this script may restart.
local_postgres=false
case "${SIAP_TEST_POSTGRES_URL:-}" in
  *@127.0.0.1[:/]*|*@localhost[:/]*) local_postgres=true ;;
esac
if [ "$local_postgres" = true ] && [ "$(id -u)" -eq 0 ] && command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  step "PostgreSQL stopped and started under a running server"
  cargo test -p server --test http -- --ignored --exact \
    postgres_restart::postgres_down_answers_503_and_recovers --nocapture 2>&1 | tee "$LOG_DIR/postgres-restart.log"
  grep -q "test result: ok. 1 passed" "$LOG_DIR/postgres-restart.log" || {
    echo "the PostgreSQL restart test did not pass" >&2
    exit 1
  }
  cargo_passed=$((cargo_passed + 1))
elif [ "${CI:-}" = true ]; then
  echo "CI: the local PostgreSQL cannot be restarted here (root, pg_ctlcluster); the restart test did not run" >&2
  exit 1
fi

step "REST API against its OpenAPI document (Schemathesis, live server)"
cargo build -p server --bin siap
bash "$ROOT/scripts/api_contract.sh" "${CARGO_TARGET_DIR:-$ROOT/target}/debug/siap" 2>&1 | tee "$LOG_DIR/api-contract.log"
contract_passed=$(grep -oE '[0-9]+ passed' "$LOG_DIR/api-contract.log" | grep -oE '[0-9]+' | tail -1)
[ -n "$contract_passed" ] || { echo "Schemathesis reported nothing" >&2; exit 1; }
echo "api contract: ${contract_passed} Schemathesis test cases passed"
cargo_passed=$((cargo_passed + 1))

step "browser tests (Chromium) against the release build"
rm -rf end2end/screenshots
rm -rf target/e2e && mkdir -p target/e2e
DATABASE_URL="sqlite://$ROOT/target/e2e/siap.db" cargo leptos end-to-end --release 2>&1 | tee "$LOG_DIR/end2end.log"
browser_passed=$(grep -oE '^\s*[0-9]+ passed' "$LOG_DIR/end2end.log" | grep -oE '[0-9]+' | tail -1)
[ -n "$browser_passed" ] || { echo "the browser tests reported nothing" >&2; exit 1; }
wasm=$(ls target/site/pkg/siap*.wasm | head -1)
echo "release WASM: $(stat -c %s "$wasm") bytes raw, $(gzip -9c "$wasm" | wc -c) bytes gzip"
echo "browser: ${browser_passed} tests passed in Chromium"

printf '\ntotal: %s passed, 0 failed\n' "$((cargo_passed + browser_passed))"
