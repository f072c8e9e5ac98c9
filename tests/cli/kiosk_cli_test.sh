#!/bin/sh
# tongban kiosk add | list | revoke, end to end with the real binary: a kiosk at one of the node's service points
# gets a device key printed once and stored only as its SHA-256; an unknown or foreign service point, an empty name
# and an unknown kiosk are refused with exit code 2 and change nothing; revoke shows in the list. A cabin device
# (--kind cabin) is registered only at a service point of kind cabin, a kiosk only at a point with the kiosk channel.
# Usage: kiosk_cli_test.sh PATH/TO/tongban
set -eu
TONGBAN=$(realpath "$1")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
D="$WORK/node"
mkdir "$D"  # a new node: commands other than serve --init open an existing data directory only

"$TONGBAN" kiosk add --data-dir "$D" --service-point JM-WIN-CITY --name "Hall A" >"$WORK/add.out" 2>/dev/null
grep -q '^added kiosk KIOSK-JM-WIN-CITY-1 "Hall A" at JM-WIN-CITY$' "$WORK/add.out" ||
  fail "no added line: $(cat "$WORK/add.out")"
KEY=$(sed -n 's/^device key.*: \(tb_[A-Za-z0-9_-]*\)$/\1/p' "$WORK/add.out")
[ ${#KEY} -eq 46 ] || fail "the device key is not a 46-character token: '$KEY'"
grep -q "$KEY" "$D/tongban.db" && fail "the device key itself is in the database"
[ "$(stat -c %a "$D/tongban.db")" = 600 ] || fail "the database is not 0600"

for bad in "--service-point NO-SUCH-POINT --name X" "--service-point MO-WIN-CSR --name X" \
  "--service-point JM-WIN-CITY --name ''" "--service-point JM-WIN-CITY --name X --kind cabin" \
  "--service-point JM-POST-PENGJIANG --name X" "--service-point JM-CABIN-TAISHAN --name X --kind booth"; do
  status=0
  eval "\"$TONGBAN\" kiosk add --data-dir \"$D\" $bad" >/dev/null 2>&1 || status=$?
  [ "$status" -eq 2 ] || fail "kiosk add $bad: exit $status, not 2"
done
[ "$("$TONGBAN" kiosk list --data-dir "$D" 2>/dev/null | wc -l)" -eq 1 ] || fail "a refused kiosk was added"
LISTED="KIOSK-JM-WIN-CITY-1	JM-WIN-CITY	kiosk"
"$TONGBAN" kiosk list --data-dir "$D" 2>/dev/null | grep -q "^$LISTED	waiting for enrolment	Hall A$" ||
  fail "list: $("$TONGBAN" kiosk list --data-dir "$D" 2>/dev/null)"

status=0
"$TONGBAN" kiosk revoke --data-dir "$D" KIOSK-NOPE >/dev/null 2>&1 || status=$?
[ "$status" -eq 2 ] || fail "revoking an unknown kiosk: exit $status, not 2"
"$TONGBAN" kiosk revoke --data-dir "$D" KIOSK-JM-WIN-CITY-1 >/dev/null 2>&1
"$TONGBAN" kiosk list --data-dir "$D" 2>/dev/null | grep -q "^$LISTED	revoked	Hall A$" ||
  fail "revoked kiosk not listed as revoked"
"$TONGBAN" kiosk add --data-dir "$D" --service-point JM-WIN-CITY --name "Hall B" 2>/dev/null |
  grep -q "KIOSK-JM-WIN-CITY-2" ||
  fail "the second kiosk at the point is not number 2"
"$TONGBAN" kiosk add --data-dir "$D" --service-point JM-CABIN-TAISHAN --name "Cabin 1" --kind cabin \
  >"$WORK/cabin.out" 2>/dev/null
grep -q '^added cabin CABIN-JM-CABIN-TAISHAN-1 "Cabin 1" at JM-CABIN-TAISHAN$' "$WORK/cabin.out" ||
  fail "no added cabin line: $(cat "$WORK/cabin.out")"
CABIN_KEY=$(sed -n 's/^device key.*: \(tb_[A-Za-z0-9_-]*\)$/\1/p' "$WORK/cabin.out")
[ ${#CABIN_KEY} -eq 46 ] || fail "the cabin's device key is not a 46-character token: '$CABIN_KEY'"
grep -q "$CABIN_KEY" "$D/tongban.db" && fail "the cabin's device key itself is in the database"
"$TONGBAN" kiosk list --data-dir "$D" 2>/dev/null |
  grep -q "^CABIN-JM-CABIN-TAISHAN-1	JM-CABIN-TAISHAN	cabin	waiting for enrolment	Cabin 1$" ||
  fail "cabin not listed: $("$TONGBAN" kiosk list --data-dir "$D" 2>/dev/null)"
"$TONGBAN" kiosk revoke --data-dir "$D" CABIN-JM-CABIN-TAISHAN-1 >/dev/null 2>&1
"$TONGBAN" kiosk list --data-dir "$D" 2>/dev/null | grep -q "^CABIN-JM-CABIN-TAISHAN-1	JM-CABIN-TAISHAN	cabin	revoked	" ||
  fail "revoked cabin not listed as revoked"
echo "kiosk CLI: ok"
