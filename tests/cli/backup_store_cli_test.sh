#!/bin/sh
# tongban backup / restore and the node's store: both are for the SQLite store, so a PostgreSQL store — given as
# --store or in TONGBAN_STORE, as `tongban serve` takes it — is refused with exit 2 before anything is written, the
# message naming PostgreSQL's tools and the data directory's files to copy (and never the URL's password); a
# location that is no store is refused too; --store sqlite (and the default) back up and restore as before.
# Usage: backup_store_cli_test.sh PATH/TO/tongban
set -eu
TONGBAN=$(realpath "$1")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
D="$WORK/node"
mkdir "$D"  # a new node: commands other than serve --init open an existing data directory only
PG="postgres://tongban:s3cret-pw@127.0.0.1:1/tongban"

TONGBAN_PASSWORD=Backup-cli-password-2026 "$TONGBAN" account add --data-dir "$D" --role reviewer \
  --authority JM-CA --login reviewer@backup.cli --name Reviewer >/dev/null 2>&1 || fail "account add"

# expect_refused NAME WORDS... -- COMMAND...: exit 2, every WORD in stderr, no password, nothing new in $WORK.
expect_refused() {
  name=$1
  shift
  words=""
  while [ "$1" != "--" ]; do
    words="$words $1"
    shift
  done
  shift
  before=$(ls -A "$WORK")
  status=0
  "$@" >"$WORK/.out" 2>"$WORK/.err" || status=$?
  [ "$status" -eq 2 ] || fail "$name: exit $status, not 2: $(cat "$WORK/.err")"
  for word in $words; do
    grep -q -- "$word" "$WORK/.err" || fail "$name: '$word' not in: $(cat "$WORK/.err")"
  done
  grep -q "s3cret-pw" "$WORK/.err" "$WORK/.out" && fail "$name: the password was printed"
  rm -f "$WORK/.out" "$WORK/.err"
  [ "$(ls -A "$WORK")" = "$before" ] || fail "$name: something was written: $(ls -A "$WORK")"
}

expect_refused "backup --store postgres" PostgreSQL pg_dump pg_basebackup blobs/ web-secret.key "$D" -- \
  "$TONGBAN" backup --data-dir "$D" --store "$PG" --out "$WORK/a.tar"
expect_refused "backup with TONGBAN_STORE" PostgreSQL pg_dump blobs/ -- \
  env TONGBAN_STORE="$PG" "$TONGBAN" backup --data-dir "$D" --out "$WORK/a.tar"
expect_refused "backup --store mysql" "postgres://" -- \
  "$TONGBAN" backup --data-dir "$D" --store mysql://db/tongban --out "$WORK/a.tar"

"$TONGBAN" backup --quiet --data-dir "$D" --store sqlite --out "$WORK/a.tar" >/dev/null || fail "backup --store sqlite"
TONGBAN_STORE=sqlite "$TONGBAN" backup --quiet --data-dir "$D" --out "$WORK/b.tar" >/dev/null ||
  fail "backup with TONGBAN_STORE=sqlite"

expect_refused "restore --store postgres" PostgreSQL pg_restore blobs/ -- \
  "$TONGBAN" restore --archive "$WORK/a.tar" --data-dir "$WORK/restored" --store "$PG"
expect_refused "restore with TONGBAN_STORE" PostgreSQL pg_restore -- \
  env TONGBAN_STORE="$PG" "$TONGBAN" restore --archive "$WORK/a.tar" --data-dir "$WORK/restored"
"$TONGBAN" restore --quiet --archive "$WORK/a.tar" --data-dir "$WORK/restored" --store sqlite >/dev/null ||
  fail "restore --store sqlite"
[ -f "$WORK/restored/tongban.db" ] || fail "restore --store sqlite made no tongban.db"
echo "backup store CLI: ok"
