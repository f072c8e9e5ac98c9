#!/usr/bin/env bash
# make demo: three tongban nodes on 127.0.0.1 — Jiangmen (CN-GD-JM, :8080), Macao (MO, :8081), Hong Kong (HK, :8082)
# — each with its own data dir and SQLite file under .demo/<node>, its own Ed25519 key (generated at the first start
# into .demo/federation/<ID>/keys, never committed) and its own trust list (.demo/federation/<ID>.toml, made from
# the templates in data/federation/). Each runs `tongban demo`, so it has the demo accounts (applicant, clerk,
# reviewer, admin); the first start also adds a Macao reviewer of MO-DSAL, the authority of the walk-through item.
# Prints (and writes to .demo/walk-through.sh) a curl walk-through of a remote-intake case from the Jiangmen window
# to delivery. Ctrl-C stops all three nodes.
#
# Usage: scripts/demo.sh [path/to/tongban]    Ports: JM_PORT, MO_PORT, HK_PORT. Data: TONGBAN_DEMO_DIR (.demo).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TONGBAN=$(realpath "${1:-$ROOT/build/default/src/cli/tongban}")
DEMO=${TONGBAN_DEMO_DIR:-$ROOT/.demo}
JM_PORT=${JM_PORT:-8080} MO_PORT=${MO_PORT:-8081} HK_PORT=${HK_PORT:-8082}
FED=$DEMO/federation
NODES=("CN-GD-JM jm $JM_PORT" "MO mo $MO_PORT" "HK hk $HK_PORT")

[[ -x $TONGBAN ]] || { echo "demo: no tongban binary at $TONGBAN (run make build)" >&2; exit 1; }
command -v curl > /dev/null || { echo "demo: curl is needed for the walk-through" >&2; exit 1; }
for node in "${NODES[@]}"; do
  read -r id dir port <<< "$node"
  if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
    echo "demo: port $port (for $id) is in use — stop what runs there, or set ${dir^^}_PORT" >&2
    exit 1
  fi
done

# Keys: generated once per node, kept across runs (the peers' trust lists name the public keys).
mkdir -p "$FED"
chmod 700 "$FED"
for node in "${NODES[@]}"; do
  read -r id dir port <<< "$node"
  if [[ ! -f $FED/$id/keys/node.key ]]; then
    "$TONGBAN" keys generate --out "$FED/$id/keys" > /dev/null 2>> "$DEMO/$dir.log"
    echo "demo: generated the $id node key in $FED/$id/keys"
  fi
done

# Trust lists from the templates: every node's port and public key filled in.
fill=(-e "s|@JM_PORT@|$JM_PORT|g" -e "s|@MO_PORT@|$MO_PORT|g" -e "s|@HK_PORT@|$HK_PORT|g")
for node in "${NODES[@]}"; do
  read -r id dir port <<< "$node"
  fill+=(-e "s|@${dir^^}_PUBLIC_KEY@|$(tr -d '\n' < "$FED/$id/keys/node.pub")|g")
done
for node in "${NODES[@]}"; do
  read -r id dir port <<< "$node"
  sed "${fill[@]}" "$ROOT/data/federation/$id.toml.in" > "$FED/$id.toml"
done

# The Macao reviewer of the walk-through item's authority (first start only).
if [[ ! -f $DEMO/mo/.dsal-reviewer ]]; then
  echo "demo: preparing the Macao node (first start: catalog, calendars, accounts)…"
  TONGBAN_PASSWORD=demo-Reviewer-2026 "$TONGBAN" account add --data-dir "$DEMO/mo" --jurisdiction MO \
    --role reviewer --authority MO-DSAL --login reviewer.dsal@demo.tongban --name "DSAL reviewer 審核員" \
    >> "$DEMO/mo.log" 2>&1
  touch "$DEMO/mo/.dsal-reviewer"
fi

