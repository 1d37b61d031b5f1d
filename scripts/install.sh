#!/usr/bin/env bash
# Installs the npm dependencies (only when package-lock.json changed since the last install) and builds.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.toezicht-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  # `npm install` (not `npm ci`): the registry reachable here serves only this platform's optional
  # binaries (e.g. @rollup/rollup-linux-x64-gnu), so the lockfile cannot list the others and
  # `npm ci` refuses it as out of sync. `npm install` honours the lockfile's versions all the same.
  echo "==> npm install"
  npm install --no-audit --no-fund
  cp package-lock.json "$stamp"
fi
bash scripts/build-native.sh # the recorder's in-place AES-256-GCM (optional: node:crypto without it)
bash scripts/fetch-models.sh # redaction detector weights into models/ (issue 9)
echo "==> build (server + web UI)"
npm run --silent build
