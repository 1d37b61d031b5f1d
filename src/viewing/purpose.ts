import type { Role } from '../auth/roles.js';
import { evaluate, type Evaluation } from '../protocol/evaluate.js';
import type { ProtocolProfile } from '../protocol/profile.schema.js';
import type { ViewReason } from '../protocol/vocabulary.js';

/**
 * Purpose binding (X-2; DOM-3, WEL-12, MOZ-6.4, SOE-8, WCP-2), pure: which reason a view session
 * states and whether the profile allows it. A case reference (an open incident or request) is the
 * normal reason; a free-text reason only where the profile allows one; police and OvJ accounts
 * identify themselves and say why (SOE-5) and watch for their investigation.
 */
export type ViewScope = 'recordings' | 'live';

export interface StatedPurpose {
  caseRef?: string | null;
  reasonText?: string | null;
  identification?: string | null;
}

export interface CaseLookup {
  /** 'incident' | 'request', and whether it is still open (not handled, closed or withdrawn). */
  kind: 'incident' | 'request';
  open: boolean;
}

export type PurposeOutcome =
  | { allowed: true; reason: ViewReason | 'free_text'; rule: string; caseRef: string | null; reasonText: string | null; identification: string | null }
  | { allowed: false; code: string; rule: string; message: { nl: string; en: string } };

export const investigativeRoles: readonly Role[] = ['police', 'ovj'];

export function decidePurpose(profile: ProtocolProfile, role: Role, scope: ViewScope, stated: StatedPurpose, found: CaseLookup | null): PurposeOutcome {
  const caseRef = stated.caseRef?.trim() || null;
  const reasonText = stated.reasonText?.trim() || null;
  const identification = stated.identification?.trim() || null;
  const action = scope === 'live' ? 'view_live' : 'view_recordings';
  const refuse = (code: string, rule: string, nl: string, en: string): PurposeOutcome => ({ allowed: false, code, rule, message: { nl, en } });
  const fromEvaluation = (e: Evaluation, code: string): PurposeOutcome => ({ allowed: false, code, rule: e.rule, message: e.message });

  if (investigativeRoles.includes(role)) {
    if (!identification || !reasonText) {
      return refuse('identification_required', 'SOE-5', 'Leg eerst uw identificatie en de reden van het bekijken vast (SOE-5).', 'First record your identification and why you are viewing (SOE-5).');
    }
    const e = evaluate(profile, action, { role, reason: 'police_investigation' });
    if (!e.allowed) return fromEvaluation(e, 'view_reason_refused');
    return { allowed: true, reason: 'police_investigation', rule: e.rule, caseRef, reasonText, identification };
  }
  if (caseRef) {
    if (!found) return refuse('case_not_found', 'X-2', `Geen incident of verzoek ${caseRef}.`, `No incident or request ${caseRef}.`);
    if (!found.open) return refuse('case_not_open', 'X-2', `${caseRef} is afgehandeld; kies een open incident of verzoek (X-2).`, `${caseRef} is handled; choose an open incident or request (X-2).`);
    const e = evaluate(profile, action, { role, reason: found.kind });
    if (!e.allowed) return fromEvaluation(e, 'view_reason_refused');
    return { allowed: true, reason: found.kind, rule: e.rule, caseRef, reasonText, identification: null };
  }
  if (reasonText) {
    const e = evaluate(profile, action, { role, reason: 'free_text' });
    if (!e.allowed) return fromEvaluation(e, 'free_text_refused');
    return { allowed: true, reason: 'free_text', rule: e.rule, caseRef: null, reasonText, identification: null };
  }
  return refuse('reason_required', 'X-2', 'Kies een open incident of verzoek als reden (X-2).', 'Choose an open incident or request as the reason (X-2).');
}
