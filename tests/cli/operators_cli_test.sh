#!/usr/bin/env bash
# What an operator meets first, with the real binary:
#   - a data directory that does not exist is refused (exit 2, a message naming it, nothing created) by every command
#     that reads a node; `serve --init` creates and seeds one; `serve` on an existing node works without --init;
#   - --config FILE: settings from TOML, relative paths from the file's folder, flags win over the file, unknown
#     sections and keys and values of the wrong type refused with the key named (exit 2);
#   - a refused `account add` prints the problem's detail and each field error in words.
#   - the shipped example (data/tongban.example.toml) is a valid file.
# Usage: operators_cli_test.sh PATH/TO/tongban PATH/TO/tongban.example.toml
set -euo pipefail
TONGBAN=$(realpath "$1")
EXAMPLE=$(realpath "$2")
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
cd "$WORK"
export TONGBAN_PASSWORD=Operators-cli-2026

# expect_refused NAME TEXT COMMAND…: exit code 2 and TEXT in the message.
expect_refused() {
  local name=$1 text=$2 status=0
  shift 2
  "$TONGBAN" "$@" > "$name.out" 2> "$name.err" || status=$?
  [ "$status" -eq 2 ] || { cat "$name.err" >&2; fail "$name: exit code $status, not 2"; }
  grep -qF -- "$text" "$name.err" || { cat "$name.err" >&2; fail "$name: the message does not say '$text'"; }
}

# serve_until_listening NAME ARGS…: starts serve in the background, waits for its listening line.
serve_until_listening() {
  local name=$1
  shift
  "$TONGBAN" serve "$@" > "$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 600); do
    grep -q "listening on http://" "$name.log" && return 0
    kill -0 "${PIDS[-1]}" 2>/dev/null || { cat "$name.log" >&2; fail "$name: serve exited"; }
    sleep 0.1
  done
  fail "$name: serve did not start"
}
stop_last() {
  kill -TERM "${PIDS[-1]}"
  wait "${PIDS[-1]}" || fail "serve did not stop cleanly"
  unset 'PIDS[-1]'
}

# --- a mistyped data directory ---
for command in "audit verify" "catalog export --format json --out -" "kiosk list" "calendar show MO"; do
  # shellcheck disable=SC2086
  expect_refused "missing" "--data-dir $WORK/typo does not exist" $command --data-dir "$WORK/typo"
  [ ! -e "$WORK/typo" ] || fail "$command created the mistyped data directory"
done
expect_refused "missing-account" "does not exist" account add --data-dir "$WORK/typo" --role admin --login a@b.test \
  --name Admin
expect_refused "missing-serve" "serve --init" serve --data-dir "$WORK/typo" --listen 127.0.0.1:0
[ ! -e "$WORK/typo" ] || fail "serve without --init created the data directory"
touch "$WORK/file"
expect_refused "not-a-dir" "is not a directory" audit verify --data-dir "$WORK/file"

# --- serve --init makes a node; serve without it opens the existing one ---
serve_until_listening init --init --data-dir "$WORK/node" --listen 127.0.0.1:0
grep -q "seeding the catalog from" init.log || fail "serve --init did not seed the catalog"
stop_last
serve_until_listening again --data-dir "$WORK/node" --listen 127.0.0.1:0
grep -q "loading the catalog" again.log || fail "serve on the existing node did not load its catalog"
stop_last
"$TONGBAN" audit verify --data-dir "$WORK/node" > verify.out 2>/dev/null || fail "audit verify on the node failed"
grep -q "audit chain intact" verify.out || fail "audit verify: $(cat verify.out)"

# --- account add: the problem in words ---
expect_refused "bad-login" "login: must be an e-mail address or a mobile phone number" account add --data-dir "$WORK/node" \
  --role clerk --login not-an-email --name Clerk --service-point JM-WIN-CITY
grep -q "The account details have problems" bad-login.err || fail "no detail: $(cat bad-login.err)"
if grep -qE ':  \(|: *$' bad-login.err; then fail "an empty message: $(cat bad-login.err)"; fi
expect_refused "unknown-point" "service_point: is not a service point in the node's catalog" account add \
  --data-dir "$WORK/node" --role clerk --login clerk@ops.test --name Clerk --service-point JM-NOWHERE
"$TONGBAN" account add --data-dir "$WORK/node" --role admin --login admin@ops.test --name Admin > /dev/null 2>&1 ||
  fail "a valid account was refused"
expect_refused "taken" "login: is taken already" account add --data-dir "$WORK/node" --role admin \
  --login admin@ops.test --name Admin

# --- --config ---
mkdir -p etc other
cat > etc/tongban.toml <<'TOML'
[node]
data_dir = "../node"   # relative to this file's folder
jurisdiction = "CN-GD-JM"

[serve]
listen = "127.0.0.1:0"
rate = 0
handler_threads = 4
trusted_proxies = ["10.0.0.0/8"]
TOML
(cd other && "$TONGBAN" audit verify --config ../etc/tongban.toml > ../config-verify.out 2>../config-verify.err) ||
  fail "audit verify --config did not find the data directory relative to the file"
grep -qF "opening the store in $WORK/node" config-verify.err || fail "--config: $(cat config-verify.err)"
TONGBAN_CONFIG=etc/tongban.toml "$TONGBAN" kiosk list > /dev/null 2>&1 || fail "TONGBAN_CONFIG was not read"
serve_until_listening config --config etc/tongban.toml
stop_last
# A flag wins over the file: the file's data_dir is replaced, so this refuses the flag's missing directory.
expect_refused "flag-wins" "--data-dir $WORK/elsewhere does not exist" audit verify --config etc/tongban.toml \
  --data-dir "$WORK/elsewhere"
# and a value the file holds is not checked when the flag replaces it.
printf '[serve]\nhandler_threads = 0\n' > etc/zero.toml
expect_refused "range" "[serve] handler_threads" serve --config etc/zero.toml --data-dir "$WORK/node"
serve_until_listening override --config etc/zero.toml --data-dir "$WORK/node" --listen 127.0.0.1:0 --handler-threads 2
stop_last

printf '[node]\ndata_dir = "node"\ndata_dri = "x"\n' > etc/typo.toml
expect_refused "unknown-key" "unknown key data_dri in [node]" audit verify --config etc/typo.toml
printf '[nodes]\ndata_dir = "node"\n' > etc/section.toml
expect_refused "unknown-section" "unknown section [nodes]" audit verify --config etc/section.toml
printf '[node]\ndata_dir = "node"\n[serve]\nrate = "fast"\n' > etc/type.toml
expect_refused "wrong-type" "[serve] rate must be a number, not a string" audit verify --config etc/type.toml
printf '[serve]\ntrusted_proxies = "10.0.0.1"\n' > etc/list.toml
expect_refused "wrong-list" "[serve] trusted_proxies must be an array of strings" audit verify --config etc/list.toml \
  --data-dir "$WORK/node"
printf '[node\n' > etc/broken.toml
expect_refused "not-toml" "not TOML" audit verify --config etc/broken.toml
expect_refused "no-file" "no such file" audit verify --config etc/none.toml
"$TONGBAN" audit verify --config "$EXAMPLE" --data-dir "$WORK/node" > /dev/null 2> example.err ||
  { cat example.err >&2; fail "the shipped example config is refused"; }
echo "operators cli: all checks passed"
