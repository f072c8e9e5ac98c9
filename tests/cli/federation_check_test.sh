#!/bin/sh
# tongban federation check, with the real binary: a valid config passes and prints its agreements; a misspelled
# section ([[delegation]]) or key, an agreement naming an authority the catalog does not hold, and a missing TLS file
# are each refused with exit code 2 and a message naming the problem. Before, a misspelled [[delegation]] was dropped
# silently and check printed the peers as if all were well.
# Usage: federation_check_test.sh PATH/TO/tongban PATH/TO/data   (the shipped data/, whose catalog/ is checked)
set -eu
TONGBAN=$(realpath "$1")
DATA=$(realpath "$2")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
cd "$WORK"
"$TONGBAN" keys generate --out keys >/dev/null 2>&1
NODE='[node]
id = "MO"
jurisdiction = "MO"
key_file = "keys/node.key"
insecure_loopback = true
'
DELEGATION='owner_authority = "MO-DSAL"
delegate_node = "CN-GD-JM"
delegate_authority = "JM-HRSS"'

expect_refused() {  # NAME TEXT-IN-STDERR [extra args]
  name=$1 text=$2
  shift 2
  if "$TONGBAN" federation check --config "$name.toml" "$@" >"$name.out" 2>"$name.err"; then
    fail "$name: accepted"
  else
    [ $? -eq 2 ] || fail "$name: exit code is not 2"
  fi
  grep -q "$text" "$name.err" || { cat "$name.err" >&2; fail "$name: the message does not say '$text'"; }
}

printf '%s\n[[delegations]]\n%s\n' "$NODE" "$DELEGATION" >good.toml
"$TONGBAN" federation check --config good.toml --data-dir "$DATA" >good.out 2>&1 || { cat good.out; fail "valid config refused"; }
grep -q "1 delegation(s)" good.out || fail "the agreements are not reported"

printf '%s\n[[delegation]]\n%s\n' "$NODE" "$DELEGATION" >typo.toml
expect_refused typo "delegation is not a known section"

printf '%s\n[[delegations]]\n%s\ndelegate_autority = "JM-HRSS"\n' "$NODE" "$DELEGATION" >key.toml
expect_refused key "delegate_autority is not a known key"

printf '%s\n[[delegations]]\nowner_authority = "MO-DSAL"\ndelegate_node = "CN-GD-JM"\ndelegate_authority = "JM-NOPE"\n' \
  "$NODE" >authority.toml
expect_refused authority "unknown delegate authority JM-NOPE" --data-dir "$DATA"

printf '%s\n[tls]\ncertificate_file = "no.crt"\nprivate_key_file = "no.key"\nca_file = "ca.crt"\n' "$NODE" >tls.toml
expect_refused tls "tls.certificate_file: no file"

printf '[node]\nid = "MO"\njurisdiction = "MO"\nkey_file = "keys/node.key"\n' >plain.toml
expect_refused plain "no \[tls\] section and no \[node\] insecure_loopback"
echo "federation check: 1 valid config passed, 5 broken ones refused"
