# shellcheck shell=bash
# Sourced by scripts/demo.sh: the demo network, made once under $DEMO and reused afterwards.
#   $DEMO/pki/                 the demo CA and one TLS certificate per node (scripts/demo-pki.sh)
#   $DEMO/federation/<ID>/keys each node's Ed25519 signing key (tongban keys generate)
#   $DEMO/operator/            the federation operator's working folder (tongban directory init): its key, the
#                              anchor, the draft, the signed directory.json, the audit log
#   $DEMO/site/                the published directory (tongban directory publish)
#   $DEMO/federation/<ID>.toml each node's federation config: [node], [tls], [directory] — no [[peers]]: the peers,
#                              their keys, TLS fingerprints, channels, the delegation and the joint group all come
#                              from the signed directory
# Needs: TONGBAN, ROOT, DEMO, NODES ("<ID> <dir> <public port> <federation port>" each), log().

# The agreements of the demo network (tongban directory set-agreements): one channel per ordered pair with the
# message types the receiving side accepts and the data categories the sending side may send, for all four modes.
demo_agreements() {
  cat << 'JSON'
{
  "zones": [
    {"code": "ZONE-MO-IN-JM", "owner": "MO", "host": "CN-GD-JM"},
    {"code": "ZONE-HK-IN-JM", "owner": "HK", "host": "CN-GD-JM"},
    {"code": "ZONE-JM-IN-MO", "owner": "CN-GD-JM", "host": "MO"}
  ],
  "delegations": [
    {"owner_authority": "MO-DSAL", "delegate_node": "CN-GD-JM", "delegate_authority": "JM-HRSS"}
  ],
  "joint": [
    {"items": ["JM-HRSS-004", "MO-FSS-006"]}
  ],
  "channels": [
    {"from": "CN-GD-JM", "to": "MO",
     "message_types": ["case.forward", "case.status", "case.supplement", "delivery.update",
                       "identity.assertion", "case.result", "subcase.request", "subcase.status",
                       "certificate.status", "shipment.update"],
     "data_categories": ["case", "personal", "documents", "identity"]},
    {"from": "MO", "to": "CN-GD-JM",
     "message_types": ["case.forward", "case.status", "case.supplement", "delivery.update",
                       "identity.assertion", "subcase.request", "subcase.status", "subcase.done",
                       "certificate.status", "shipment.update"],
     "data_categories": ["case", "personal", "documents", "identity"]},
    {"from": "CN-GD-JM", "to": "HK",
     "message_types": ["case.forward", "case.status", "case.supplement", "delivery.update", "identity.assertion"],
     "data_categories": ["case", "personal", "documents", "identity"]},
    {"from": "HK", "to": "CN-GD-JM",
     "message_types": ["case.status"],
     "data_categories": ["case"]}
  ]
}
JSON
}

# The ports the network was made with: the directory names the federation endpoints, so later starts must use
# the same ones (or the operator re-issues the members with tongban directory add-member --replace).
demo_ports() {
  local node id port fed
  for node in "${NODES[@]}"; do
    read -r id _ port fed <<< "$node"
    echo "$id $port $fed"
  done
}

make_network() {
  local node id fed fingerprint
  if [[ -f $DEMO/ports ]]; then
    if [[ $(demo_ports) != "$(cat "$DEMO/ports")" ]]; then
      echo "demo: $DEMO was made with other ports:" >&2
      sed 's/^/  /' "$DEMO/ports" >&2
      echo "  set JM_PORT/JM_FED_PORT … to those, or remove $DEMO to start a new network" >&2
      exit 1
    fi
    log "reusing the network in $DEMO (directory changes only with tongban directory --dir $DEMO/operator …)"
    return
  fi
  if [[ -e $DEMO/operator || -e $FED ]]; then
    echo "demo: $DEMO was made by an unfinished first start or an older demo (no $DEMO/ports); remove it" >&2
    exit 1
  fi
  log "first start: making the demo network in $DEMO …"

  # PKI: one CA, one certificate per node (server and client authentication, SAN localhost / 127.0.0.1).
  local ids=()
  for node in "${NODES[@]}"; do
    read -r id _ <<< "$node"
    ids+=("$id")
  done
  declare -A fingerprints
  while read -r id fingerprint; do
    fingerprints[$id]=$fingerprint
  done < <("$ROOT/scripts/demo-pki.sh" "$DEMO/pki" "${ids[@]}")

  # The operator, then per node its key, its config and its join request.
  "$TONGBAN" directory init --dir "$DEMO/operator" --operator DEMO-GBA-OPERATOR > /dev/null
  for node in "${NODES[@]}"; do
    read -r id _ _ fed <<< "$node"
    mkdir -p "$FED/$id"
    "$TONGBAN" keys generate --out "$FED/$id/keys" > /dev/null 2>> "$DEMO/keys.log"
    install -m 600 "$DEMO/operator/anchor.json" "$FED/$id/anchor.json"
    write_federation_config "$id" > "$FED/$id.toml"
    chmod 600 "$FED/$id.toml"
    "$TONGBAN" directory join-request --config "$FED/$id.toml" --endpoint "https://localhost:$fed" \
      --tls-fingerprint "${fingerprints[$id]}" --out "$DEMO/operator/$id-request.json" > /dev/null
    "$TONGBAN" directory add-member --dir "$DEMO/operator" "$DEMO/operator/$id-request.json" > /dev/null
  done
  demo_agreements > "$DEMO/operator/agreements.json"
  "$TONGBAN" directory set-agreements --dir "$DEMO/operator" "$DEMO/operator/agreements.json" > /dev/null
  "$TONGBAN" directory sign --dir "$DEMO/operator" --valid-days 30 > /dev/null
  mkdir -p "$DEMO/site"
  "$TONGBAN" directory publish --dir "$DEMO/operator" "$DEMO/site" > /dev/null

  # Each member got the anchor out of band (above) and starts from the published copy; afterwards it refreshes
  # the directory from the other members' federation listeners (GET /federation/v1/directory, mutual TLS).
  for node in "${NODES[@]}"; do
    read -r id _ <<< "$node"
    install -m 600 "$DEMO/site/federation/v1/directory" "$FED/$id/directory.json"
  done
  demo_ports > "$DEMO/ports"
  "$TONGBAN" directory show "$DEMO/site/federation/v1/directory" --anchor "$DEMO/site/anchor.json" | sed 's/^/  /'
}

# One node's federation config. Relative paths are relative to the file ($DEMO/federation).
write_federation_config() {
  local self=$1 node id fed sources=()
  for node in "${NODES[@]}"; do
    read -r id _ _ fed <<< "$node"
    [[ $id == "$self" ]] || sources+=("\"https://localhost:$fed\"")
  done
  local IFS=,
  cat << EOF
# $self in the demo network (made by scripts/demo.sh at the first start). Peers, keys, TLS fingerprints and
# agreements come from the signed federation directory; this file has no [[peers]].
[node]
id = "$self"
jurisdiction = "$self"
key_file = "$self/keys/node.key"

[relay]
initial_backoff_ms = 200
max_backoff_ms = 5000
request_timeout_ms = 5000

[tls]
certificate_file = "../pki/$self.crt"
private_key_file = "../pki/$self.key"
ca_file = "../pki/ca.crt"

[directory]
anchor_file = "$self/anchor.json"
file = "$self/directory.json"
sources = [${sources[*]}]
refresh_interval_ms = 60000
EOF
}
