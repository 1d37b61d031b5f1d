import type { Executor } from '../auth/user.repository.js';

/**
 * Erasure of footage (AVG art. 17; WEL-15, MOZ-4.7): carrying out an allowed erasure request
 * deletes the footage of the named cameras × window. The recorder owns footage, its index and its
 * day keys; the cases ask for the deletion through this port, implemented by the recorder
 * (src/recording/erasure.service.ts), wired as `erasure` in createCases.
 *
 * The deletion runs in the caller's transaction (the request's step), so the state change, the
 * deletion from the index and the logboek entry commit together. Removing the encrypted objects
 * from the store happens after the commit (`purge`); what a crash leaves behind stays in the
 * recorder's purge queue, which the next retention sweep empties.
 */
export interface ErasureWindow {
  cameraIds: string[];
  /** Instants (ISO-8601 UTC). */
  from: string;
  to: string;
}

export interface ErasedCamera {
  cameraId: string;
  segments: number;
  bytes: number;
  /** UTC days whose day key was destroyed because nothing of that day is left (INV-9). */
  keysDestroyed: string[];
}

export interface ErasureResult {
  cameras: ErasedCamera[];
  /** The store objects to remove once the transaction has committed. */
  storageKeys: string[];
}

export interface FootageErasurePort {
  /**
   * Deletes the footage of the window from the index, in the caller's transaction, under the
   * recorder's per-camera lock. Never deletes footage an active hold covers (INV-2): when a hold
   * covers part of the window, nothing is deleted and the covering holds are returned instead.
   */
  erase(window: ErasureWindow, ex: Executor): Promise<ErasureResult | { heldBy: { holdId: string; caseRef: string | null; kind: string }[] }>;
  /** Removes the erased objects from the footage store (after commit); returns how many went. */
  purge(storageKeys: readonly string[]): Promise<number>;
}
