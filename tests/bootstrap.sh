#!/usr/bin/env bash
# Sets up what Stakemap needs to build, run and test on Debian or Ubuntu, skipping whatever is
# already there: system packages (apt), tauri-driver, the npm packages of ui/ and tests/e2e/, and
# the built UI. Safe to run again.
#
#   tests/bootstrap.sh                  set up
#   tests/bootstrap.sh --launch [MAP]   set up, then build and start the app (on MAP if given)
#
# Needs Rust (rustup) and Node 20.19+ with npm; runs apt-get as root or through sudo.
set -euo pipefail

usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
}

launch=0
app_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --launch) launch=1 ;;
    -h | --help)
      usage
      exit 0
      ;;
    --) shift; app_args+=("$@"); break ;;
    -*)
      echo "bootstrap: unknown option $1" >&2
      usage >&2
      exit 2
      ;;
    *) app_args+=("$1") ;;
  esac
  shift
done
if [ "$launch" = 0 ] && [ ${#app_args[@]} -gt 0 ]; then
  echo "bootstrap: a map argument only goes with --launch" >&2
  exit 2
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in *":$cargo_bin:"*) ;; *) [ -d "$cargo_bin" ] && PATH="$cargo_bin:$PATH" ;; esac

say() { printf '\n==> %s\n' "$*"; }
fail() {
  printf '\nbootstrap: %s\n' "$*" >&2
  exit 1
}

# --- Rust and Node: prerequisites, not installed here ----------------------------------------
command -v cargo >/dev/null ||
  fail "cargo not found. Install Rust with rustup (https://rustup.rs), then open a new shell or run: . \"\$HOME/.cargo/env\""
{ command -v node >/dev/null && command -v npm >/dev/null; } ||
  fail "node/npm not found. Install Node.js 20.19 or newer (with npm), e.g. from https://nodejs.org or your package manager."
node -e '
  const [major, minor] = process.versions.node.split(".").map(Number);
  process.exit(major > 20 || (major === 20 && minor >= 19) ? 0 : 1);
' || fail "Node.js $(node --version) is too old: Stakemap needs 20.19 or newer."

# --- System packages ---------------------------------------------------------------------------
apt_packages=(
  build-essential pkg-config curl file
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev librsvg2-bin
  webkit2gtk-driver xvfb xauth imagemagick python3-xlib
)
say "System packages"
missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "all ${#apt_packages[@]} present"
else
  command -v apt-get >/dev/null ||
    fail "missing ${missing[*]}, and there is no apt-get here: install the equivalents with your package manager (see README.md)."
  if [ "$(id -u)" -eq 0 ]; then
    sudo=()
  elif command -v sudo >/dev/null; then
    # Without a terminal (CI) sudo must not wait for a password nobody can type.
    if [ -t 0 ]; then sudo=(sudo); else sudo=(sudo -n); fi
  else
    fail "missing ${missing[*]}; run this script as root, or install sudo."
  fi
  echo "installing: ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

# --- tauri-driver (drives the app for the end-to-end tests) ---------------------------------
say "tauri-driver 2.1.0"
if cargo install --list | grep -q '^tauri-driver v2\.1\.0:'; then
  echo "present"
else
  cargo install tauri-driver --version 2.1.0 --locked
fi

# --- cargo-fuzz (tests/fuzz.sh fuzzes the import parsers) ----------------------------------
say "cargo-fuzz"
if cargo fuzz --version >/dev/null 2>&1; then
  echo "present"
else
  cargo install cargo-fuzz --locked
fi

# --- npm packages: `npm ci` when package.json or the lockfile changed since the last install ---
npm_ci() {
  local dir="$1"
  shift
  local stamp="$dir/node_modules/.bootstrap-stamp"
  local hidden="$dir/node_modules/.package-lock.json"
  local want
  want="$(cat "$dir/package.json" "$dir/package-lock.json" | sha256sum | cut -d' ' -f1) $(node --version)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "$dir: up to date"
    return
  fi
  # Installed by hand since the lockfile last changed, and complete: adopt it rather than reinstall.
  if [ ! -f "$stamp" ] && [ "$hidden" -nt "$dir/package-lock.json" ] && [ "$hidden" -nt "$dir/package.json" ] &&
    (cd "$dir" && npm ls --all >/dev/null 2>&1); then
    echo "$want" >"$stamp"
    echo "$dir: up to date (installed earlier)"
    return
  fi
  if ! (cd "$dir" && npm ci --no-audit --no-fund "$@"); then
    # npm ci also wants every platform's optional packages in the lockfile (npm/cli#4828); a
    # lockfile made where some are unavailable lacks them. npm install keeps the locked versions
    # and, with --no-save, leaves the lockfile as it is.
    echo "$dir: npm ci failed; installing the locked versions with npm install --no-save instead"
    (cd "$dir" && npm install --no-save --no-audit --no-fund "$@")
  fi
  echo "$want" >"$stamp"
}
say "npm packages"
npm_ci ui
# The e2e packages need no install scripts (the only ones would fetch browser drivers we never use).
npm_ci tests/e2e --ignore-scripts

# --- The UI, which the app embeds when it is compiled ----------------------------------------
say "Building the UI (ui/dist)"
npm --prefix ui run build

if [ "$launch" = 0 ]; then
  say "Ready. Start the app with: cargo run -p stakemap-app   Run the tests with: tests/run-all.sh"
  exit 0
fi

# --- --launch ----------------------------------------------------------------------------------
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  fail "everything is set up, but there is no display to show the app on (neither DISPLAY nor WAYLAND_DISPLAY is set).
Run this from a desktop session, over 'ssh -X', or under a virtual display:
  xvfb-run -a tests/bootstrap.sh --launch"
fi
say "Building and starting the app (the first build takes several minutes)"
exec cargo run -p stakemap-app -- "${app_args[@]}"
