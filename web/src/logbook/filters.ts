import { amsterdamToIso } from '../format';

/** The logboek filters as typed in the form (times as Amsterdam wall-clock, from datetime-local inputs). */
export interface LogbookFilterForm {
  actor: string;
  action: string;
  camera: string;
  case: string;
  from: string;
  to: string;
}

export const emptyFilters: LogbookFilterForm = { actor: '', action: '', camera: '', case: '', from: '', to: '' };

/** The query parameters the API takes, shared by the list and the CSV export so both show the same rows. */
export type LogbookQuery = Partial<Record<keyof LogbookFilterForm, string>>;

export type FilterProblem = { field: 'from' | 'to'; problem: 'date' | 'order' };

export function toQuery(form: LogbookFilterForm): { query: LogbookQuery; problems: FilterProblem[] } {
  const query: LogbookQuery = {};
  const problems: FilterProblem[] = [];
  for (const key of ['actor', 'action', 'camera', 'case'] as const) {
    const value = form[key].trim();
    if (value) query[key] = value;
  }
  for (const key of ['from', 'to'] as const) {
    if (!form[key]) continue;
    let iso = amsterdamToIso(form[key]);
    // The API's `to` is inclusive: "up to and including 14:05" takes in all of that minute.
    if (iso && key === 'to' && /T\d{2}:\d{2}$/.test(form[key])) iso = new Date(Date.parse(iso) + 59_999).toISOString();
    if (iso) query[key] = iso;
    else problems.push({ field: key, problem: 'date' });
  }
  if (query.from && query.to && query.from > query.to) problems.push({ field: 'to', problem: 'order' });
  return { query, problems };
}
