#!/usr/bin/env bash
# One command: install everything the tests need and run the whole suite (unit, HTTP, both databases, CLI, browser).
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: Chromium for the browser tests, 7-Zip for export checks, PostgreSQL client tools,
# GStreamer's RTSP server for the recorder tests.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v 7z >/dev/null 2>&1 || need+=(p7zip-full)
command -v pg_isready >/dev/null 2>&1 || need+=(postgresql-client)
# A real RTSP server for the recorder tests: GStreamer's RTSP server, driven from Python.
for pkg in gir1.2-gst-rtsp-server-1.0 python3-gi gstreamer1.0-plugins-base gstreamer1.0-plugins-good \
  gstreamer1.0-plugins-ugly gstreamer1.0-plugins-bad gstreamer1.0-rtsp; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "==> apt-get install ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

# PostgreSQL: the tests create and drop their own databases on the local server.
if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$version" ]; then
    echo "==> installing PostgreSQL"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    sed -i 's/^\(host.*127.0.0.1\/32\s*\)\S*$/\1trust/' "/etc/postgresql/$version/main/pg_hba.conf"
  fi
  echo "==> starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi

bash scripts/install.sh
echo "==> typecheck"
npx tsc -p tsconfig.json --noEmit
npx tsc -p web/tsconfig.json --noEmit
echo "==> tests"
npx vitest run "$@"
