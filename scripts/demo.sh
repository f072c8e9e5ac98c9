#!/usr/bin/env bash
# make demo: three tongban nodes on 127.0.0.1 — Jiangmen (CN-GD-JM), Macao (MO), Hong Kong (HK) — federated over
# mutual TLS 1.3 from a signed federation directory, and a curl walk-through of the four cross-border modes.
#
# The first start makes, under $TONGBAN_DEMO_DIR (.demo, mode 0700): a CA and one TLS certificate per node
# (scripts/demo-pki.sh), each node's Ed25519 key, a federation operator (tongban directory init), each node's join
# request, the directory's members (https://localhost:<federation port>, TLS fingerprints) and agreements (zones,
# a delegation MO-DSAL → CN-GD-JM/JM-HRSS, a joint group JM-HRSS-004 + MO-FSS-006, one channel per ordered pair),
# signed for 30 days and published; each node's federation config ([node], [tls], [directory], no [[peers]]); the
# staff accounts of the four modes (scripts/demo/accounts.sh). Later starts reuse all of it and overwrite nothing:
# change the network with `tongban directory … --dir .demo/operator` (then sign and publish) only.
# Helpers: scripts/demo/network.sh, scripts/demo/accounts.sh; the walk-through: scripts/demo/walk-through.sh.
#
# Usage: scripts/demo.sh [path/to/tongban]
#   Ports: JM_PORT MO_PORT HK_PORT (public API, 8080 8081 8082), JM_FED_PORT MO_FED_PORT HK_FED_PORT (federation
#   listeners, 9080 9081 9082). Data: TONGBAN_DEMO_DIR (.demo).
#   TONGBAN_DEMO_CHECK=1: run the walk-through once the nodes are ready, stop the nodes and exit with its status
#   (what tests/demo/demo_test.sh does); otherwise the nodes run until Ctrl-C.
set -euo pipefail
umask 077 # keys, certificates, configs, the operator folder and the databases are private

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TONGBAN=$(realpath "${1:-$ROOT/build/default/src/cli/tongban}")
DEMO=${TONGBAN_DEMO_DIR:-$ROOT/.demo}
JM_PORT=${JM_PORT:-8080} MO_PORT=${MO_PORT:-8081} HK_PORT=${HK_PORT:-8082}
JM_FED_PORT=${JM_FED_PORT:-9080} MO_FED_PORT=${MO_FED_PORT:-9081} HK_FED_PORT=${HK_FED_PORT:-9082}
CHECK=${TONGBAN_DEMO_CHECK:-0}
FED=$DEMO/federation
NODES=("CN-GD-JM jm $JM_PORT $JM_FED_PORT" "MO mo $MO_PORT $MO_FED_PORT" "HK hk $HK_PORT $HK_FED_PORT")
log() { echo "demo: $*"; }

[[ -x $TONGBAN ]] || { echo "demo: no tongban binary at $TONGBAN (run make build)" >&2; exit 1; }
for tool in curl jq openssl; do
  command -v $tool > /dev/null || { echo "demo: $tool is needed (Debian package $tool)" >&2; exit 1; }
done
for node in "${NODES[@]}"; do
  read -r id dir port fed <<< "$node"
  for p in "$port" "$fed"; do
    if (exec 3<> "/dev/tcp/127.0.0.1/$p") 2> /dev/null; then
      echo "demo: port $p (for $id) is in use — stop what runs there, or set ${dir^^}_PORT / ${dir^^}_FED_PORT" >&2
      exit 1
    fi
  done
done

# shellcheck source=scripts/demo/network.sh
source "$ROOT/scripts/demo/network.sh"
# shellcheck source=scripts/demo/accounts.sh
source "$ROOT/scripts/demo/accounts.sh"
mkdir -p "$DEMO"
chmod 700 "$DEMO"
make_network
make_accounts

