import type { Actor } from '../auth/policy.js';
import type { Cases } from '../cases/cases.module.js';
import { toIncident } from '../cases/incident.repository.js';
import { finishedStates } from '../cases/request.js';
import { toCaseRequest } from '../cases/request.repository.js';
import type { ActiveProfile } from '../protocol/active-profile.js';
import { investigativeRoles, type CaseLookup } from './purpose.js';

/**
 * The reasons one may state for watching: the open incidents and requests of the
 * organisation, free text where the profile allows it, and for police/OvJ their identification (SOE-5).
 */
export class ReasonOptions {
  constructor(private readonly d: { profile: ActiveProfile; cases: Pick<Cases, 'deps' | 'cameras'> }) {}

  /** What the reason picker offers this actor. */
  async options(actor: Actor) {
    const profile = this.d.profile.current();
    const deps = this.d.cases.deps;
    // Police and OvJ state their own reason (SOE-5); the organisation's cases are not theirs to browse.
    const external = investigativeRoles.includes(actor.role);
    const incidents = external ? [] : (await deps.incidents.list({ status: 'open' })).map(toIncident);
    const requests = external ? [] : (await deps.requests.list()).map(toCaseRequest).filter((r) => !finishedStates.includes(r.state));
    return {
      cameras: (await this.d.cases.cameras.list()).map((c) => ({ id: c.id, name: c.name, siteName: c.siteName, location: c.location })),
      cases: [
        ...incidents.map((i) => ({ ref: i.ref, kind: 'incident' as const, label: `${i.type} — ${i.place}`, from: i.occurredFrom, to: i.occurredTo, cameraIds: i.cameraIds })),
        ...requests.map((r) => ({ ref: r.ref, kind: 'request' as const, label: `${r.kind} — ${r.requester.name}`, from: r.details.window?.from ?? null, to: r.details.window?.to ?? null, cameraIds: r.details.window?.cameraIds ?? [] })),
      ],
      freeTextAllowed: profile.viewing.freeText.allowed,
      identificationRequired: investigativeRoles.includes(actor.role),
      retentionDays: profile.retention.limitDays,
    };
  }

  /** The case a reason refers to, and whether it is still open; null when there is no such case. */
  async lookupCase(ref: string | null | undefined): Promise<CaseLookup | null> {
    const trimmed = ref?.trim();
    if (!trimmed) return null;
    const deps = this.d.cases.deps;
    const incident = await deps.incidents.findByRef(trimmed);
    if (incident) return { kind: 'incident', open: toIncident(incident).status === 'open' };
    const request = await deps.requests.findByRef(trimmed);
    if (request) return { kind: 'request', open: !finishedStates.includes(toCaseRequest(request).state) };
    return null;
  }
}
