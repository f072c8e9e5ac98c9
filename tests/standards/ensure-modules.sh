#!/usr/bin/env bash
# Installs the standards validators (versions pinned in package-lock.json: @redocly/cli, @stoplight/prism-cli,
# rdf-validate-shacl, @zazuko/env-node) with `npm ci` when node_modules is missing or older than the lock file.
set -euo pipefail
cd "$(dirname "$0")"
stamp=node_modules/.package-lock.json
if [ -f "$stamp" ] && [ "$stamp" -nt package-lock.json ] && [ -d node_modules/rdf-validate-shacl ] &&
  [ -d node_modules/@redocly/cli ] && [ -d node_modules/@stoplight/prism-cli ]; then
  exit 0
fi
echo "standards: npm ci in $(pwd)"
timeout 600 npm ci --no-audit --no-fund --ignore-scripts
