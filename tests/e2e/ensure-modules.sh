#!/usr/bin/env bash
# Installs the suite's two npm packages (playwright-core, axe-core; versions pinned in package-lock.json) with
# `npm ci` when node_modules is missing or older than the lock file. No browser is downloaded: playwright-core
# has no install script, and the suite uses Debian's /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")"
stamp=node_modules/.package-lock.json
if [ -f "$stamp" ] && [ "$stamp" -nt package-lock.json ] && [ -d node_modules/playwright-core ] &&
  [ -d node_modules/axe-core ]; then
  exit 0
fi
echo "e2e: npm ci in $(pwd)"
timeout 300 npm ci --no-audit --no-fund --ignore-scripts