PIDS=()
stop_nodes() {
  trap - INT TERM EXIT
  if ((${#PIDS[@]})); then
    echo
    echo "demo: stopping the three nodes…"
    kill -TERM "${PIDS[@]}" 2> /dev/null || true
    wait "${PIDS[@]}" 2> /dev/null || true
  fi
}
trap stop_nodes EXIT
trap 'exit 130' INT TERM

for node in "${NODES[@]}"; do
  read -r id dir port <<< "$node"
  "$TONGBAN" demo --data-dir "$DEMO/$dir" --jurisdiction "$id" --listen "127.0.0.1:$port" \
    --federation "$FED/$id.toml" >> "$DEMO/$dir.log" 2>&1 &
  PIDS+=($!)
done
echo "demo: starting Jiangmen, Macao and Hong Kong (logs in $DEMO/{jm,mo,hk}.log)…"
for node in "${NODES[@]}"; do
  read -r id dir port <<< "$node"
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$port/readyz" > /dev/null 2>&1 && break
    for pid in "${PIDS[@]}"; do
      kill -0 "$pid" 2> /dev/null || { echo "demo: a node stopped; see $DEMO/$dir.log" >&2; tail -5 "$DEMO/$dir.log" >&2; exit 1; }
    done
    sleep 0.2
  done
  curl -sf "http://127.0.0.1:$port/readyz" > /dev/null || { echo "demo: $id is not ready; see $DEMO/$dir.log" >&2; exit 1; }
done

WALK=$DEMO/walk-through.sh
{
  echo "# A Macao matter at a Jiangmen window: remote intake (异地代收代办) from the Jiangmen window to delivery."
  echo "# Paste into another terminal (bash), or run: bash $WALK"
  echo "JM=http://127.0.0.1:$JM_PORT; MO=http://127.0.0.1:$MO_PORT"
  cat << 'EOF'
tok()   { curl -s -X POST "$1/api/v1/sessions" -d "{\"login\":\"$2\",\"password\":\"$3\"}" | sed 's/.*"token":"\([^"]*\)".*/\1/'; }
ver()   { curl -s "$1" -H "Authorization: Bearer $2" | sed 's/.*"version":\([0-9]*\).*/\1/'; }
state() { curl -s "$1" -H "Authorization: Bearer $2" | sed 's/.*"state":"\([a-z_]*\)".*/\1/'; echo; }
K=$(tok $JM clerk@demo.tongban demo-Clerk-2026)             # Jiangmen clerk at JM-WIN-CITY (hosts ZONE-MO-IN-JM)
R=$(tok $MO reviewer.dsal@demo.tongban demo-Reviewer-2026)  # Macao reviewer of MO-DSAL
A=$(tok $JM applicant@demo.tongban demo-Applicant-2026)     # the applicant, registered in Jiangmen
AP=$(curl -s $JM/api/v1/accounts/me -H "Authorization: Bearer $A" | sed 's/^{"id":"\([^"]*\)".*/\1/')

# 1. The Macao item offered at Jiangmen windows (zone ZONE-MO-IN-JM), with the materials and fields it needs
curl -s "$JM/api/v1/items?zone=ZONE-MO-IN-JM&authority=MO-DSAL&limit=3"; echo
curl -s $JM/api/v1/items/MO-DSAL-002; echo

# 2. The clerk scans the applicant's Macao BIR and the signed application form (PDF, PNG or JPEG)
printf '%%PDF-1.4 scanned Macao BIR' > bir.pdf
printf '%%PDF-1.4 signed application form' > form.pdf
BIR=$(curl -s -X POST $JM/api/v1/blobs -H "Authorization: Bearer $K" --data-binary @bir.pdf | sed 's/.*"sha256":"\([0-9a-f]*\)".*/\1/')
FORM=$(curl -s -X POST $JM/api/v1/blobs -H "Authorization: Bearer $K" --data-binary @form.pdf | sed 's/.*"sha256":"\([0-9a-f]*\)".*/\1/')

# 3. The clerk opens the case for the applicant, who consents to its transfer to Macao (mode: remote_intake)
C=$(curl -s -X POST $JM/api/v1/cases -H "Authorization: Bearer $K" -H "Idempotency-Key: walk-$(date +%s)" -d "{
  \"item_code\":\"MO-DSAL-002\", \"applicant_id\":\"$AP\", \"consent_to_transfer\":true, \"delivery_method\":\"window_pickup\",
  \"form\":{\"applicant_name\":\"陳大文\",\"id_number\":{\"type\":\"MO_BIR\",\"number\":\"1234567(8)\"},
           \"phone\":\"+85366123456\",\"consent_transfer\":true},
  \"materials\":[{\"material_id\":\"mo_bir\",\"blob\":\"$BIR\"},{\"material_id\":\"application_form\",\"blob\":\"$FORM\"}]}" |
  sed 's/^{"id":"\([^"]*\)".*/\1/'); echo "Jiangmen case: $C"

# 4. Identity and materials checked at the window, then forwarded: a signed case.forward goes to Macao
curl -s -X POST $JM/api/v1/cases/$C/actions -H "Authorization: Bearer $K" -H 'If-Match: "1"' -d '{"action":"check_intake","note":"BIR original seen, scans match"}'; echo
curl -s -X POST $JM/api/v1/cases/$C/actions -H "Authorization: Bearer $K" -H 'If-Match: "2"' -d '{"action":"forward"}'; echo
sleep 1

# 5. Macao has its own copy under MO-DSAL, in the reviewer's queue; Jiangmen's history says "received by MO as …"
curl -s "$MO/api/v1/cases?state=forwarded" -H "Authorization: Bearer $R"; echo
M=$(curl -s $JM/api/v1/cases/$C/events -H "Authorization: Bearer $K" | grep -o 'received by MO as MO-[0-9]*-[0-9]*' | sed 's/.* as //'); echo "Macao case: $M"

# 6. The Macao reviewer decides; every status travels back to Jiangmen as a signed case.status
curl -s -X POST $MO/api/v1/cases/$M/actions -H "Authorization: Bearer $R" -H "If-Match: \"$(ver $MO/api/v1/cases/$M $R)\"" -d '{"action":"accept"}'; echo
curl -s -X POST $MO/api/v1/cases/$M/actions -H "Authorization: Bearer $R" -H "If-Match: \"$(ver $MO/api/v1/cases/$M $R)\"" -d '{"action":"start_review"}'; echo
curl -s -X POST $MO/api/v1/cases/$M/actions -H "Authorization: Bearer $R" -H "If-Match: \"$(ver $MO/api/v1/cases/$M $R)\"" -d '{"action":"approve","note":"registered"}'; echo
curl -s -X POST $MO/api/v1/cases/$M/actions -H "Authorization: Bearer $R" -H "If-Match: \"$(ver $MO/api/v1/cases/$M $R)\"" -d '{"action":"issue_result","note":"DSAL registration card, for pickup at the Jiangmen window"}'; echo
sleep 1

# 7. Jiangmen shows the same state and result; so does the applicant's own view
state $JM/api/v1/cases/$C $K                        # result_issued
curl -s $JM/api/v1/cases/$C -H "Authorization: Bearer $A"; echo

# 8. The applicant picks the result up at the Jiangmen window: recorded there, sent to Macao (delivery.update)
curl -s -X POST $JM/api/v1/cases/$C/actions -H "Authorization: Bearer $K" -H "If-Match: \"$(ver $JM/api/v1/cases/$C $K)\"" -d '{"action":"deliver","delivery_method":"window_pickup","note":"picked up at the window"}'; echo
sleep 1
state $MO/api/v1/cases/$M $R                        # delivered

# 9. The same history on both nodes (Macao's events marked [remote MO …] in Jiangmen, and the other way round)
curl -s $JM/api/v1/cases/$C/events -H "Authorization: Bearer $K"; echo
curl -s $MO/api/v1/cases/$M/events -H "Authorization: Bearer $R"; echo
EOF
} > "$WALK"

cat << EOF

tongban three-node demo — Ctrl-C stops all three
  Jiangmen  CN-GD-JM  http://127.0.0.1:$JM_PORT   data $DEMO/jm   trusts MO, HK
  Macao     MO        http://127.0.0.1:$MO_PORT   data $DEMO/mo   trusts CN-GD-JM
  Hong Kong HK        http://127.0.0.1:$HK_PORT   data $DEMO/hk   trusts CN-GD-JM
  keys and trust lists in $FED (keys made at the first start; public keys filled into the trust lists)
  accounts on every node (login / password): applicant@demo.tongban / demo-Applicant-2026,
    clerk@demo.tongban / demo-Clerk-2026, reviewer@demo.tongban / demo-Reviewer-2026, admin@demo.tongban / demo-Admin-2026
  and in Macao: reviewer.dsal@demo.tongban / demo-Reviewer-2026 (reviewer of MO-DSAL)

EOF
cat "$WALK"
echo
echo "# Federation status of a node, from another terminal: $TONGBAN federation status --data-dir $DEMO/jm"
wait -n "${PIDS[@]}" || true
# Ctrl-C reaches the nodes too (same process group): when all have stopped, that was it; one alone is a failure.
sleep 1
for pid in "${PIDS[@]}"; do
  if kill -0 "$pid" 2> /dev/null; then
    echo "demo: a node stopped unexpectedly; see $DEMO/{jm,mo,hk}.log" >&2
    exit 1
  fi
done
