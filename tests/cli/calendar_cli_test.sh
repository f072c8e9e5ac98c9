#!/bin/sh
# tongban calendar show | import, end to end with the real binary: show says which years are official, provisional
# or missing and how long the calendar stays official; importing the 2027 notice alone replaces the provisional
# 2027 and keeps 2025-2026; a bad file is refused and changes nothing; --help explains the year statuses.
# Usage: calendar_cli_test.sh PATH/TO/tongban
set -eu
TONGBAN=$(realpath "$1")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
D="$WORK/node"
mkdir "$D"  # an empty folder is seeded; a missing one is refused (only serve --init creates one)

"$TONGBAN" calendar show CN-GD-JM --data-dir "$D" --today 2026-12-02 >"$WORK/show.out" 2>/dev/null ||
  fail "calendar show failed"
grep -q '^calendar of CN-GD-JM$' "$WORK/show.out" || fail "no title: $(head -3 "$WORK/show.out")"
grep -q '^  2025  official' "$WORK/show.out" || fail "2025 is not official"
grep -q '^  2026  official' "$WORK/show.out" || fail "2026 is not official"
grep -q '^  2027  provisional *statutory holidays only' "$WORK/show.out" || fail "2027 is not provisional"
grep -q '^  2028  missing *weekends only' "$WORK/show.out" || fail "2028 is not listed as missing"
grep -q '^official through 2026-12-31 (29 days left as of 2026-12-02)$' "$WORK/show.out" ||
  fail "no official-through line: $(sed -n 1,8p "$WORK/show.out")"
grep -q '^2027-02-05  holiday *春节$' "$WORK/show.out" || fail "the provisional Spring Festival 2027 is not listed"

"$TONGBAN" calendar show MO --data-dir "$D" --today 2027-01-04 >"$WORK/mo.out" 2>/dev/null
grep -q '^no official calendar for 2027 (as of 2027-01-04)$' "$WORK/mo.out" || fail "MO in 2027: $(sed -n 1,8p "$WORK/mo.out")"

"$TONGBAN" calendar show --help >"$WORK/help.out" 2>&1
grep -q 'provisional' "$WORK/help.out" || fail "show --help does not explain the year statuses"
grep -q -- '--today' "$WORK/help.out" || fail "show --help has no --today"
"$TONGBAN" calendar import --help | grep -q 'recounted' || fail "import --help does not say cases are recounted"

status=0
"$TONGBAN" calendar show CN-GD-JM --data-dir "$D" --today 2026-13-01 >/dev/null 2>&1 || status=$?
[ "$status" -ne 0 ] || fail "a bad --today was accepted"
"$TONGBAN" calendar show XX --data-dir "$D" >/dev/null 2>&1 && fail "a calendar of an unknown jurisdiction was shown"

# The State Council's notice for 2027 alone: 2027 becomes official, 2025 and 2026 stay.
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nX-TONGBAN-JURISDICTION:CN-GD-JM\r\nX-TONGBAN-YEARS:2027\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270205\r\nDTEND;VALUE=DATE:20270213\r\nSUMMARY:春节\r\nCATEGORIES:HOLIDAY\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270220\r\nSUMMARY:春节调休上班\r\nCATEGORIES:WORKDAY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >"$WORK/CN-GD-JM-2027.ics"
"$TONGBAN" calendar import "$WORK/CN-GD-JM-2027.ics" --data-dir "$D" >"$WORK/import.out" 2>/dev/null ||
  fail "import failed"
grep -q '^imported the calendar of CN-GD-JM (2025 official, 2026 official, 2027 official; ' "$WORK/import.out" ||
  fail "import output: $(cat "$WORK/import.out")"
grep -q '^recounted the due dates of 0 open cases$' "$WORK/import.out" || fail "no recount line: $(cat "$WORK/import.out")"
"$TONGBAN" calendar show CN-GD-JM --data-dir "$D" --today 2026-12-02 >"$WORK/after.out" 2>/dev/null
grep -q '^  2027  official' "$WORK/after.out" || fail "2027 is not official after the import"
grep -q '^official through 2027-12-31 (394 days left as of 2026-12-02)$' "$WORK/after.out" ||
  fail "official-through after import: $(sed -n 1,8p "$WORK/after.out")"
grep -q '^2027-02-12  holiday *春节$' "$WORK/after.out" || fail "the official Spring Festival is not listed"
grep -q '^2027-02-20  makeup_working *春节调休上班$' "$WORK/after.out" || fail "the make-up day is not listed"
grep -q '^2026-10-07  holiday' "$WORK/after.out" || fail "2026 was lost by the import"
grep -q '^2027-01-01  holiday *元旦$' "$WORK/after.out" && fail "the provisional 2027 days were kept"

# A bad file changes nothing.
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-TONGBAN-JURISDICTION:CN-GD-JM\r\nX-TONGBAN-YEARS:2028\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20280103\r\nSUMMARY:x\r\nCATEGORIES:WORKDAY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >"$WORK/bad.ics"
"$TONGBAN" calendar import "$WORK/bad.ics" --data-dir "$D" >/dev/null 2>&1 && fail "a bad calendar was imported"
"$TONGBAN" calendar show CN-GD-JM --data-dir "$D" --today 2026-12-02 >"$WORK/again.out" 2>/dev/null
cmp -s "$WORK/after.out" "$WORK/again.out" || fail "a refused import changed the calendar"
echo "calendar cli: ok"
