#!/usr/bin/env bash
# Obtains the real footage of the hand-labelled redaction evaluation (eval/redaction/real/,
# issue 9 item 5) into models/eval/opencv/ (gitignored: no video is committed, only the labels).
# Idempotent: footage already present is kept (evaluate.ts checks its SHA-256 against the labels).
#
#   models/eval/opencv/vtest.avi    768×576 MS-MPEG-4 v3, 79.5 s at 10 fps (795 frames): people walking outdoors, seen from above
#   models/eval/opencv/copyright    the Debian copyright file of the package it comes from
#   models/eval/opencv/NOTICE       source and licence
#
# Source: Debian's package opencv-doc (section main, DFSG-free), fetched with `apt-get download`
# (no installation, no root); its copyright file lists the example data under "Files: *",
# "License: Apache-2.0 AND BSD-3-Clause" (OpenCV's licences; only the Lena images are excluded).
set -euo pipefail
cd "$(dirname "$0")/.."
dest=models/eval/opencv
member=./usr/share/doc/opencv-doc/examples/data/vtest.avi
copyright=./usr/share/doc/opencv-doc/copyright

if [ -f "$dest/vtest.avi" ] && [ -f "$dest/copyright" ] && [ -f "$dest/NOTICE" ]; then
  echo "==> eval footage: present in $dest"
  exit 0
fi
command -v apt-get >/dev/null || { echo "apt-get not found: this script needs a Debian-like system" >&2; exit 1; }
echo "==> eval footage: fetching opencv-doc (Debian) into $dest"
work=$(mktemp -d)
chmod 755 "$work" # apt-get download runs as _apt where it can
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download -q opencv-doc >/dev/null)
deb=$(ls "$work"/opencv-doc_*.deb)
version=$(dpkg-deb -f "$deb" Version)
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work" "$member" "$copyright"
mkdir -p "$dest"
cp "$work/$copyright" "$dest/copyright"
printf '%s\n' \
  "vtest.avi from the Debian package opencv-doc $version (Debian main), path" \
  "/usr/share/doc/opencv-doc/examples/data/vtest.avi; the sample video of the OpenCV project." \
  "Licence: Apache-2.0 AND BSD-3-Clause (OpenCV's), as the package's copyright file (copied here" \
  "as 'copyright') lists it under \"Files: *\". Used by Toezicht's redaction evaluation" \
  "(eval/redaction/real/); the video is not committed to Toezicht's repository." \
  > "$dest/NOTICE"
cp "$work/$member" "$dest/vtest.avi.tmp"
mv "$dest/vtest.avi.tmp" "$dest/vtest.avi"
echo "==> eval footage: $(sha256sum "$dest/vtest.avi" | cut -c1-16)… $dest/vtest.avi"
