#!/usr/bin/env bash
# Runs Stakemap's whole test suite, stopping at the first failing step: formatting, lints, the Rust
# tests, the UI's type check, lint and tests, the build of the UI and the binaries, and the
# end-to-end tests of the built app (under a virtual display when DISPLAY is unset).
# Set things up first with tests/bootstrap.sh.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in *":$cargo_bin:"*) ;; *) [ -d "$cargo_bin" ] && PATH="$cargo_bin:$PATH" ;; esac

for dir in ui tests/e2e; do
  if [ ! -d "$dir/node_modules" ]; then
    echo "run-all: $dir/node_modules is missing; run tests/bootstrap.sh first" >&2
    exit 1
  fi
done

xvfb_pid=""
xvfb_out=""
cleanup() {
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; wait "$xvfb_pid" 2>/dev/null || true; fi
  if [ -n "$xvfb_out" ]; then rm -f "$xvfb_out"; fi
}
trap cleanup EXIT

# A virtual display for the end-to-end tests, when there is no display.
start_display() {
  if [ -n "${DISPLAY:-}" ]; then
    echo "using DISPLAY=$DISPLAY"
    return
  fi
  command -v Xvfb >/dev/null || { echo "DISPLAY is unset and Xvfb is missing: run tests/bootstrap.sh" >&2; return 1; }
  xvfb_out="$(mktemp)"
  # -displayfd: Xvfb picks a free display and writes its number once it accepts clients.
  Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp 3>"$xvfb_out" 2>/dev/null &
  xvfb_pid=$!
  for _ in $(seq 100); do
    [ -s "$xvfb_out" ] && break
    kill -0 "$xvfb_pid" 2>/dev/null || { echo "Xvfb failed to start" >&2; return 1; }
    sleep 0.1
  done
  [ -s "$xvfb_out" ] || { echo "Xvfb did not start within 10 s" >&2; return 1; }
  DISPLAY=":$(head -n1 "$xvfb_out")"
  export DISPLAY
  echo "started Xvfb on DISPLAY=$DISPLAY"
}

e2e() {
  start_display || return 1
  npm --prefix tests/e2e test
}

steps=(
  "Rust formatting|cargo fmt --all -- --check"
  "UI build (embedded by the app crate)|npm --prefix ui run build"
  "Clippy|cargo clippy --workspace --all-targets -- -D warnings"
  "Rust tests|cargo test --workspace"
  "Fuzzing the import parsers (20 s each)|tests/fuzz.sh"
  "UI type check|npm --prefix ui run typecheck"
  "UI lint|npm --prefix ui run lint"
  "UI tests|npm --prefix ui test"
  "App and CLI build|cargo build -p stakemap-app -p stakemap-cli"
  "End-to-end tests|e2e"
)

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

suite_start=$(now)
timings=()
total=${#steps[@]}
n=0
for step in "${steps[@]}"; do
  n=$((n + 1))
  name="${step%%|*}"
  command="${step#*|}"
  printf '\n======== [%d/%d] %s: %s\n' "$n" "$total" "$name" "$command"
  start=$(now)
  status=0
  $command || status=$?
  took=$(elapsed "$start" "$(now)")
  if [ "$status" -ne 0 ]; then
    printf '\n######## FAILED [%d/%d] %s (exit %d, %s s): %s\n' "$n" "$total" "$name" "$status" "$took" "$command" >&2
    exit "$status"
  fi
  timings+=("$(printf '%8s s  %s' "$took" "$name")")
  printf -- '-------- ok: %s (%s s)\n' "$name" "$took"
done

printf '\n======== step timings\n'
printf '%s\n' "${timings[@]}"
printf '%8s s  total\n' "$(elapsed "$suite_start" "$(now)")"
echo "suite: all $total steps passed"
