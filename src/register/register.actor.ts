import type { Context } from 'hono';
import type { AppEnv } from '../auth/guard.js';
import type { RegisterActor } from './register.deps.js';

/** The logged-in person as the logboek records them (securedRoute has made sure there is one). */
export function actorOf(c: Context<AppEnv>): RegisterActor {
  const actor = c.get('actor')!;
  return { id: actor.id, name: actor.username, role: actor.role };
}
