#!/usr/bin/env bash
# Builds native/footage-cipher (AES-256-GCM in place for the recorder's sealing worker) with the C
# compiler against the headers of the Node that runs Toezicht; its OpenSSL and N-API symbols come
# from that Node at load time. Optional: if this fails, the recorder encrypts with node:crypto
# (the same format, more CPU) and says so in its log.
set -uo pipefail
cd "$(dirname "$0")/.."
src=native/footage-cipher/footage_cipher.c
out=native/footage-cipher/build/footage_cipher.node
include="$(node -p "require('node:path').join(process.execPath, '..', '..', 'include', 'node')")"
if [ ! -f "$include/node_api.h" ] || [ ! -f "$include/openssl/evp.h" ]; then
  echo "==> footage cipher: no Node headers at $include; the recorder will use node:crypto"
  exit 0
fi
if [ -f "$out" ] && [ "$out" -nt "$src" ] && [ "$out" -nt "$(command -v node)" ]; then exit 0; fi
echo "==> footage cipher (native, C)"
mkdir -p "$(dirname "$out")"
if ! cc -std=c11 -O2 -Wall -Wextra -Werror -fPIC -shared -DNAPI_VERSION=8 -I"$include" -o "$out.tmp" "$src"; then
  rm -f "$out.tmp"
  echo "==> footage cipher: build failed; the recorder will use node:crypto"
  exit 0
fi
mv "$out.tmp" "$out"
