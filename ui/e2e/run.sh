#!/usr/bin/env bash
# Runs the end-to-end suites against a built app, each on a fresh database.
#
#   ui/e2e/run.sh [APP] [CLI]
#
# APP defaults to target/debug/cpweek-desktop and CLI to target/debug/cpweek
# (build them first: npm --prefix ui run build && cargo build). Needs
# tauri-driver (cargo install tauri-driver --version ^2 --locked),
# WebKitWebDriver (Debian: webkit2gtk-driver) and, with no DISPLAY, Xvfb.
# Screenshots go to target/screenshots/. The suites are app.test.mjs,
# attendance.test.mjs, people.test.mjs, programme.test.mjs, releases.test.mjs,
# review.test.mjs, packs.test.mjs, practice.test.mjs and toolkit.test.mjs
# (E2E_SUITES="attendance" runs one of them). Ports:
# E2E_PORT (default 4444) and E2E_NATIVE_PORT (default 4445); E2E_DISPLAY
# picks the Xvfb display (:99).
# The set-up is ui/e2e/env.sh, shared with bench.sh.
set -euo pipefail

here="$(dirname "$0")"
app="$(realpath -m "${1:-$here/../../target/debug/cpweek-desktop}")"
cli="$(realpath -m "${2:-$here/../../target/debug/cpweek}")"
source "$here/env.sh"

export CPWEEK_APP="$app" CPWEEK_CLI="$cli"
export WEBDRIVER_URL="http://127.0.0.1:$port/"
export SCREENSHOTS="$root/target/screenshots"

# Each suite on a fresh database of its own, made and seeded by the CLI,
# with tauri-driver (and so the app) started afresh to open that file.
# E2E_SUITES chooses which run (default: all, in this order).
status=0
for suite in ${E2E_SUITES:-app attendance people programme releases review packs practice toolkit}; do
  export CPWEEK_DB="$work/$suite.db"
  "$cli" init >/dev/null
  start_driver
  suite_status=0
  node --test --test-reporter=spec "$root/ui/e2e/$suite.test.mjs" || suite_status=$?
  if [ "$suite_status" -ne 0 ]; then
    status=$suite_status
    echo "--- tauri-driver log ($suite) ---" >&2
    tail -n 40 "$work/tauri-driver.log" >&2 || true
  fi
  stop_driver
done
exit "$status"
