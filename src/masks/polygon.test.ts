import { describe, expect, it } from 'vitest';
import { isValidPolygon, rasterizeMask } from './polygon.js';

const square = [
  { x: 0.25, y: 0.25 },
  { x: 0.75, y: 0.25 },
  { x: 0.75, y: 0.75 },
  { x: 0.25, y: 0.75 },
];

describe('privacy-mask polygons', () => {
  it.each([
    [square, true],
    [square.slice(0, 2), false],
    [[...square.slice(0, 3), { x: 1.2, y: 0.5 }], false],
    [[{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: Number.NaN, y: 1 }], false],
  ])('validates %#', (polygon, valid) => {
    expect(isValidPolygon(polygon)).toBe(valid);
  });

  it('covers exactly the pixels inside a square, edges included', () => {
    const mask = rasterizeMask([square], 8, 8);
    const rows = Array.from({ length: 8 }, (_, r) => Array.from(mask.slice(r * 8, r * 8 + 8)).join(''));
    expect(rows).toEqual(['00000000', '00000000', '00111100', '00111100', '00111100', '00111100', '00000000', '00000000']);
  });

  it('covers a triangle without leaking outside its bounding box', () => {
    const mask = rasterizeMask([[{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 0, y: 1 }]], 10, 10);
    expect(mask[0]).toBe(1);
    expect(mask[99]).toBe(0);
    expect(mask.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(50);
  });

  it('ignores invalid polygons', () => {
    expect(rasterizeMask([square.slice(0, 2)], 4, 4).every((v) => v === 0)).toBe(true);
  });
});
