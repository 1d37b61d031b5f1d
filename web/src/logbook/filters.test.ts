import { describe, expect, it } from 'vitest';
import { emptyFilters, toQuery } from './filters';

describe('logboek filters', () => {
  it('sends only what is filled in, times as UTC', () => {
    expect(toQuery({ ...emptyFilters, actor: ' jan ', from: '2025-06-01T09:00' })).toEqual({
      query: { actor: 'jan', from: '2025-06-01T07:00:00.000Z' },
      problems: [],
    });
  });
  it('takes in the whole last minute of the period', () => {
    expect(toQuery({ ...emptyFilters, to: '2025-01-10T14:05' }).query).toEqual({ to: '2025-01-10T13:05:59.999Z' });
  });
  it('refuses a period that ends before it starts', () => {
    expect(toQuery({ ...emptyFilters, from: '2025-06-02T00:00', to: '2025-06-01T00:00' }).problems).toEqual([{ field: 'to', problem: 'order' }]);
  });
  it('refuses an unreadable time', () => {
    expect(toQuery({ ...emptyFilters, from: 'gisteren' }).problems).toEqual([{ field: 'from', problem: 'date' }]);
  });
});
