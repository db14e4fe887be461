#!/usr/bin/env bash
# The canvas benchmark in one command (issue 4, "Speed"; figures in docs/benchmarks.md):
# builds the UI, the app and the CLI, generates a map of 2,000 stake cards across 200 project
# frames, and measures dragging, panning and zooming in the real app (WebKitGTK under Xvfb, with
# WebKit's compositing off and on) and in headless Chromium against a fake IPC.
#
#   tests/e2e/bench/run.sh                      # everything, 3 runs of each scenario
#   tests/e2e/bench/run.sh --runs 5 --label quiet-machine
#   tests/e2e/bench/run.sh --targets webkit-off --frames 20 --cards 200
#   BENCH_SKIP_BUILD=1 tests/e2e/bench/run.sh   # measure the binaries already built
#
# Needs what tests/bootstrap.sh sets up, plus Debian's chromium and chromium-driver for the
# Chromium target (apt-get install chromium chromium-driver); without them that target is skipped.
# Prints a table of medians; all figures go to tests/e2e/artifacts/bench-<label>.json.
set -euo pipefail
cd "$(dirname "$0")/../../.."

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  npm --prefix ui run build
  cargo build -p stakemap-app -p stakemap-cli
fi

args=("$@")
if [[ " $* " != *" --targets "* ]]; then
  targets="webkit-off,webkit-on"
  if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
    targets+=",chromium"
  else
    echo "# chromium or chromedriver missing (apt-get install chromium chromium-driver): skipping that target"
  fi
  args+=(--targets "$targets")
fi
echo "# $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
exec node tests/e2e/bench/canvas-bench.mjs "${args[@]}"
