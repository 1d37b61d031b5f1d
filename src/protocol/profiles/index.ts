import type { ProtocolProfile } from '../profile.schema.js';
import { domijn } from './domijn.js';
import { mozaiek } from './mozaiek.js';
import { soest } from './soest.js';
import { welwonen } from './welwonen.js';
import { wooncompas } from './wooncompas.js';

/** Frozen all the way down: a caller that wants a variant (a site override) works on a copy. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** The shipped profiles, one per seed protocol, in seed order. */
export const shippedProfiles: readonly ProtocolProfile[] = deepFreeze([domijn, welwonen, mozaiek, soest, wooncompas]);

export type ShippedProfileId = 'domijn' | 'welwonen' | 'mozaiek' | 'soest' | 'wooncompas';

export function listProfiles(): readonly ProtocolProfile[] {
  return shippedProfiles;
}

/** The shipped profile with this id, or undefined. */
export function getProfile(id: string): ProtocolProfile | undefined {
  return shippedProfiles.find((profile) => profile.id === id);
}

export { domijn, mozaiek, soest, welwonen, wooncompas };
