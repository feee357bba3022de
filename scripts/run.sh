#!/usr/bin/env bash
# Builds Siap (release: the small WASM bundle phones download) and serves it at
# http://127.0.0.1:3000 on an SQLite file under ./data/ (created and migrated at start).
# Any variable from `siap --help` may be set first, e.g. DATABASE_URL=postgres://...
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/bootstrap.sh"
source "$ROOT/scripts/env.sh"
cd "$ROOT"
export DATABASE_URL="${DATABASE_URL:-sqlite://data/siap.db}"
# Demo mode fills an empty database with the demo organisation; SIAP_DEMO=false turns it off.
export SIAP_DEMO="${SIAP_DEMO:-true}"
exec cargo leptos serve --release
