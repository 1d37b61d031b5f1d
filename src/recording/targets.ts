import type { RecordingTarget as RegisterTarget } from '../register/register.feed.js';
import { withCredentials } from '../register/stream-url.js';
import type { RecordingMode } from './segment.js';
import { withResolvedHost } from './resolve-host.js';

/** One camera the recorder must record now. Holds the credentials: never log it or return it. */
export interface RecordingTarget {
  cameraId: string;
  name: string;
  /** rtsp://user:pass@…, rtsps://… or demo:<scene>. */
  url: string;
  mode: RecordingMode;
  /** The site's effective retention limit in days. */
  retentionDays: number;
}

/**
 * Where the recorder learns which cameras it may record. The only implementation in production is
 * the register's gate (INV-8): active, real cameras whose required approvals are on record today.
 */
export interface RecordingTargets {
  list(): Promise<RecordingTarget[]>;
}

/**
 * Register cameras whose URL names the host `demo.invalid` (a reserved name that never resolves,
 * RFC 2606) record the built-in demo scene named by the path: rtsp://demo.invalid/lobby → demo:lobby.
 * They pass the same approvals gate as every other camera.
 */
export const demoHost = 'demo.invalid';

export function sourceUrl(storedUrl: string, credentials: RegisterTarget['credentials']): string {
  const url = new URL(storedUrl);
  if (url.hostname === demoHost) return `demo:${url.pathname.replace(/^\/+/, '').toLowerCase().replace(/[^a-z0-9-]/g, '-') || 'lobby'}`;
  return withCredentials(storedUrl, credentials);
}

/** The register as the recorder's source of targets (src/register/register.feed.ts camerasAllowedToRecord). */
export function registerTargets(register: { camerasAllowedToRecord(): Promise<RegisterTarget[]> }): RecordingTargets {
  return {
    async list() {
      const targets = await register.camerasAllowedToRecord();
      return Promise.all(
        targets.map(async (t) => ({
          cameraId: t.cameraId,
          name: t.name,
          url: await withResolvedHost(sourceUrl(t.streamUrl, t.credentials)),
          mode: t.recordingMode,
          retentionDays: t.retentionDays,
        })),
      );
    },
  };
}

/** A fixed list (tests, benchmarks). */
export function staticTargets(targets: RecordingTarget[]): RecordingTargets & { set(next: RecordingTarget[]): void } {
  let current = targets;
  return {
    list: async () => current,
    set: (next) => {
      current = next;
    },
  };
}
