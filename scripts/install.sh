#!/usr/bin/env bash
# Installs the npm dependencies (only when package-lock.json changed since the last install) and builds.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.toezicht-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "==> npm ci"
  npm ci --no-audit --no-fund
  cp package-lock.json "$stamp"
fi
echo "==> build (server + web UI)"
npm run --silent build
