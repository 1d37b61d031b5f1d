/**
 * Helpers for deriving the web client's API types from the server's own (ARCHITECTURE §6).
 * Type-only: the UI imports the server's zod schemas and domain types with `import type`, so
 * nothing of the server reaches the browser bundle; these helpers bridge the two gaps that leaves.
 */

/** What `JSON.parse(JSON.stringify(value))` gives back for a server value: Dates become ISO strings. */
export type Jsonified<T> = T extends Date
  ? string
  : T extends string | number | boolean | null | undefined
    ? T
    : T extends readonly (infer U)[]
      ? Jsonified<U>[]
      : T extends object
        ? { [K in keyof T]: Jsonified<T[K]> }
        : T;

/**
 * `true` when the runtime list the UI keeps names every value of the server's union; otherwise an
 * object naming the missing ones. Pair it with `as const satisfies readonly ServerType[]` (no value
 * the server does not know) so a list that drifts either way fails `tsc`:
 *
 *   export const areaTypes = [...] as const satisfies readonly AreaType[];
 *   type _AreaTypes = Assert<Covers<typeof areaTypes, AreaType>>;
 */
export type Covers<List extends readonly unknown[], Server> = [Exclude<Server, List[number]>] extends [never]
  ? true
  : { missing: Exclude<Server, List[number]> };

/** Fails `tsc` unless its argument is `true`. */
export type Assert<T extends true> = T;
