#!/usr/bin/env bash
# The browser suite as CTest runs it: run.sh TONGBAN_BINARY [TEST_FILE...]
#   1. makes sure node_modules is installed (npm ci from package-lock.json, only when missing or stale),
#   2. creates a fresh node in a temp dir and its staff accounts with `tongban account add` ($TONGBAN_PASSWORD), and
#      one kiosk with `tongban kiosk add` (its device key in $TONGBAN_E2E_KIOSK_KEY) and one for video help
#      ($TONGBAN_E2E_VIDEO_KIOSK_KEY),
#   3. starts `tongban serve` on a free loopback port (kiosk visits idle after 30 s) and waits until it answers,
#   4. runs the *.test.mjs files with node's test runner (each drives Debian's chromium through playwright-core),
#   5. stops the node (SIGTERM) and removes the temp dir whatever happened (EXIT trap; every step has its own time
#      limit, multiplied by TONGBAN_TIMEOUT_SCALE, which the sanitize build sets); a node that does not exit cleanly
#      (for instance a sanitizer's report at exit) fails the run.
# TONGBAN_SCREENSHOTS=1 makes the flows write docs/screenshots/*.png.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
scale=${TONGBAN_TIMEOUT_SCALE:-1}
tongban=$(realpath "${1:?usage: run.sh TONGBAN_BINARY [TEST_FILE...]}")
shift
[ -x "$tongban" ] || { echo "e2e: $tongban is not an executable"; exit 1; }
[ -x /usr/bin/chromium ] || { echo "e2e: /usr/bin/chromium is missing; run scripts/install-deps.sh"; exit 1; }
command -v node > /dev/null || { echo "e2e: node is missing"; exit 1; }

"$here/ensure-modules.sh"

work=$(mktemp -d /tmp/tongban-e2e.XXXXXX)
server_pid=""
cleanup() {
  status=$?
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2> /dev/null; then
    kill -TERM "$server_pid" 2> /dev/null || true
    for _ in $(seq 1 $((50 * scale))); do kill -0 "$server_pid" 2> /dev/null || break; sleep 0.2; done
    kill -KILL "$server_pid" 2> /dev/null || true
    server_status=0
    wait "$server_pid" 2> /dev/null || server_status=$?
    if [ "$server_status" -ne 0 ] && [ "$status" -eq 0 ]; then
      echo "e2e: the node did not exit cleanly after SIGTERM (exit $server_status)"
      status=1
    fi
  fi
  if [ "$status" -ne 0 ] && [ -f "$work/serve.log" ]; then
    echo "e2e: last lines of the node's log:"; tail -n 30 "$work/serve.log"
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

data="$work/node"
mkdir -m 700 "$data"  # a new node: commands other than serve --init open an existing data directory only
export TONGBAN_PASSWORD="e2e-Staff-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
timeout $((120 * scale)) "$tongban" account add --data-dir "$data" --role clerk --login clerk@e2e.tongban \
  --name "E2E window clerk" --service-point JM-WIN-CITY > "$work/accounts.log" 2>&1 ||
  { cat "$work/accounts.log"; exit 1; }
timeout $((60 * scale)) "$tongban" account add --data-dir "$data" --role reviewer --login reviewer@e2e.tongban \
  --name "E2E reviewer" --authority JM-CA >> "$work/accounts.log" 2>&1 ||
  { cat "$work/accounts.log"; exit 1; }
export TONGBAN_E2E_STAFF_PASSWORD="$TONGBAN_PASSWORD"
unset TONGBAN_PASSWORD
# The kiosk the kiosk flow enrols (its device key is printed once) and its short inactivity timeout.
timeout 60 "$tongban" kiosk add --data-dir "$data" --service-point JM-WIN-CITY --name "E2E kiosk" \
  > "$work/kiosk.log" 2>&1 || { cat "$work/kiosk.log"; exit 1; }
TONGBAN_E2E_KIOSK_KEY=$(sed -n 's/^device key.*: \(tb_[A-Za-z0-9_-]*\)$/\1/p' "$work/kiosk.log")
[ -n "$TONGBAN_E2E_KIOSK_KEY" ] || { echo "e2e: no device key from tongban kiosk add"; cat "$work/kiosk.log"; exit 1; }
export TONGBAN_E2E_KIOSK_KEY
# A second kiosk for the video-help flow (videohelp.test.mjs): a device key enrols one browser only.
timeout 60 "$tongban" kiosk add --data-dir "$data" --service-point JM-WIN-CITY --name "E2E video kiosk" \
  > "$work/video-kiosk.log" 2>&1 || { cat "$work/video-kiosk.log"; exit 1; }
TONGBAN_E2E_VIDEO_KIOSK_KEY=$(sed -n 's/^device key.*: \(tb_[A-Za-z0-9_-]*\)$/\1/p' "$work/video-kiosk.log")
[ -n "$TONGBAN_E2E_VIDEO_KIOSK_KEY" ] || { echo "e2e: no device key for the video kiosk"; exit 1; }
export TONGBAN_E2E_VIDEO_KIOSK_KEY
export TONGBAN_E2E_KIOSK_IDLE_SECONDS=30

"$tongban" serve --data-dir "$data" --listen 127.0.0.1:0 --kiosk-idle-seconds "$TONGBAN_E2E_KIOSK_IDLE_SECONDS" \
  > "$work/serve.log" 2>&1 &
server_pid=$!
base=""
for _ in $(seq 1 $((600 * scale))); do
  base=$(sed -n 's/.*listening on \(http:\/\/127\.0\.0\.1:[0-9]*\).*/\1/p' "$work/serve.log" | head -n 1)
  [ -n "$base" ] && break
  kill -0 "$server_pid" 2> /dev/null || { echo "e2e: the node exited"; cat "$work/serve.log"; exit 1; }
  sleep 0.2
done
[ -n "$base" ] || { echo "e2e: the node did not start within $((120 * scale)) s"; exit 1; }
echo "e2e: node at $base (data in $data)"

export TONGBAN_E2E_URL="$base"
cd "$here"
if [ $# -eq 0 ]; then set -- *.test.mjs; fi
started=$(date +%s)
timeout --kill-after=10 $((600 * scale)) node --test --test-concurrency=2 --test-timeout=$((300000 * scale)) "$@"
echo "e2e: browser suite took $(( $(date +%s) - started )) s"