PIDS=()
stop_nodes() {
  trap - INT TERM EXIT
  if ((${#PIDS[@]})); then
    echo
    log "stopping the three nodes…"
    kill -TERM "${PIDS[@]}" 2> /dev/null || true
    wait "${PIDS[@]}" 2> /dev/null || true
  fi
}
trap stop_nodes EXIT
trap 'exit 130' INT TERM

for node in "${NODES[@]}"; do
  read -r id dir port fed <<< "$node"
  "$TONGBAN" demo --data-dir "$DEMO/$dir" --jurisdiction "$id" --listen "127.0.0.1:$port" \
    --federation "$FED/$id.toml" --federation-listen "127.0.0.1:$fed" >> "$DEMO/$dir.log" 2>&1 &
  PIDS+=($!)
done
log "starting Jiangmen, Macao and Hong Kong (logs in $DEMO/{jm,mo,hk}.log)…"
for node in "${NODES[@]}"; do
  read -r id dir port fed <<< "$node"
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$port/readyz" > /dev/null 2>&1 && break
    for pid in "${PIDS[@]}"; do
      kill -0 "$pid" 2> /dev/null || { echo "demo: a node stopped; see $DEMO/$dir.log" >&2; tail -5 "$DEMO/$dir.log" >&2; exit 1; }
    done
    sleep 0.2
  done
  curl -sf "http://127.0.0.1:$port/readyz" > /dev/null || { echo "demo: $id is not ready; see $DEMO/$dir.log" >&2; exit 1; }
done

# Each federation listener answers a client with a certificate of the demo CA and refuses one without.
check_mutual_tls() {
  local node id dir port fed url
  for node in "${NODES[@]}"; do
    read -r id dir port fed <<< "$node"
    url=https://localhost:$fed/federation/v1/directory
    if curl -sf --cacert "$DEMO/pki/ca.crt" "$url" > /dev/null 2>&1; then
      echo "demo: FAILED: $url answered a client without a certificate" >&2
      exit 1
    fi
    curl -sf --cacert "$DEMO/pki/ca.crt" --cert "$DEMO/pki/HK.crt" --key "$DEMO/pki/HK.key" "$url" |
      "$TONGBAN" directory show /dev/stdin --anchor "$FED/$id/anchor.json" | grep -q "(verified)" ||
      { echo "demo: FAILED: $url did not serve the signed directory over mutual TLS" >&2; exit 1; }
  done
  echo "CHECK mutual TLS: the three federation listeners refuse a client without a demo CA certificate and serve the signed directory with one"
}

WALK=$DEMO/walk-through.sh
{
  echo "#!/usr/bin/env bash"
  echo "# The four cross-border modes on the demo network. Run: bash $WALK (needs curl and jq)."
  echo "JM=http://127.0.0.1:$JM_PORT MO=http://127.0.0.1:$MO_PORT"
  echo "TONGBAN=$TONGBAN MO_CARRIER_SECRET=$DEMO/mo/carriers/sim-post.secret"
  cat "$ROOT/scripts/demo/walk-through.sh"
} > "$WALK"
chmod 700 "$WALK"

if [[ $CHECK == 1 ]]; then
  log "TONGBAN_DEMO_CHECK=1: checking the federation listeners, then running the walk-through"
  check_mutual_tls
  status=0
  (cd "$DEMO" && bash "$WALK") || status=$?
  exit $status
fi

cat << EOF

tongban three-node demo — Ctrl-C stops all three
  Jiangmen  CN-GD-JM  http://127.0.0.1:$JM_PORT   federation https://localhost:$JM_FED_PORT   data $DEMO/jm
  Macao     MO        http://127.0.0.1:$MO_PORT   federation https://localhost:$MO_FED_PORT   data $DEMO/mo
  Hong Kong HK        http://127.0.0.1:$HK_PORT   federation https://localhost:$HK_FED_PORT   data $DEMO/hk
  Federation: mutual TLS 1.3 (CA and certificates in $DEMO/pki), peers and agreements from the signed directory
  of the operator in $DEMO/operator (published in $DEMO/site; each node holds a verified copy in
  $FED/<ID>/directory.json and refreshes it from the other nodes). Nothing here is rewritten at a restart: change
  the network with $TONGBAN directory set-agreements|add-member --replace --dir $DEMO/operator …,
  then directory sign and directory publish, and copy the published directory to a node (or let it refresh).
  Accounts on every node (login / password): applicant@demo.tongban / demo-Applicant-2026,
    clerk@demo.tongban / demo-Clerk-2026, reviewer@demo.tongban / demo-Reviewer-2026, admin@demo.tongban / demo-Admin-2026
  and for the four modes:
$(print_accounts)

The walk-through of the four modes (remote intake, online across borders, delegated, joint), also in $WALK:
run it from another terminal with: bash $WALK  (it stops at the first failure: set -e)
EOF
cat "$WALK"
echo
echo "# Federation status of a node, from another terminal: $TONGBAN federation status --data-dir $DEMO/jm"
echo "# The directory: $TONGBAN directory show $DEMO/site/federation/v1/directory --anchor $DEMO/site/anchor.json"
wait -n "${PIDS[@]}" || true
# Ctrl-C reaches the nodes too (same process group): when all have stopped, that was it; one alone is a failure.
sleep 1
for pid in "${PIDS[@]}"; do
  if kill -0 "$pid" 2> /dev/null; then
    echo "demo: a node stopped unexpectedly; see $DEMO/{jm,mo,hk}.log" >&2
    exit 1
  fi
done
