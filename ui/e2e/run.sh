#!/usr/bin/env bash
# Runs the end-to-end suite against a built app on a fresh database.
#
#   ui/e2e/run.sh [APP] [CLI]
#
# APP defaults to target/debug/cpweek-desktop and CLI to target/debug/cpweek
# (build them first: npm --prefix ui run build && cargo build). Needs
# tauri-driver (cargo install tauri-driver --version ^2 --locked),
# WebKitWebDriver (Debian: webkit2gtk-driver) and, with no DISPLAY, Xvfb.
# Screenshots go to target/screenshots/. Ports: E2E_PORT (default 4444) and
# E2E_NATIVE_PORT (default 4445); E2E_DISPLAY picks the Xvfb display (:99).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
app="$(realpath "${1:-$root/target/debug/cpweek-desktop}")"
cli="$(realpath "${2:-$root/target/debug/cpweek}")"
port="${E2E_PORT:-4444}"
native_port="${E2E_NATIVE_PORT:-4445}"
for f in "$app" "$cli"; do
  [ -x "$f" ] || { echo "error: $f is not a built binary" >&2; exit 2; }
done
command -v tauri-driver >/dev/null || { echo "error: tauri-driver is not installed: cargo install tauri-driver --version ^2 --locked" >&2; exit 2; }
command -v WebKitWebDriver >/dev/null || { echo "error: WebKitWebDriver is not installed (Debian package webkit2gtk-driver)" >&2; exit 2; }

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${DISPLAY:-}" ]; then
  export DISPLAY="${E2E_DISPLAY:-:99}"
  Xvfb "$DISPLAY" -screen 0 1366x900x24 >"$work/xvfb.log" 2>&1 &
  pids+=($!)
  sleep 1
fi

# A fresh database, made and seeded by the CLI; the app opens the same file.
export CPWEEK_DB="$work/cpweek.db"
"$cli" init >/dev/null

tauri-driver --port "$port" --native-port "$native_port" >"$work/tauri-driver.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  sleep 0.2
done

export CPWEEK_APP="$app" CPWEEK_CLI="$cli"
export WEBDRIVER_URL="http://127.0.0.1:$port/"
export SCREENSHOTS="$root/target/screenshots"
status=0
node --test --test-reporter=spec "$root/ui/e2e/app.test.mjs" || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- tauri-driver log ---" >&2
  tail -n 40 "$work/tauri-driver.log" >&2 || true
fi
exit "$status"
