#!/bin/sh
# tongban migrate [--dry-run], end to end with the real binary. On SQLite: a mistyped data directory is refused and
# not created; a database two migrations behind (version 5, without the outbox lease columns of version 6 and the
# supplement materials of version 7, the tables of versions 8 to 10, 12 and 13 and the columns of version 11) is listed
# by --dry-run with that migration's SQL and left unchanged, then brought to the latest version by migrate, after
# which nothing is pending. With TONGBAN_TEST_POSTGRES_DIR (the pg.* run) the same on a PostgreSQL database.
# Usage: migrate_cli_test.sh PATH/TO/tongban
set -eu
TONGBAN=$(realpath "$1")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

status=0
"$TONGBAN" migrate --data-dir "$WORK/no-such-node" --dry-run >/dev/null 2>"$WORK/err" || status=$?
[ "$status" -ne 0 ] || fail "a missing data directory was accepted"
[ ! -e "$WORK/no-such-node" ] || fail "migrate created the mistyped directory"
mkdir "$WORK/empty"
status=0
"$TONGBAN" migrate --data-dir "$WORK/empty" >/dev/null 2>"$WORK/err" || status=$?
[ "$status" -ne 0 ] || fail "a folder without tongban.db was migrated"
grep -q "not a node's data directory" "$WORK/err" || fail "unclear refusal: $(cat "$WORK/err")"
[ ! -e "$WORK/empty/tongban.db" ] || fail "migrate created a database in the wrong folder"

if [ -z "${TONGBAN_TEST_POSTGRES_DIR:-}" ]; then
  D="$WORK/node"
  mkdir "$D"  # a new node: commands other than serve --init open an existing data directory only
  "$TONGBAN" kiosk add --data-dir "$D" --service-point JM-WIN-CITY --name "Hall A" >/dev/null 2>&1
  LATEST=$("$TONGBAN" migrate --data-dir "$D" --dry-run 2>/dev/null | sed -n 's/^schema version \([0-9]*\) of \([0-9]*\);.*/\2/p')
  [ "$LATEST" -ge 6 ] || fail "no latest version reported"
  sqlite3 "$D/tongban.db" "DROP TABLE region_aggregates; DROP TABLE notice_subscriptions; DROP TABLE notices;
    DROP TABLE rating_follow_ups; DROP TABLE ratings; ALTER TABLE federation_outbox DROP COLUMN lease_owner;
    ALTER TABLE federation_outbox DROP COLUMN lease_until_ms; ALTER TABLE cases DROP COLUMN supplement_materials;
    DROP TABLE shipment_tasks; DROP TABLE shipment_events; DROP TABLE shipments;
    DROP TABLE notification_preferences; DROP TABLE notifications; DROP TABLE certificate_status_lists;
    DROP TABLE certificate_status_changes; DROP TABLE certificates; DELETE FROM counters WHERE name = 'certificate';
    ALTER TABLE accounts DROP COLUMN organisation; ALTER TABLE events DROP COLUMN actor_organisation;
    ALTER TABLE kiosks DROP COLUMN kind;
    PRAGMA user_version = 5;"
  BEHIND() { sqlite3 "$D/tongban.db" "PRAGMA user_version"; }
  STORE="--data-dir $D"
else
  ADMIN=$(cat "$TONGBAN_TEST_POSTGRES_DIR/url")
  DB="tb_migrate_$$"
  psql "$ADMIN" -q -c "CREATE DATABASE $DB" >/dev/null
  URL="${ADMIN%/*}/$DB"
  trap 'psql "$ADMIN" -q -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1; rm -rf "$WORK"' EXIT
  mkdir "$WORK/pgnode"
  "$TONGBAN" kiosk add --data-dir "$WORK/pgnode" --store "$URL" --service-point JM-WIN-CITY --name "Hall A" >/dev/null 2>&1
  LATEST=$("$TONGBAN" migrate --store "$URL" --dry-run 2>/dev/null | sed -n 's/^schema version \([0-9]*\) of \([0-9]*\);.*/\2/p')
  [ "$LATEST" -ge 6 ] || fail "no latest version reported"
  psql "$URL" -q -c "DROP TABLE region_aggregates; DROP TABLE notice_subscriptions; DROP TABLE notices;
    DROP TABLE rating_follow_ups; DROP TABLE ratings; ALTER TABLE federation_outbox DROP COLUMN lease_owner;
    ALTER TABLE federation_outbox DROP COLUMN lease_until_ms; ALTER TABLE cases DROP COLUMN supplement_materials;
    DROP TABLE shipment_tasks; DROP TABLE shipment_events; DROP TABLE shipments;
    DROP TABLE notification_preferences; DROP TABLE notifications; DROP TABLE certificate_status_lists;
    DROP TABLE certificate_status_changes; DROP TABLE certificates; DELETE FROM counters WHERE name = 'certificate';
    ALTER TABLE accounts DROP COLUMN organisation; ALTER TABLE events DROP COLUMN actor_organisation;
    ALTER TABLE kiosks DROP COLUMN kind;
    UPDATE tongban_schema SET version = 5" >/dev/null
  BEHIND() { psql "$URL" -tA -c "SELECT version FROM tongban_schema"; }
  STORE="--store $URL"
fi

# shellcheck disable=SC2086
"$TONGBAN" migrate $STORE --dry-run >"$WORK/dry" 2>/dev/null
grep -q "^schema version 5 of $LATEST; $((LATEST - 5)) migration(s) pending$" "$WORK/dry" || fail "dry run: $(cat "$WORK/dry")"
grep -q "^-- version 6 (not applied)$" "$WORK/dry" || fail "version 6 not listed: $(cat "$WORK/dry")"
grep -q "ADD COLUMN lease_owner" "$WORK/dry" || fail "the SQL of version 6 is not shown"
[ "$(BEHIND)" = 5 ] || fail "the dry run changed the schema version"

# shellcheck disable=SC2086
"$TONGBAN" migrate $STORE >"$WORK/wet" 2>/dev/null
grep -q "^schema now at version $LATEST$" "$WORK/wet" || fail "migrate: $(cat "$WORK/wet")"
[ "$(BEHIND)" = "$LATEST" ] || fail "the schema version is $(BEHIND), not $LATEST"
# shellcheck disable=SC2086
"$TONGBAN" migrate $STORE --dry-run 2>/dev/null | grep -q "; 0 migration(s) pending$" || fail "still pending after migrate"
echo "migrate_cli: ok"
