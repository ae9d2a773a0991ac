# The set-up the end-to-end suite (run.sh) and the benchmark (bench.sh)
# share; sourced, not run. Before sourcing, set `app` and `cli` to the
# binaries; afterwards:
#   - both are checked to be built, and tauri-driver and WebKitWebDriver
#     to be installed (exit 2 with what to install otherwise);
#   - `root` is the repository, `work` a temporary folder removed on exit,
#     `port` and `native_port` tauri-driver's ports (E2E_PORT, default
#     4444; E2E_NATIVE_PORT, default 4445);
#   - with no DISPLAY, Xvfb runs on E2E_DISPLAY (default :99) and DISPLAY
#     names it;
#   - start_driver [ENV=VALUE...] starts tauri-driver (with those variables
#     set for the app it launches), waits until it listens and sets
#     `driver` to its pid; stop_driver stops it. Whatever was started is
#     stopped on exit.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
port="${E2E_PORT:-4444}"
native_port="${E2E_NATIVE_PORT:-4445}"

for f in "$app" "$cli"; do
  [ -x "$f" ] || { echo "error: $f is not a built binary" >&2; exit 2; }
done
command -v tauri-driver >/dev/null || { echo "error: tauri-driver is not installed: cargo install tauri-driver --version ^2 --locked" >&2; exit 2; }
command -v WebKitWebDriver >/dev/null || { echo "error: WebKitWebDriver is not installed (Debian package webkit2gtk-driver)" >&2; exit 2; }

work="$(mktemp -d)"
pids=()
driver=""
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

start_driver() {
  env "$@" tauri-driver --port "$port" --native-port "$native_port" >"$work/tauri-driver.log" 2>&1 &
  driver=$!
  pids+=("$driver")
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "error: tauri-driver did not listen on port $port within 20 seconds" >&2
  tail -n 20 "$work/tauri-driver.log" >&2 || true
  exit 1
}

stop_driver() {
  kill "$driver" 2>/dev/null || true
  wait "$driver" 2>/dev/null || true
}
