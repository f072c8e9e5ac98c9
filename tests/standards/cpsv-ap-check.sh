#!/usr/bin/env bash
# make test's CPSV-AP check: exports the shipped catalog as CPSV-AP JSON-LD with `tongban catalog export` and
# validates it with rdf-validate-shacl against cpsv-ap-3.2.0-shapes.ttl (cpsv-shacl.mjs).
# Usage: cpsv-ap-check.sh TONGBAN_BINARY
set -euo pipefail
tongban=$1
here="$(cd "$(dirname "$0")" && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/node"  # an empty folder is a node to seed; a missing one is refused
"$tongban" catalog export --data-dir "$work/node" --format cpsv-ap --out "$work/catalog.jsonld" >/dev/null
node "$here/cpsv-shacl.mjs" "$work/catalog.jsonld"
