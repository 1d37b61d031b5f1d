import type { Executor } from '../auth/user.repository.js';

/**
 * Holds ("veiligstellen"): footage of cameras × a time window that no sweep, disk pressure or
 * hand may delete while the hold is active (INV-1, INV-2). The recorder owns footage, the hold
 * table and the retention sweep; the case workflows place and release holds through this port,
 * implemented by the recorder (src/recording/case-hold.port.ts, wired as recording.caseHolds).
 */
export const holdKinds = ['incident', 'police', 'court', 'restriction', 'retention_extension'] as const;
export type HoldKind = (typeof holdKinds)[number];

export interface HoldActor {
  id: string | null;
  name: string;
  role: string | null;
}

export interface HoldInput {
  cameraIds: string[];
  /** Instants (ISO-8601 UTC), margins included. */
  from: string;
  to: string;
  reason: string;
  caseRef: string;
  kind: HoldKind;
  createdBy: HoldActor;
  /** When someone looks again whether the hold is still needed (dashboard). */
  reviewAt?: string | null;
}

export interface Hold {
  id: string;
  caseRef: string;
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

/**
 * `ex`: the caller's transaction, so the hold and the case's logboek entry commit together. An
 * implementation that cannot join it (another process) ignores it and must then be idempotent.
 */
export interface HoldPort {
  create(input: HoldInput, ex?: Executor): Promise<{ id: string }>;
  release(id: string, by: HoldActor, reason: string, ex?: Executor): Promise<void>;
  list(caseRef: string, ex?: Executor): Promise<Hold[]>;
  get(id: string, ex?: Executor): Promise<Hold | null>;
  /** Every active (unreleased) hold. */
  active(): Promise<Hold[]>;
  /** Active holds whose review date has come (dashboard). */
  dueForReview(now: Date): Promise<Hold[]>;
  /** Active holds covering any part of the camera's footage between from and to (the retention sweep's question). */
  covering(cameraId: string, from: string, to: string): Promise<Hold[]>;
}
