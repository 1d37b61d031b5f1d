import { encodeGreyAlphaPng } from './png.js';
import { rasterizeMask, type Polygon } from './polygon.js';

/** The size masks are drawn at; ffmpeg scales the picture to the video's own size (mask-args.ts). */
export const maskImageSize = { width: 1920, height: 1080 } as const;

/** The mask picture: opaque black where any polygon covers a pixel, transparent elsewhere. */
export function maskPng(polygons: readonly Polygon[], width: number = maskImageSize.width, height: number = maskImageSize.height): Buffer {
  const coverage = rasterizeMask(polygons, width, height);
  const pixels = new Uint8Array(width * height * 2);
  for (let i = 0; i < coverage.length; i++) pixels[i * 2 + 1] = coverage[i] ? 255 : 0;
  return encodeGreyAlphaPng(width, height, pixels);
}
