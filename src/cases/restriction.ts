import type { Violation } from './request-conditions.js';

/**
 * A restriction of processing (AVG art. 18) places a "do not use" hold on the footage (kind
 * `restriction`): it is kept, but not viewed, exported or given to anyone while the restriction
 * lasts (art. 18(2): only with the data subject's consent, for legal claims, or to protect the
 * rights of another person). This is the check for those who use footage (playback, export): ask
 * the holds covering the cameras × window (HoldPort.covering) and refuse with the result.
 */
export function restrictionBlocks(holds: readonly { kind: string; caseRef: string | null; releasedAt: string | null }[]): Violation | null {
  const restricted = holds.filter((hold) => hold.kind === 'restriction' && hold.releasedAt === null);
  if (!restricted.length) return null;
  const refs = [...new Set(restricted.map((hold) => hold.caseRef ?? '?'))].join(', ');
  return {
    code: 'footage_restricted',
    rule: 'AVG-18',
    message: {
      nl: `Deze beelden zijn beperkt op verzoek van een betrokkene (${refs}): ze worden bewaard maar niet gebruikt (AVG-18).`,
      en: `This footage is restricted at a data subject's request (${refs}): it is kept but not used (AVG-18).`,
    },
  };
}
