/**
 * The difference between two protocol profiles as a list of changed JSON paths with the value
 * before and after (issue 3 item 6): what a logboek entry records when a version changes, and
 * what the privacy officer sees when comparing two versions.
 *
 * Paths are dotted. Array elements that carry a key (`id`, `permission`, `category`, …: the same
 * keys the rule map addresses fields by) are addressed by that key, so that inserting a grant does
 * not show every later grant as changed; other arrays (lists of words such as roles, or
 * unkeyed objects) are compared as one value. An added or removed member has `before` or
 * `after` undefined (absent from the JSON of the entry).
 */
export interface ProfileChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

/** The keys array elements are addressed by, in order of preference (see rule-map.test.ts). */
export const elementKeys = ['id', 'permission', 'category', 'limit', 'measure', 'event', 'reason', 'trigger', 'basis', 'ground'] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The key the elements of both arrays are addressed by: every element is an object with that key
 * as a string, unique within each array. Null when there is none (the arrays are compared whole).
 */
function keyOfElements(a: readonly unknown[], b: readonly unknown[]): string | null {
  if (a.length + b.length === 0 || ![...a, ...b].every(isObject)) return null;
  const keyed = (items: readonly unknown[], key: string) => {
    const values = (items as Record<string, unknown>[]).map((item) => item[key]);
    return values.every((value) => typeof value === 'string') && new Set(values).size === values.length;
  };
  return elementKeys.find((key) => keyed(a, key) && keyed(b, key)) ?? null;
}

/** Deep equality of JSON values (key order does not matter). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameJson(a[key], b[key]));
  }
  return false;
}

const join = (path: string, step: string) => (path ? `${path}.${step}` : step);

function change(path: string, before: unknown, after: unknown): ProfileChange {
  return { path, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) };
}

function diffArrays(path: string, a: unknown[], b: unknown[], out: ProfileChange[]): void {
  const key = keyOfElements(a, b);
  if (key === null) {
    if (!sameJson(a, b)) out.push(change(path, a, b));
    return;
  }
  const byKey = (items: unknown[]) => new Map((items as Record<string, unknown>[]).map((item) => [item[key] as string, item]));
  const before = byKey(a);
  const after = byKey(b);
  for (const [name, item] of before) diffValues(join(path, name), item, after.get(name), out);
  for (const [name, item] of after) if (!before.has(name)) out.push(change(join(path, name), undefined, item));
}

function diffValues(path: string, a: unknown, b: unknown, out: ProfileChange[]): void {
  if (sameJson(a, b)) return;
  if (Array.isArray(a) && Array.isArray(b)) return diffArrays(path, a, b, out);
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) diffValues(join(path, key), a[key], b[key], out);
    return;
  }
  out.push(change(path, a, b));
}

/** The changes that turn `before` into `after`, in document order of `before` (additions after). */
export function diffProfiles(before: unknown, after: unknown): ProfileChange[] {
  const out: ProfileChange[] = [];
  diffValues('', before as Json, after as Json, out);
  return out;
}
