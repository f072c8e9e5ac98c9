#!/usr/bin/env bash
# An installed tongban finds its shipped data next to itself, wherever the install is moved: `cmake --install` into
# a temporary prefix (bin/tongban, share/tongban/{catalog,calendars,…}), the prefix moved to another folder, then the
# moved binary seeds a new node (`serve --init`) from the moved share/tongban and `catalog export` reads it. The
# binary holds no path of the build tree: with the install moved, no file of the source tree is read (the seeding
# line names the moved folder, and a catalog item changed only in the install is the one served).
# Usage: install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
BUILD=$(realpath "$1")
SOURCE=$(realpath "$2")
WORK=$(mktemp -d)
PID=
cleanup() {
  if [ -n "$PID" ]; then kill -TERM "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$BUILD" --prefix "$WORK/first" > "$WORK/install.log" 2>&1 || { cat "$WORK/install.log"; fail "install"; }
[ -x "$WORK/first/bin/tongban" ] || fail "no bin/tongban in the install"
[ -d "$WORK/first/share/tongban/catalog" ] || fail "no share/tongban/catalog in the install"
[ -d "$WORK/first/share/tongban/calendars" ] || fail "no share/tongban/calendars in the install"
# No source path compiled in as a string of its own (the debug info names the build folder, which is not read).
if strings "$WORK/first/bin/tongban" | grep -qxF -e "$SOURCE" -e "$SOURCE/data"; then
  fail "the installed binary holds the source tree's path"
fi
mv "$WORK/first" "$WORK/moved"
TONGBAN=$WORK/moved/bin/tongban
SHARE=$WORK/moved/share/tongban

# An item name changed in the installed copy only: the node must serve this one.
ITEM=$(grep -l '^code = "JM-CA-005"' -r "$SHARE/catalog" | head -n 1)
[ -n "$ITEM" ] || fail "JM-CA-005 not found in the installed catalog"
sed -i 's/en = "Printing of a marriage certificate"/en = "Installed copy of JM-CA-005"/' "$ITEM"
grep -q 'Installed copy of JM-CA-005' "$ITEM" || fail "could not mark the installed item"

env -u TONGBAN_SEED_DIR "$TONGBAN" serve --init --data-dir "$WORK/node" --listen 127.0.0.1:0 > "$WORK/serve.log" 2>&1 &
PID=$!
URL=
for _ in $(seq 1 600); do
  URL=$(sed -n 's/.* listening on \(http:\/\/127\.0\.0\.1:[0-9]*\).*/\1/p' "$WORK/serve.log" | head -n 1)
  [ -n "$URL" ] && break
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/serve.log"; fail "the installed serve exited"; }
  sleep 0.1
done
[ -n "$URL" ] || fail "the installed serve did not start"
grep -qF "seeding the catalog from $SHARE/catalog" "$WORK/serve.log" || { cat "$WORK/serve.log"; fail "not seeded from $SHARE"; }
grep -q "importing calendar MO.ics" "$WORK/serve.log" || fail "the calendars were not imported from the install"
curl -sS --fail-with-body "$URL/api/v1/items/JM-CA-005" | grep -q "Installed copy of JM-CA-005" ||
  fail "the node does not serve the installed catalog"
kill -TERM "$PID"
wait "$PID" || fail "serve did not stop cleanly"
PID=

env -u TONGBAN_SEED_DIR "$TONGBAN" catalog export --data-dir "$WORK/node" --format json --out "$WORK/catalog.json" \
  2>/dev/null || fail "catalog export from the installed binary"
grep -q "Installed copy of JM-CA-005" "$WORK/catalog.json" || fail "catalog export does not read the installed data"

# Without its share/tongban, the binary says where it looked instead of finding another tree's data.
mv "$SHARE" "$WORK/elsewhere"
status=0
env -u TONGBAN_SEED_DIR "$TONGBAN" serve --init --data-dir "$WORK/other" --listen 127.0.0.1:0 > /dev/null 2> "$WORK/err" ||
  status=$?
[ "$status" -eq 2 ] || fail "no shipped data: exit code $status, not 2"
grep -qF "looked in $SHARE" "$WORK/err" || { cat "$WORK/err"; fail "the message does not say where it looked"; }
echo "install: the moved install seeded and served its own data"
