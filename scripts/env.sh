# Sourced by the project's scripts: picks the Rust toolchain and puts Siap's tools on PATH.
# Where Debian's rustc-web is installed (the offline wasm32 route of TOOLCHAIN.md) it is
# used for everything, server included, so one compiler builds both halves.
export SIAP_TOOLS="${SIAP_TOOLS:-/opt/siap-tools}"
if [ -x /usr/bin/rustc ] && [ -x /usr/bin/cargo ] && [ "${SIAP_RUST:-}" != rustup ]; then
  export SIAP_RUST=debian
  export RUSTUP_TOOLCHAIN=/usr
  case ":$PATH:" in *":$SIAP_TOOLS/bin:/usr/bin:"*) ;; *) export PATH="$SIAP_TOOLS/bin:/usr/bin:$PATH" ;; esac
else
  export SIAP_RUST=rustup
  case ":$PATH:" in *":$SIAP_TOOLS/bin:"*) ;; *) export PATH="$SIAP_TOOLS/bin:$PATH" ;; esac
fi
# cargo-leptos sets this at compile time and leptos reads it with option_env!: setting the same
# value for plain cargo commands keeps them from rebuilding leptos after each cargo-leptos run.
export LEPTOS_OUTPUT_NAME=siap
