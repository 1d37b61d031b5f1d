import { invalid } from '../platform/errors.js';
import { profileAt, type CaseActor, type CaseDeps } from './case-context.js';
import { fileRequest } from './request-filing.js';
import { toCaseRequest } from './request.repository.js';
import type { CaseRequest, FootageWindow, OfficerIdentification } from './request.js';

/**
 * A vordering filed by the officer or prosecutor themselves (art. 126nd / 126nda Sv; DOM-5, MOZ-5,
 * SOE-9, WCP-4, WEL-13), through their own account. The account is the identification: the
 * request records who filed it, with which role, whether the profile made that account pass a
 * second factor, and the service number the officer gave. What they file is the written vordering
 * (a written channel); the footage is only handed over after staff check the officer's identity
 * in person where the profile asks (identity_check before carrying out) and decide.
 */
export interface PoliceFilingInput {
  officer: string;
  serviceNumber: string;
  unit: string;
  legalBasis: string;
  personsConcerned?: string;
  dataRequested: string;
  deliveryDeadline?: string;
  deliveryManner?: string;
  description?: string;
  window: FootageWindow;
}

export interface PoliceAccount extends CaseActor {
  id: string;
  username: string;
  displayName: string;
  role: 'police' | 'ovj';
}

export async function filePoliceRequest(d: CaseDeps, input: PoliceFilingInput, account: PoliceAccount): Promise<CaseRequest> {
  const now = d.clock.now();
  if (input.deliveryDeadline && input.deliveryDeadline < now.toISOString().slice(0, 10)) throw invalid('delivery_in_past', 'The delivery date lies in the past', 'deliveryDeadline');
  const profile = profileAt(d.profile, now);
  const identification: OfficerIdentification = {
    method: profile.mfa.roles.includes(account.role) ? 'account_with_second_factor' : 'account',
    accountId: account.id, username: account.username, role: account.role, serviceNumber: input.serviceNumber.trim(), at: now.toISOString(),
  };
  return fileRequest(
    d,
    {
      kind: 'police',
      channel: 'police_account',
      requester: { category: account.role, name: account.displayName, organisation: input.unit },
      details: {
        window: input.window, officer: input.officer, unit: input.unit, legalBasis: input.legalBasis, personsConcerned: input.personsConcerned,
        dataRequested: input.dataRequested, deliveryDeadline: input.deliveryDeadline, deliveryManner: input.deliveryManner, description: input.description, identification,
      },
    },
    account,
  );
}

/** The vorderingen this account filed, as the officer follows them: reference, state, deadline, decision (no footage, no other cases). */
export async function ownPoliceRequests(d: CaseDeps, accountId: string): Promise<Pick<CaseRequest, 'id' | 'ref' | 'state' | 'receivedAt' | 'deadline' | 'decision' | 'details'>[]> {
  const rows = await d.requests.list({ kinds: ['police'] });
  return rows
    .map(toCaseRequest)
    .filter((r) => r.channel === 'police_account' && r.details.identification?.accountId === accountId)
    .map(({ id, ref, state, receivedAt, deadline, decision, details }) => ({ id, ref, state, receivedAt, deadline, decision: decision ? { ...decision, decidedBy: '', decidedByRole: null } : null, details }));
}
