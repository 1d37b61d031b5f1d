import type { Context } from 'hono';
import type { AppEnv } from '../auth/guard.js';
import type { CaseActor } from './case-context.js';

/** The logged-in person as the case logboek entries record them (securedRoute made sure there is one). */
export function actorOf(c: Context<AppEnv>): CaseActor {
  const actor = c.get('actor')!;
  return { id: actor.id, name: actor.username, role: actor.role };
}

/** Headers for a stored document: never sniffed, never cached, never run. */
export function documentHeaders(mediaType: string, fileName: string, size: number): Record<string, string> {
  const disposition = mediaType.startsWith('image/') ? 'inline' : 'attachment';
  return {
    'content-type': mediaType,
    'content-length': String(size),
    'content-disposition': `${disposition}; filename="${encodeURIComponent(fileName)}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
    'content-security-policy': "default-src 'none'; sandbox",
  };
}
