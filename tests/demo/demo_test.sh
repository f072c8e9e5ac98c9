#!/usr/bin/env bash
# make demo, end to end: scripts/demo.sh with the built binary on free ports in a temporary TONGBAN_DEMO_DIR, with
# TONGBAN_DEMO_CHECK=1 so it runs its walk-through of the four modes (remote intake, online across borders,
# delegated, joint) and the last mile (a Macao e-certificate verified by Jiangmen, a result posted by Macao and moved
# by the carrier simulator to delivered on both nodes), and exits with its status. Asserts: every mode reached its
# final state on both nodes; the
# nodes federated over mutual TLS (https federation listeners) with peers from the signed directory (no [[peers]]
# in any config, the directory loaded and verified, a listener refusing a client without a certificate of the demo
# CA and answering one with); a second start reuses the network (nothing rewritten) and
# runs the walk-through again; no node is left running.
# Usage: demo_test.sh PATH/TO/tongban
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TONGBAN=$(realpath "$1")
WORK=$(mktemp -d)
DEMO=$WORK/demo
fail() {
  echo "FAIL: $*" >&2
  for log in "$DEMO"/{jm,mo,hk}.log; do [[ -f $log ]] && { echo "--- $log" >&2; tail -15 "$log" >&2; }; done
  exit 1
}
no_node_left() { ! pgrep -f -- "--data-dir $DEMO/" > /dev/null; }
cleanup() {
  # Only if demo.sh itself failed to stop them: the nodes of this run, by their process ids.
  local pids
  pids=$(pgrep -f -- "--data-dir $DEMO/" || true)
  # shellcheck disable=SC2086 # one process id per word
  [[ -z $pids ]] || kill $pids 2> /dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# Six free ports: bound by nothing now (the kernel picks them; a race with another process is possible but rare).
free_ports() {
  python3 - << 'PY'
import socket
socks = [socket.socket() for _ in range(6)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))
PY
}
read -r JM_PORT MO_PORT HK_PORT JM_FED_PORT MO_FED_PORT HK_FED_PORT <<< "$(free_ports)"
export JM_PORT MO_PORT HK_PORT JM_FED_PORT MO_FED_PORT HK_FED_PORT TONGBAN_DEMO_DIR=$DEMO TONGBAN_DEMO_CHECK=1

run_demo() {
  local out=$WORK/run-$1.out
  bash "$ROOT/scripts/demo.sh" "$TONGBAN" > "$out" 2>&1 || { cat "$out" >&2; fail "demo.sh ($1 start) failed"; }
  for mode in "remote intake: Jiangmen [^ ]* delivered, Macao [^ ]* delivered" \
    "online across borders: Jiangmen [^ ]* result_issued, Macao [^ ]* result_issued" \
    "delegated: Jiangmen [^ ]* result_issued, Macao record [^ ]* result_issued" \
    "joint: Jiangmen parent [^ ]* result_issued, Macao sub-case [^ ]* approved" \
    "e-certificate: issued in Macao for [^ ]*, verified in Jiangmen: VALID" \
    "post: item [A-Z0-9]* delivered; Jiangmen [^ ]* delivered, Macao [^ ]* delivered"; do
    grep -q "^CHECK $mode\$" "$out" || { cat "$out" >&2; fail "$1 start: no final state line '$mode'"; }
  done
  grep -q "^walk-through: all four modes and the last mile reached their final state" "$out" || fail "$1 start: walk-through incomplete"
  no_node_left || fail "$1 start: a node is still running after demo.sh exited"
}

run_demo first
[[ $(stat -c %a "$DEMO") == 700 ]] || fail "$DEMO is not 0700"
for id in CN-GD-JM MO HK; do
  config=$DEMO/federation/$id.toml
  grep -q '^\[\[peers\]\]' "$config" && fail "$config has hand-written [[peers]]"
  grep -q '^\[tls\]' "$config" || fail "$config has no [tls]"
  grep -q '^\[directory\]' "$config" || fail "$config has no [directory]"
  grep -q 'insecure_loopback' "$config" && fail "$config allows plain HTTP"
done
for dir in jm mo hk; do
  grep -q "federation: directory version 1 loaded" "$DEMO/$dir.log" || fail "$dir did not load the signed directory"
  grep -q "federation listener on https://127.0.0.1:" "$DEMO/$dir.log" ||
    grep -q "federation listener: https://127.0.0.1:" "$DEMO/$dir.log" || fail "$dir has no TLS federation listener"
done
"$TONGBAN" directory show "$DEMO/federation/MO/directory.json" --anchor "$DEMO/federation/MO/anchor.json" |
  grep -q "version 1 .*(verified)" || fail "Macao's held directory does not verify against its anchor"
grep -q "^CHECK mutual TLS: " "$WORK/run-first.out" || fail "demo.sh did not check the federation listeners' mutual TLS"

# A second start reuses everything: the same directory, configs and accounts, and the walk-through works again.
before=$(cd "$DEMO" && sha256sum federation/*.toml operator/directory.json pki/*.crt federation/*/keys/node.pub)
run_demo second
after=$(cd "$DEMO" && sha256sum federation/*.toml operator/directory.json pki/*.crt federation/*/keys/node.pub)
[[ $before == "$after" ]] || fail "the second start rewrote the network"
grep -q "reusing the network" "$WORK/run-second.out" || fail "the second start did not reuse the network"
echo "demo: ok (four modes, an e-certificate and a shipment over mutual TLS from the signed directory, twice)"
