#!/usr/bin/env bash
# The README's curl tour ("A case from application to decision, with curl") cannot rot: its fenced sh block is taken
# from README.md as it is and run, twice, against a real `tongban demo` node on a free loopback port (B=… given in the
# environment, as the README says). Each run must end without error (the block runs under set -euo pipefail with
# curl --fail-with-body) and take its own case to `delivered`; the second finds the account registered already.
# Errors show as errors: against a node without the demo accounts the tour stops at the reviewer's sign-in, non-zero,
# with the node's problem+json on stderr.
set -euo pipefail
ROOT=$(cd "$1" && pwd)
TONGBAN=$2
WORK=$(mktemp -d)
NODE_PID=
cleanup() {
  if [ -n "$NODE_PID" ]; then kill -TERM "$NODE_PID" 2>/dev/null || true; wait "$NODE_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
# start_node LOG PATTERN COMMAND…: starts a node in the background, sets URL from the line PATTERN matches.
start_node() {
  local log=$1 pattern=$2
  shift 2
  "$TONGBAN" "$@" > "$log" 2>&1 &
  NODE_PID=$!
  URL=
  for _ in $(seq 1 600); do
    URL=$(sed -n "s/.* $pattern \(http:\/\/127\.0\.0\.1:[0-9]*\).*/\1/p" "$log" | head -n 1)
    [ -n "$URL" ] && return 0
    kill -0 "$NODE_PID" 2>/dev/null || fail "the node exited: $(tail -5 "$log")"
    sleep 0.2
  done
  fail "the node did not start"
}
stop_node() {
  kill -TERM "$NODE_PID"
  wait "$NODE_PID" || fail "the node did not stop cleanly"
  NODE_PID=
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [ -f "$WORK/node.log" ] && tail -20 "$WORK/node.log" >&2; exit 1; }

# The first ```sh block after the tour's heading, up to its closing fence.
awk '/^## A case from application to decision/ { section = 1; next }
     section && !inside && /^```sh$/ { inside = 1; next }
     inside && /^```$/ { exit }
     inside { print }' "$ROOT/README.md" > "$WORK/tour.sh"
[ -s "$WORK/tour.sh" ] || fail "no sh block under the tour's heading in README.md"
grep -q -- '--fail-with-body' "$WORK/tour.sh" || fail "the tour does not show errors as errors (curl --fail-with-body)"

start_node "$WORK/node.log" "is running at" demo --data-dir "$WORK/node" --listen 127.0.0.1:0

mkdir "$WORK/paste"
for run in first second; do
  (cd "$WORK/paste" && B=$URL bash "$WORK/tour.sh") > "$WORK/$run.out" 2>&1 ||
    { cat "$WORK/$run.out" >&2; fail "the $run paste of the tour failed"; }
  grep -q '"state":"delivered"' "$WORK/$run.out" || { cat "$WORK/$run.out" >&2; fail "$run paste: no delivered case"; }
done
grep -q "registered already" "$WORK/second.out" || fail "the second paste did not find the account registered"
FIRST=$(sed -n 's/^case \([^ ]*\) (the same request again: \([^)]*\))$/\1 \2/p' "$WORK/first.out")
SECOND=$(sed -n 's/^case \([^ ]*\) (the same request again: \([^)]*\))$/\1 \2/p' "$WORK/second.out")
read -r C1 AGAIN1 <<< "$FIRST"
read -r C2 AGAIN2 <<< "$SECOND"
[ -n "$C1" ] && [ "$C1" = "$AGAIN1" ] || fail "the repeated request made another case: $FIRST"
[ -n "$C2" ] && [ "$C2" = "$AGAIN2" ] && [ "$C1" != "$C2" ] || fail "the second paste did not file a case of its own: $SECOND"
stop_node

# A node without the demo accounts: the reviewer cannot sign in, and the tour says so and stops.
start_node "$WORK/bare.log" "listening on" serve --init --data-dir "$WORK/bare" --listen 127.0.0.1:0
status=0
(cd "$WORK/paste" && B=$URL bash "$WORK/tour.sh") > "$WORK/bare.out" 2> "$WORK/bare.err" || status=$?
[ "$status" -ne 0 ] || fail "the tour went on past a refused sign-in"
grep -q '"type":"/problems/unauthenticated"' "$WORK/bare.err" ||
  { cat "$WORK/bare.err" >&2; fail "the refused sign-in's problem+json is not shown"; }
if grep -q '"state"' "$WORK/bare.out"; then fail "the tour acted after the refused sign-in"; fi
echo "the README tour ran twice: cases $C1 and $C2 delivered"
