#!/bin/sh
# tongban carrier-simulator refuses a mistyped command line before sending anything (exit 2): a secret file that is
# missing, readable by others or too short, an item id that is not S10, an unknown route, a node that is not on
# loopback; a node that does not answer fails the run (exit 1) after a few tries. Its whole run against real nodes is
# in the demo's walk-through (scripts/demo/walk-through.sh, step 5).
# Usage: carrier_simulator_cli_test.sh PATH/TO/tongban
set -eu
TONGBAN=$(realpath "$1")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
SECRET="$WORK/sim-post.secret"
(umask 077 && echo 0123456789abcdef0123456789abcdef > "$SECRET")
ITEM=RR000000014MO

expect_exit() {
  want=$1
  shift
  status=0
  "$TONGBAN" carrier-simulator "$@" > "$WORK/out" 2>&1 || status=$?
  [ "$status" -eq "$want" ] || fail "carrier-simulator $*: exit $status, not $want: $(cat "$WORK/out")"
}

expect_exit 2 --node http://127.0.0.1:9 --secret-file "$WORK/no-such.secret" --item $ITEM
grep -q "no such file" "$WORK/out" || fail "missing secret file not named: $(cat "$WORK/out")"
[ -e "$WORK/no-such.secret" ] && fail "a mistyped secret path was created"
(umask 022 && echo 0123456789abcdef0123456789abcdef > "$WORK/public.secret")
expect_exit 2 --node http://127.0.0.1:9 --secret-file "$WORK/public.secret" --item $ITEM
grep -q "0600" "$WORK/out" || fail "a public secret file is not explained: $(cat "$WORK/out")"
(umask 077 && echo short > "$WORK/short.secret")
expect_exit 2 --node http://127.0.0.1:9 --secret-file "$WORK/short.secret" --item $ITEM
expect_exit 2 --node http://127.0.0.1:9 --secret-file "$SECRET" --item RR000000015MO
grep -q "S10" "$WORK/out" || fail "a bad check digit is not explained: $(cat "$WORK/out")"
expect_exit 2 --node http://127.0.0.1:9 --secret-file "$SECRET" --item $ITEM --route scenic
expect_exit 2 --node http://192.0.2.1:8080 --secret-file "$SECRET" --item $ITEM
expect_exit 2 --node https://127.0.0.1:8443 --secret-file "$SECRET" --item $ITEM
expect_exit 2 --node http://127.0.0.1:9 --secret-file "$SECRET" --item $ITEM --carrier Sim_Post
"$TONGBAN" carrier-simulator --help | grep -q -- "--secret-file" || fail "--help does not name --secret-file"
# Nothing listens on port 9 (discard) here: four tries, then exit 1 naming the node.
expect_exit 1 --node http://127.0.0.1:9 --secret-file "$SECRET" --item $ITEM --interval-ms 0
grep -q "does not answer" "$WORK/out" || fail "an unreachable node is not reported: $(cat "$WORK/out")"
echo "carrier simulator CLI: ok"
