import { z } from '@hono/zod-openapi';
import { renderStates } from '../render/render.js';
import { maxHoldFrames, maxKeyframes, maxManualBoxes } from './review.js';

const share = (what: string) => z.number({ message: `${what} is a number` }).min(0, `${what} is at least 0`).max(1, `${what} is at most 1`);

export const SettingsSchema = z
  .object({
    mode: z.enum(['keep-only', 'redact-detected'], { message: 'mode is keep-only or redact-detected' }),
    style: z.enum(['fill', 'pixelate'], { message: 'style is fill or pixelate' }),
    keep: z.array(z.string().regex(/^t\d{1,6}$/, 'kept tracks are detected track ids such as t12')).max(200).readonly(),
    margin: share('margin'),
    holdFrames: z.number().int('holdFrames is a whole number').min(0).max(maxHoldFrames),
  })
  .strict()
  .openapi('RedactionSettings');

export const ManualBoxSchema = z
  .object({
    id: z.string().regex(/^m\d{1,4}$/, 'manual box ids are m1, m2, …'),
    label: z.string().max(80),
    keyframes: z
      .array(z.object({ t: z.number().min(0, 't is ms from the clip start'), x: share('x'), y: share('y'), w: share('w'), h: share('h') }).strict())
      .min(1, 'a manual box needs a keyframe')
      .max(maxKeyframes)
      .readonly(),
  })
  .strict()
  .openapi('RedactionManualBox');

export const ChoicesSchema = z.object({ settings: SettingsSchema, manual: z.array(ManualBoxSchema).max(maxManualBoxes).readonly() });

export const SaveReviewBody = ChoicesSchema.extend({ version: z.number().int().min(0, 'version is the version you changed (0: none saved yet)') }).strict().openapi('SaveRedactionReview');

export const ReviewSchema = ChoicesSchema.extend({
  analysisId: z.string(),
  version: z.number(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
}).openapi('RedactionReview');

export const StillQuery = z.object({
  t: z.coerce.number({ message: 't is ms from the clip start' }).min(0, 't is ms from the clip start'),
});

/** A preview is a read (GET): the choices on screen travel as JSON in the query (at most 20 000 characters). */
export const PreviewQuery = z.object({
  t: z.coerce.number({ message: 't is ms from the clip start' }).min(0, 't is ms from the clip start'),
  choices: z
    .string()
    .max(20_000, 'choices are at most 20 000 characters of JSON')
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'choices is JSON: { settings, manual }' });
        return z.NEVER;
      }
    })
    .pipe(ChoicesSchema),
});

export const RenderIdParam = z.object({ id: z.uuid('must be a render id') });

export const RenderSchema = z
  .object({
    id: z.string(),
    analysisId: z.string(),
    caseRef: z.string(),
    requestId: z.string(),
    state: z.enum(renderStates),
    progress: z.number(),
    settings: z.object({ settings: SettingsSchema, manual: z.array(ManualBoxSchema).readonly(), reviewVersion: z.number() }),
    frames: z.number().nullable(),
    exportId: z.string().nullable(),
    error: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('RedactionRender');
