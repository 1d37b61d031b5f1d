import crypto from 'node:crypto';

/**
 * Short-lived media URLs (issue 6 item 7). A playlist, init or segment URL carries
 * `t=<expiry>.<mac>`: an HMAC-SHA256 over the login session, the view session, the camera, what is
 * fetched and the expiry. The login session is not in the URL: it is the request's own cookie, so
 * a URL copied to another browser, user or session does not verify, and neither does an expired one.
 */
export interface MediaTokenInput {
  authSessionId: string;
  viewSessionId: string;
  cameraId: string;
  /** 'playlist' or the segment id: a token opens only the one resource it was made for. */
  resource: string;
}

export function signMediaToken(key: Buffer, input: MediaTokenInput, expiresAtMs: number): string {
  const expiry = Math.floor(expiresAtMs / 1000);
  return `${expiry}.${mac(key, input, expiry)}`;
}

export type TokenCheck = { ok: true } | { ok: false; reason: 'malformed' | 'expired' | 'mismatch' };

export function verifyMediaToken(key: Buffer, input: MediaTokenInput, token: string, nowMs: number): TokenCheck {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const expiry = Number(match[1]);
  const expected = Buffer.from(mac(key, input, expiry));
  const given = Buffer.from(match[2]!);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return { ok: false, reason: 'mismatch' };
  if (expiry * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true };
}

function mac(key: Buffer, input: MediaTokenInput, expiry: number): string {
  return crypto
    .createHmac('sha256', key)
    .update(['toezicht-media-v1', input.authSessionId, input.viewSessionId, input.cameraId, input.resource, String(expiry)].join('\n'))
    .digest('base64url');
}
