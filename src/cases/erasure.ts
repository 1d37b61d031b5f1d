import type { ProtocolProfile } from '../protocol/profile.schema.js';
import type { HoldEnd } from '../protocol/vocabulary.js';
import type { Violation } from './request-conditions.js';

/** Pure rules of an erasure decision's effect (AVG art. 17): which holds stand in its way, and which rule says so. */

/** A hold that covers footage an erasure would delete, as the recorder reports it. */
export interface BlockingHold {
  holdId: string;
  caseRef: string | null;
  kind: string;
}

/** What each kind of hold keeps the footage for (the profile's release rule for it). */
const holdEndOf: Record<string, HoldEnd> = {
  incident: 'incident_handled',
  manual: 'incident_handled',
  police: 'police_consulted',
  court: 'irrevocable_judgment',
  retention_extension: 'request_handled',
};

/** Holds of the police and of court proceedings keep footage under a legal duty (AVG art. 17(3)(b)/(e)). */
const legalDuty = new Set(['police', 'court']);

/**
 * The rule that refuses the erasure of held footage (INV-2): the profile's own rule for the kind of
 * hold where it has one (DOM-9 police consultation, WCP-11 judgment, DOM-8/SOE-7.1 incident handled),
 * else AVG-17.3 (a legal duty or legal claims need the footage); a "do not use" hold of a
 * restriction request keeps it under AVG-18. (An erasure request places no hold of its own, so every
 * covering hold belongs to another case.)
 */
export function erasureBlockedBy(profile: ProtocolProfile, blocking: readonly BlockingHold[]): Violation | null {
  if (!blocking.length) return null;
  const pick = blocking.find((hold) => legalDuty.has(hold.kind)) ?? blocking[0]!;
  const refs = [...new Set(blocking.map((hold) => hold.caseRef ?? pick.holdId))].join(', ');
  let rule: string;
  if (pick.kind === 'restriction') rule = 'AVG-18';
  else {
    const until = holdEndOf[pick.kind];
    const held = until ? profile.retention.holds.find((entry) => entry.until === until) : undefined;
    rule = held?.rules[0] ?? 'AVG-17.3';
  }
  const duty = legalDuty.has(pick.kind);
  return {
    code: 'erasure_held',
    rule,
    message: {
      nl: `De beelden worden niet gewist: ${duty ? 'een wettelijke plicht houdt ze vast' : 'ze zijn veiliggesteld'} voor ${refs} (${rule}). Wis ze nadat die veiligstelling is opgeheven.`,
      en: `The footage is not erased: ${duty ? 'a legal duty keeps it' : 'it is secured'} for ${refs} (${rule}). Erase it once that hold is released.`,
    },
  };
}
