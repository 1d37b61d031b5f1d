import { describe, expect, it } from 'vitest';
import { amsterdamToIso, summariseSubject } from './format';

describe('amsterdamToIso', () => {
  it.each([
    ['2025-01-15T12:00', '2025-01-15T11:00:00.000Z'], // winter time, UTC+1
    ['2025-07-15T12:00', '2025-07-15T10:00:00.000Z'], // summer time, UTC+2
    ['2025-07-15', '2025-07-14T22:00:00.000Z'], // a date alone is its midnight
    ['2025-12-31T23:59:59', '2025-12-31T22:59:59.000Z'],
    ['2025-03-30T01:59', '2025-03-30T00:59:00.000Z'], // just before the spring change
    ['2025-03-30T03:00', '2025-03-30T01:00:00.000Z'], // just after it
    ['2025-10-26T03:30', '2025-10-26T02:30:00.000Z'], // after the autumn change
  ])('%s in Amsterdam is %s', (input, expected) => {
    expect(amsterdamToIso(input)).toBe(expected);
  });

  it('refuses what it cannot read', () => {
    expect(amsterdamToIso('')).toBeNull();
    expect(amsterdamToIso('15-01-2025')).toBeNull();
  });
});

describe('summariseSubject', () => {
  it('lists the filled-in fields', () => {
    expect(summariseSubject({ cameraId: 'cam-1', from: '10:00', to: null, ids: [1, 2] })).toBe('cameraId: cam-1, from: 10:00, ids: [1,2]');
  });
  it('shortens long subjects', () => {
    expect(summariseSubject({ a: 'x'.repeat(300) }, 20)).toHaveLength(20);
  });
  it('is empty for no subject', () => {
    expect(summariseSubject(null)).toBe('');
  });
});
