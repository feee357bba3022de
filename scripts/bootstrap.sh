#!/usr/bin/env bash
# Installs, once per machine, every tool Siap's build and tests need, and only what is
# missing: a second run finishes in seconds. Used by `scripts/run.sh` and `scripts/test.sh`.
# See ../shared/TOOLCHAIN.md for why the offline wasm32 route exists.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/env.sh
source "$ROOT/scripts/env.sh"

CARGO_LEPTOS_VERSION="0.3.11"
WASM_OPT_VERSION="0.116.1"
log() { printf '[bootstrap] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

APT_UPDATED=0
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ $APT_UPDATED = 0 ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  log "apt-get install ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# --- 0. basics a fresh Debian 12 may lack ------------------------------------------------
apt_install build-essential pkg-config ca-certificates git postgresql-client
command -v node >/dev/null || apt_install nodejs npm
if ! command -v cargo >/dev/null && ! [ -x /usr/bin/cargo ]; then
  apt_install rustc-web cargo-web rust-web-src lld-22
  unset SIAP_RUST
  source "$ROOT/scripts/env.sh"
fi

# --- 1. a Rust compiler that can target wasm32 ---------------------------------------------
wasm_target_ready() {
  [ -n "$(ls "$(rustc --print sysroot)/lib/rustlib/wasm32-unknown-unknown/lib/"libstd-*.rlib 2>/dev/null)" ]
}
# cargo-leptos 0.3.11's lockfile needs rustc >= 1.96; the project uses one compiler for both halves.
rustc_new_enough() { rustc --version | awk '{split($2,v,"."); exit !(v[1]>1 || (v[1]==1 && v[2]>=96))}'; }
if ! { rustc_new_enough && wasm_target_ready; }; then
  if [ "$SIAP_RUST" = rustup ] && rustc_new_enough && command -v rustup >/dev/null \
     && timeout 120 rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
    log "wasm32 target installed with rustup"
  else
    log "using Debian's rustc-web 1.96 and building the wasm32 std locally (TOOLCHAIN.md)"
    apt_install rustc-web cargo-web rust-web-src lld-22 rust-web-clippy rustfmt-web
    as_root apt-mark hold rustc-web cargo-web rust-web-src rust-web-llvm rust-web-clippy rustfmt-web >/dev/null 2>&1 || true
    unset SIAP_RUST
    source "$ROOT/scripts/env.sh"   # re-evaluate: /usr/bin/rustc now exists
    if ! wasm_target_ready; then
      tmp="$(mktemp -d)"
      mkdir -p "$tmp/src" && echo '' > "$tmp/src/lib.rs"
      cat > "$tmp/Cargo.toml" <<'TOML'
[package]
name = "siap_wasm_std_builder"
version = "0.0.0"
edition = "2021"
[lib]
crate-type = ["rlib"]
[profile.release]
panic = "abort"
TOML
      ( cd "$tmp" && RUSTC_BOOTSTRAP=1 RUSTFLAGS=-Cembed-bitcode=yes \
          cargo build --release --target wasm32-unknown-unknown \
          -Zbuild-std=std,panic_abort,panic_unwind,proc_macro,test )
      dest="$(rustc --print sysroot)/lib/rustlib/wasm32-unknown-unknown/lib"
      as_root mkdir -p "$dest"
      find "$tmp/target/wasm32-unknown-unknown/release/deps" -maxdepth 1 \
        \( -name 'lib*.rlib' -o -name 'lib*.rmeta' \) ! -name '*siap_wasm_std_builder*' \
        -exec cp {} "$dest/" \;
      rm -rf "$tmp"
      wasm_target_ready || { log "building the wasm32 std failed"; exit 1; }
    fi
  fi
fi
rustc_new_enough || { log "rustc >= 1.96 is required, found: $(rustc --version)"; exit 1; }
# The linters of the same compiler (the test command checks formatting and lints).
if [ "$SIAP_RUST" = debian ]; then apt_install rust-web-clippy rustfmt-web; fi

# --- 2. cargo tools, into $SIAP_TOOLS (kept out of ~/.cargo/bin so PATH order stays simple) --
# The tools' own release profile (fat LTO, one codegen unit) costs ~20 extra minutes on two
# cores for a build tool; a thin build is just as correct.
tool_install() { # name version [extra args...]
  local crate=$1 version=$2; shift 2
  log "cargo install $crate $version (first run on a machine: 15-40 minutes)"
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install --root "$SIAP_TOOLS" "$crate" --version "$version" "$@"
}
have_version() { "$1" --version 2>/dev/null | grep -q "$2"; }

have_version cargo-leptos "$CARGO_LEPTOS_VERSION" \
  || tool_install cargo-leptos "$CARGO_LEPTOS_VERSION" --locked --features no_downloads

# wasm-bindgen-cli must match the wasm-bindgen the lockfile pins, exactly.
WB_VERSION="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' "$ROOT/Cargo.lock" 2>/dev/null || true)"
WB_VERSION="${WB_VERSION:-0.2.130}"
# Its locked webpki-roots is not in the registry mirror: install without --locked.
have_version wasm-bindgen "$WB_VERSION" || tool_install wasm-bindgen-cli "$WB_VERSION"

# Debian's binaryen 108 builds modules that never hydrate; binaryen 116 from the crate works.
have_version wasm-opt "version 116" || tool_install wasm-opt "$WASM_OPT_VERSION"

# --- 3. browser, Node packages, Python for the reference statistics -----------------------
apt_install chromium sqlite3
if [ ! -d "$ROOT/end2end/node_modules/@playwright/test" ] || [ "$ROOT/end2end/package-lock.json" -nt "$ROOT/end2end/node_modules/.package-lock.json" ]; then
  log "npm ci in end2end/"
  ( cd "$ROOT/end2end" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error )
fi
# Schemathesis checks the REST API against its OpenAPI document (scripts/api_contract.sh).
SCHEMATHESIS_VERSION="4.32.5"
if ! "$SIAP_TOOLS/venv/bin/schemathesis" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  log "schemathesis $SCHEMATHESIS_VERSION from PyPI into $SIAP_TOOLS/venv"
  command -v python3 >/dev/null || apt_install python3
  python3 -m venv "$SIAP_TOOLS/venv" 2>/dev/null || { apt_install python3-venv; python3 -m venv "$SIAP_TOOLS/venv"; }
  "$SIAP_TOOLS/venv/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
log "tools ready"
