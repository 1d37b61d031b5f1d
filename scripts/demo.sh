#!/usr/bin/env bash
# One command for a newcomer: install everything, then start Toezicht with demo data on embedded SQLite (./data).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec node dist/src/bin/toezicht.js demo --data "${TOEZICHT_DATA:-./data}" "$@"
