import { invalid } from '../platform/errors.js';
import type { HoldWindow } from './segment.js';

/**
 * Holds ("veiligstellen", MOZ-2.4, WCP-4): cameras × a time window that no sweep, disk pressure or
 * hand deletes while the hold is active (INV-2). The case workflows (incidents, requests) place
 * them; the CLI and API can place and release one by hand. Instants are ISO-8601 UTC text.
 */
export const holdKinds = ['manual', 'incident', 'police', 'court', 'restriction', 'retention_extension'] as const;
export type HoldKind = (typeof holdKinds)[number];

export interface HoldActor {
  id: string | null;
  name: string;
  role: string | null;
}

export interface HoldRecord {
  id: string;
  caseRef: string | null;
  kind: HoldKind;
  cameraIds: string[];
  from: string;
  to: string;
  reason: string;
  reviewAt: string | null;
  createdAt: string;
  createdBy: string;
  releasedAt: string | null;
  releasedBy: string | null;
  releaseReason: string | null;
}

export interface NewHold {
  cameraIds: string[];
  from: string;
  to: string;
  reason: string;
  caseRef?: string | null;
  kind?: HoldKind;
  reviewAt?: string | null;
  createdBy: HoldActor;
}

const maxWindowDays = 366;

/** Checks a new hold and returns it normalised (instants as toISOString, cameras unique and sorted). */
export function normaliseHold(input: NewHold): Required<Omit<NewHold, 'createdBy'>> & { createdBy: HoldActor } {
  const cameraIds = [...new Set(input.cameraIds)].sort();
  if (cameraIds.length === 0) throw invalid('hold_cameras_required', 'A hold names at least one camera', 'cameraIds');
  for (const id of cameraIds) if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw invalid('hold_camera_invalid', 'Not a camera id', 'cameraIds');
  const from = instant(input.from, 'from');
  const to = instant(input.to, 'to');
  if (to.getTime() <= from.getTime()) throw invalid('hold_window_empty', 'A hold ends after it starts', 'to');
  if (to.getTime() - from.getTime() > maxWindowDays * 86_400_000) throw invalid('hold_window_too_long', `A hold covers at most ${maxWindowDays} days`, 'to');
  const reason = input.reason.trim();
  if (!reason || reason.length > 2000) throw invalid('hold_reason_required', 'A hold states its reason (at most 2000 characters)', 'reason');
  const kind = input.kind ?? 'manual';
  if (!holdKinds.includes(kind)) throw invalid('hold_kind_invalid', `A hold's kind is one of ${holdKinds.join(', ')}`, 'kind');
  const reviewAt = input.reviewAt ? instant(input.reviewAt, 'reviewAt').toISOString() : null;
  return { cameraIds, from: from.toISOString(), to: to.toISOString(), reason, caseRef: input.caseRef ?? null, kind, reviewAt, createdBy: input.createdBy };
}

function instant(value: string, field: string): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw invalid('hold_bad_instant', `${field} is not a date-time`, field);
  return at;
}

export function holdWindow(hold: Pick<HoldRecord, 'from' | 'to' | 'releasedAt'>): HoldWindow {
  return { from: new Date(hold.from), to: new Date(hold.to), releasedAt: hold.releasedAt ? new Date(hold.releasedAt) : null };
}
