import crypto from 'node:crypto';
import type { Clock } from '../platform/clock.js';
import { forbidden } from '../platform/errors.js';
import { signMediaToken, verifyMediaToken, type MediaTokenInput } from './media-token.js';

/**
 * The keys of the media URLs (issue 6 item 7). URLs are signed with the current key; during a key
 * rotation the previous key(s) still verify, so URLs handed out just before the switch keep working
 * until they expire. Several API servers given the same key accept each other's URLs; without a
 * configured key each process makes its own (a single node).
 */
export interface MediaTokenKeys {
  current: Buffer;
  previous?: readonly Buffer[];
}

export class MediaUrls {
  private readonly keys: MediaTokenKeys;

  constructor(
    keys: MediaTokenKeys | undefined,
    private readonly clock: Clock,
    /** How long a media URL lives. */
    readonly ttlMs = 20 * 60_000,
  ) {
    this.keys = keys ?? { current: crypto.randomBytes(32) };
  }

  /** A token for one resource, expiring ttlMs from now (or at the given instant, shared by a playlist's segments). */
  sign(input: MediaTokenInput, expiresAtMs = this.clock.now().getTime() + this.ttlMs): string {
    return signMediaToken(this.keys.current, input, expiresAtMs);
  }

  /** Refuses (403, X-2) a token that no key made for this login session, view session, camera and resource, or that expired. */
  check(input: MediaTokenInput, token: string): void {
    const now = this.clock.now().getTime();
    let check = verifyMediaToken(this.keys.current, input, token, now);
    for (const key of this.keys.previous ?? []) {
      if (check.ok || check.reason !== 'mismatch') break;
      check = verifyMediaToken(key, input, token, now);
    }
    if (!check.ok) throw forbidden(`media_url_${check.reason}`, check.reason === 'expired' ? 'This media URL has expired' : 'This media URL is not valid for this session', 'X-2');
  }
}
