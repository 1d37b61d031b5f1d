/**
 * Privacy-mask geometry (issue 9, item 4; DOM-2, WEL-4, SOE-8): a mask is a polygon in normalised
 * image coordinates (0..1 from the top-left), so it holds at every resolution the footage is shown,
 * exported or rendered at. Pure functions only: the mask store, the lift rules and the ffmpeg
 * filters live beside this file.
 */
export interface Point {
  readonly x: number;
  readonly y: number;
}

export type Polygon = readonly Point[];

/** A polygon is usable when it has at least three corners, all inside the frame. */
export function isValidPolygon(polygon: Polygon): boolean {
  return (
    polygon.length >= 3 &&
    polygon.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && p.x >= 0 && p.x <= 1 && p.y >= 0 && p.y <= 1)
  );
}

/**
 * Rasterise polygons into a width × height coverage map (1 = masked), even-odd rule, sampled at
 * pixel centres. A pixel that the polygon's edge crosses counts as masked (conservative: the edge
 * is grown by one pixel), so no masked pixel leaks at the border through rounding.
 */
export function rasterizeMask(polygons: readonly Polygon[], width: number, height: number): Uint8Array {
  const mask = new Uint8Array(width * height);
  for (const polygon of polygons) {
    if (!isValidPolygon(polygon)) continue;
    const pts = polygon.map((p) => ({ x: p.x * width, y: p.y * height }));
    for (let row = 0; row < height; row++) {
      // Sample the top, centre and bottom of the row so thin slivers are not missed.
      for (const y of [row + 0.001, row + 0.5, row + 0.999]) {
        const crossings: number[] = [];
        for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
          const a = pts[i]!;
          const b = pts[j]!;
          if (a.y > y !== b.y > y) crossings.push(a.x + ((y - a.y) / (b.y - a.y)) * (b.x - a.x));
        }
        crossings.sort((p, q) => p - q);
        for (let k = 0; k + 1 < crossings.length; k += 2) {
          const from = Math.max(0, Math.floor(crossings[k]!));
          const to = Math.min(width - 1, Math.ceil(crossings[k + 1]!) - 1);
          for (let col = from; col <= to; col++) mask[row * width + col] = 1;
        }
      }
    }
  }
  return mask;
}
