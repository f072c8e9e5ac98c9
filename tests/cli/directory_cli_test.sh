#!/bin/sh
# tongban directory, end to end with the real binary: an operator makes a working folder, takes two join requests,
# sets agreements, signs and publishes; the result verifies against the anchor; the audit log's chain holds and a
# tampered log is detected; mistyped paths and repeated init are refused and create nothing.
# Usage: directory_cli_test.sh PATH/TO/tongban
set -eu
TONGBAN=$(realpath "$1")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cd "$WORK"
for NODE in CN-GD-JM MO; do
  mkdir "$NODE"
  "$TONGBAN" keys generate --out "$NODE/keys" >/dev/null 2>&1
  printf '[node]\nid = "%s"\njurisdiction = "%s"\nkey_file = "keys/node.key"\n' "$NODE" "$NODE" >"$NODE/federation.toml"
done
"$TONGBAN" directory join-request --config CN-GD-JM/federation.toml --endpoint https://jm.example:8443 \
  --tls-fingerprint sha256:$(printf 'a%.0s' $(seq 64)) --out jm-request.json >/dev/null
"$TONGBAN" directory join-request --config MO/federation.toml --endpoint https://mo.example:8443 >mo-request.json

"$TONGBAN" directory init --dir op --operator GBA-FED-OPERATOR >/dev/null
[ "$(stat -c %a op/keys/node.key)" = 600 ] || fail "operator key is not 0600"
"$TONGBAN" directory init --dir op --operator GBA-FED-OPERATOR 2>/dev/null && fail "init overwrote a folder"
"$TONGBAN" directory init --dir missing/op --operator X 2>/dev/null && fail "init made a missing parent"
[ -e missing ] && fail "init created a mistyped path"

"$TONGBAN" directory add-member --dir op jm-request.json >/dev/null
"$TONGBAN" directory add-member --dir op mo-request.json >/dev/null
"$TONGBAN" directory add-member --dir op mo-request.json 2>/dev/null && fail "a member was added twice"
"$TONGBAN" directory add-member --dir opp mo-request.json 2>/dev/null && fail "a mistyped --dir was accepted"
[ -e opp ] && fail "add-member created a mistyped path"

cat >agreements.json <<'JSON'
{"zones": [{"code": "ZONE-MO-IN-JM", "owner": "MO", "host": "CN-GD-JM"}],
 "delegations": [{"owner_authority": "MO-DSAL", "delegate_node": "CN-GD-JM", "delegate_authority": "JM-HRSS"}],
 "joint": [],
 "channels": [{"from": "CN-GD-JM", "to": "MO", "message_types": ["case.forward"], "data_categories": ["case"]},
              {"from": "MO", "to": "CN-GD-JM", "message_types": ["case.status"], "data_categories": ["case"]}]}
JSON
"$TONGBAN" directory set-agreements --dir op agreements.json >/dev/null
printf '{"zones": [], "delegations": [], "joint": [], "channels": [{"from": "HK", "to": "MO", "message_types": [], "data_categories": []}]}' >bad.json
"$TONGBAN" directory set-agreements --dir op bad.json 2>/dev/null && fail "agreements naming a non-member were accepted"
"$TONGBAN" directory sign --dir op --valid-days 3 >/dev/null
"$TONGBAN" directory sign --dir op --valid-days 3 >/dev/null
mkdir site
"$TONGBAN" directory publish --dir op site >/dev/null
"$TONGBAN" directory show site/federation/v1/directory --anchor op/anchor.json | grep -q "version 2 .*(verified)" ||
  fail "the published directory does not verify"
"$TONGBAN" directory verify-log --dir op | grep -q "^6 entries" || fail "audit log entries"

# Tampering: another operator's anchor refuses it; an edited log line breaks the chain.
"$TONGBAN" directory init --dir other --operator GBA-FED-OPERATOR >/dev/null
"$TONGBAN" directory show site/federation/v1/directory --anchor other/anchor.json 2>/dev/null &&
  fail "accepted with another operator's key"
sed -i 's/"add-member"/"add-memder"/' op/audit.log
"$TONGBAN" directory verify-log --dir op 2>/dev/null && fail "a tampered audit log verified"
echo "directory CLI: ok"
