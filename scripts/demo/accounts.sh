# shellcheck shell=bash
# Sourced by scripts/demo.sh: the staff accounts the four modes need beyond those of `tongban demo` (applicant,
# clerk at the node's first zone window — JM-WIN-CITY at Jiangmen —, reviewer, admin on every node). Made once, with
# `tongban account add` on the node whose authority they belong to (it refuses any other).
# Needs: TONGBAN, DEMO, log().

DEMO_STAFF=(
  # node data dir | jurisdiction | authority | login | name | used by
  "jm|CN-GD-JM|JM-HRSS|reviewer.hrss@demo.tongban|HRSS reviewer 人社审核员|delegated (the delegate) and joint (the parent)"
  "mo|MO|MO-DSAL|reviewer.dsal@demo.tongban|DSAL reviewer 審核員|remote intake and online (the owner); delegated (the owner's record)"
  "mo|MO|MO-FSS|reviewer.fss@demo.tongban|FSS reviewer 社保基金審核員|joint (the partner's sub-case)"
)
DEMO_STAFF_PASSWORD=demo-Reviewer-2026

make_accounts() {
  local entry dir jurisdiction authority login name used
  for entry in "${DEMO_STAFF[@]}"; do
    IFS='|' read -r dir jurisdiction authority login name used <<< "$entry"
    [[ ! -f $DEMO/$dir/.staff-$authority ]] || continue
    log "adding $login ($authority reviewer at $jurisdiction: $used)"
    mkdir -p -m 700 "$DEMO/$dir"  # the node's first start: account add opens an existing data directory only
    TONGBAN_PASSWORD=$DEMO_STAFF_PASSWORD "$TONGBAN" account add --data-dir "$DEMO/$dir" --jurisdiction "$jurisdiction" \
      --role reviewer --authority "$authority" --login "$login" --name "$name" >> "$DEMO/$dir.log" 2>&1 ||
      { echo "demo: could not add $login; see $DEMO/$dir.log" >&2; exit 1; }
    touch "$DEMO/$dir/.staff-$authority"
  done
}

print_accounts() {
  local entry dir jurisdiction authority login name used
  for entry in "${DEMO_STAFF[@]}"; do
    IFS='|' read -r dir jurisdiction authority login name used <<< "$entry"
    printf '    %-9s %-28s / %s  (%s reviewer: %s)\n' "$jurisdiction" "$login" "$DEMO_STAFF_PASSWORD" "$authority" "$used"
  done
}
