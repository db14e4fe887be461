#!/usr/bin/env bash
# Fuzzes Stakemap's import parsers (Stakemap JSON, contacts CSV, vCard) briefly with cargo-fuzz
# (libFuzzer), starting from the malformed-file corpus in src-tauri/core/tests/corpus/. Fails when
# a target panics or crashes; the input that did it is left in src-tauri/core/fuzz/artifacts/.
#
#   tests/fuzz.sh                                   # every target, FUZZ_SECONDS (default 20) each
#   FUZZ_RELEASE=1 FUZZ_SECONDS=600 tests/fuzz.sh fuzz_csv   # a long optimised run of one target
#
# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP=1 enables them on the stable toolchain.
# Without sanitizers: the parsers are safe Rust (unsafe code is forbidden in the core). The short
# CI run uses an unoptimised build, which compiles in about a quarter of the time of an optimised
# one (3 min against 12 on a busy 2-core machine) and still runs thousands of inputs a second;
# FUZZ_RELEASE=1 builds optimised for long runs.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in *":$cargo_bin:"*) ;; *) [ -d "$cargo_bin" ] && PATH="$cargo_bin:$PATH" ;; esac

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

seconds="${FUZZ_SECONDS:-20}"
profile=(--dev)
[ "${FUZZ_RELEASE:-0}" = 1 ] && profile=()
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_json fuzz_csv fuzz_vcard)

export RUSTC_BOOTSTRAP=1
cd "$root/src-tauri/core"
corpus_of() {
  case "$1" in
    fuzz_json) echo tests/corpus/json ;;
    fuzz_csv) echo tests/corpus/csv ;;
    fuzz_vcard) echo tests/corpus/vcard ;;
  esac
}

echo "fuzz: building the targets"
cargo fuzz build "${profile[@]}" --sanitizer none

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
for target in "${targets[@]}"; do
  work="fuzz/corpus/$target"
  mkdir -p "$work"
  echo "fuzz: $target for ${seconds}s"
  status=0
  cargo fuzz run "${profile[@]}" --sanitizer none "$target" "$work" "$(corpus_of "$target")" -- \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 >"$log" 2>&1 || status=$?
  grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)' "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 40 "$log" >&2
    echo "fuzz: $target FAILED (exit $status); the input is in src-tauri/core/fuzz/artifacts/$target/" >&2
    exit 1
  fi
done
echo "fuzz: all targets ran without a crash"
