#!/usr/bin/env bash
# The demo network's PKI: one certificate authority and, per node, a TLS certificate for its federation listener
# that is also its client certificate (mutual TLS), made with the openssl CLI. A real network takes these from its
# own PKI; this is for the single-machine demo only. Idempotent: what exists is kept. Keys are 0600 in a 0700 dir.
#
# Usage: scripts/demo-pki.sh DIR NODE_ID...      writes DIR/ca.crt, DIR/ca.key, DIR/<ID>.crt, DIR/<ID>.key and prints
#                                                 "<ID> sha256:<fingerprint>" per node (the DER certificate's SHA-256)
set -euo pipefail

if [[ $# -lt 2 || $1 == -h || $1 == --help ]]; then
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
DIR=$1
shift
command -v openssl > /dev/null || { echo "demo-pki: openssl is needed (Debian package openssl)" >&2; exit 1; }
mkdir -p "$DIR"
chmod 700 "$DIR"
umask 077

if [[ ! -f $DIR/ca.crt ]]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 825 -subj "/CN=tongban demo network CA" \
    -keyout "$DIR/ca.key" -out "$DIR/ca.crt" 2> /dev/null
fi

for id in "$@"; do
  if [[ ! -f $DIR/$id.crt ]]; then
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$id" \
      -keyout "$DIR/$id.key" -out "$DIR/$id.csr" 2> /dev/null
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n' > "$DIR/$id.ext"
    openssl x509 -req -days 825 -in "$DIR/$id.csr" -CA "$DIR/ca.crt" -CAkey "$DIR/ca.key" -CAcreateserial \
      -extfile "$DIR/$id.ext" -out "$DIR/$id.crt" 2> /dev/null
    rm -f "$DIR/$id.csr" "$DIR/$id.ext"
  fi
  fingerprint=$(openssl x509 -in "$DIR/$id.crt" -outform DER | sha256sum | cut -d' ' -f1)
  echo "$id sha256:$fingerprint"
done
