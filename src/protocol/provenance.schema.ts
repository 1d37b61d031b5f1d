import { z } from 'zod';
import { ruleFamily, ruleSources } from './rules.js';

/** A text in Dutch (the protocol's language) and English (the UI switch). */
export const textSchema = z.strictObject({ nl: z.string().min(1), en: z.string().min(1) });
export type Text = z.infer<typeof textSchema>;

function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine(isCalendarDate, 'not a calendar date');

export const ruleIdSchema = z.string().refine((id) => ruleFamily(id) !== null, {
  message: 'not a rule ID (DOM-5, X-2, …) or a catalogued law reference (AVG-12.3, …)',
});

/** The rule(s) a field implements and where its value comes from (see `ruleSources`). */
export const provenance = {
  rules: z.array(ruleIdSchema),
  source: z.enum(ruleSources),
  /** Why the value is what it is, where the seed is silent or needs reading (English). */
  note: z.string().min(1).optional(),
};

/** An object schema that carries its provenance next to its own fields. */
export function ruled<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject({ ...shape, ...provenance });
}

const count = z.number().int().positive();

/**
 * A decision deadline. `avg_default` is AVG art. 12(3) (one month); `immediately` is the day of
 * receipt; `none` says that no deadline is set, either because the requester sets it (a police
 * vordering names its own date) or because neither the seed nor the law sets one.
 */
export const deadlineSchema = z.discriminatedUnion('kind', [
  ruled({ kind: z.literal('working_days'), n: count }),
  ruled({ kind: z.literal('weeks'), n: count }),
  ruled({ kind: z.literal('months'), n: count }),
  ruled({ kind: z.literal('avg_default') }),
  ruled({ kind: z.literal('immediately') }),
  ruled({ kind: z.literal('none'), setBy: z.enum(['requester', 'nobody']) }),
]);
export type Deadline = z.infer<typeof deadlineSchema>;
