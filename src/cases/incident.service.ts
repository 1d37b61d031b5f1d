import crypto from 'node:crypto';
import { evaluate } from '../protocol/evaluate.js';
import type { Text } from '../protocol/provenance.schema.js';
import type { Role } from '../auth/roles.js';
import { conflict, invalid, notFound } from '../platform/errors.js';
import { newCaseRef } from './case-ref.js';
import { notYet, recordStep, refused, type CaseActor, type CaseDeps } from './case-context.js';
import type { CaseEvent } from './case-event.repository.js';
import type { Hold } from './hold.port.js';
import { aggressionReportRule, alsoReportedUnder, heldWindow, incidentTypeCheck, holdKindFor, releaseCheck, releaseConditions, type Incident, type IncidentType } from './incident.js';
import { toIncident } from './incident.repository.js';
import { toCaseRequest } from './request.repository.js';
import { finishedStates, type CaseRequest } from './request.js';

export interface ReportIncidentInput {
  type: IncidentType;
  siteId?: string | null;
  place: string;
  occurredFrom: string;
  occurredTo: string;
  cameraIds: string[];
  description: string;
  reporter: string;
  policeReportRef?: string | null;
  proceedings?: boolean;
  aggressionReport?: string | null;
}

export interface SecureInput {
  /** Defaults to the incident's cameras and window. */
  cameraIds?: string[];
  from?: string;
  to?: string;
  preMarginMinutes: number;
  postMarginMinutes: number;
  reviewAt?: string | null;
  reason?: string;
}

export type IncidentStep =
  | { type: 'police_report'; ref: string }
  | { type: 'proceedings' }
  | { type: 'police_consultation'; notes: string }
  | { type: 'judgment'; ref: string }
  | { type: 'handled'; notes?: string };

export interface IncidentDetail extends Incident {
  holds: Hold[];
  requests: CaseRequest[];
  timeline: CaseEvent[];
  aggressionReportRule: string | null;
  /** The other protocol of the organisation this incident is also reported under (SOE-2/3), from the profile. */
  reportedUnder: { protocol: Text; rule: string } | null;
}

/** Incidents: reported, their footage secured in one step, and released only as the profile allows. */
export class IncidentService {
  constructor(private readonly d: CaseDeps) {}

  async report(input: ReportIncidentInput, by: CaseActor, secure?: SecureInput): Promise<IncidentDetail> {
    const profile = this.d.profile.current();
    const typeViolation = incidentTypeCheck(profile, input.type);
    if (typeViolation) throw refused(typeViolation);
    // SOE-2/3: some incidents are also reported under another protocol of the organisation; its reference is recorded.
    const elsewhere = alsoReportedUnder(profile, input.type);
    if (elsewhere && !input.aggressionReport?.trim()) {
      const { protocol, rule } = elsewhere;
      throw notYet({ code: 'aggression_report_required', rule, message: { nl: `Meld dit ook volgens het ${protocol.nl} (${rule}).`, en: `Also report this under the ${protocol.en} (${rule}).` } });
    }
    heldWindow(input.occurredFrom, input.occurredTo, 0, 0);
    await this.checkCameras(input.cameraIds);
    const now = this.d.clock.now();
    const id = crypto.randomUUID();
    await this.d.db.transaction().execute(async (trx) => {
      let ref = newCaseRef('incident', now);
      while (await this.d.incidents.findByRef(ref, trx)) ref = newCaseRef('incident', now);
      const stamp = now.toISOString();
      await this.d.incidents.insert(
        {
          id, ref, type: input.type, site_id: input.siteId ?? null, place: input.place.trim(),
          occurred_from: new Date(input.occurredFrom).toISOString(), occurred_to: new Date(input.occurredTo).toISOString(),
          camera_ids: JSON.stringify([...new Set(input.cameraIds)]), description: input.description.trim(), reporter: input.reporter.trim(), status: 'open',
          police_report: input.policeReportRef ? 1 : 0, police_report_ref: input.policeReportRef ?? null, proceedings: input.proceedings ? 1 : 0,
          aggression_report: input.aggressionReport?.trim() || null, consultation_at: null, consultation_by: null, consultation_notes: null,
          judgment_at: null, judgment_ref: null, handled_at: null, handled_by: null, handled_notes: null,
          profile_id: profile.id, created_at: stamp, created_by: by.name, updated_at: stamp,
        },
        trx,
      );
      await recordStep(this.d, trx, {
        actor: by, caseRef: ref, action: 'incident.reported',
        subject: { type: input.type, siteId: input.siteId ?? null, cameraIds: input.cameraIds, from: input.occurredFrom, to: input.occurredTo, policeReport: !!input.policeReportRef, aggressionReport: !!input.aggressionReport, reportedUnderRule: elsewhere?.rule ?? null },
      });
    });
    if (secure) await this.secure(id, secure, by);
    return this.get(id);
  }

  /** Veiligstellen (MOZ-2.4, WCP-4): one hold over the chosen cameras and the window widened by its margins. */
  async secure(id: string, input: SecureInput, by: CaseActor): Promise<IncidentDetail> {
    const profile = this.d.profile.current();
    const permission = evaluate(profile, 'use_permission', { permission: 'secure_footage', role: roleOf(by) });
    if (!permission.allowed) throw refused({ code: 'not_allowed', rule: permission.rule, message: permission.message });
    const incident = await this.incident(id);
    const cameraIds = input.cameraIds?.length ? input.cameraIds : incident.cameraIds;
    if (cameraIds.length === 0) throw invalid('cameras_required', 'Choose the cameras whose footage to secure', 'cameraIds');
    await this.checkCameras(cameraIds);
    const window = heldWindow(input.from ?? incident.occurredFrom, input.to ?? incident.occurredTo, input.preMarginMinutes, input.postMarginMinutes);
    const kind = holdKindFor(incident);
    const reviewAt = input.reviewAt ?? new Date(this.d.clock.now().getTime() + profile.retention.limitDays * 86_400_000).toISOString();
    await this.d.db.transaction().execute(async (trx) => {
      const reason = input.reason?.trim() || `Incident ${incident.ref}`;
      const hold = await this.d.holds.create({ cameraIds, from: window.from, to: window.to, reason, caseRef: incident.ref, kind, createdBy: by, reviewAt }, trx);
      await recordStep(this.d, trx, {
        actor: by, caseRef: incident.ref, action: 'hold.created',
        subject: { holdId: hold.id, kind, cameraIds, from: window.from, to: window.to, preMarginMinutes: input.preMarginMinutes, postMarginMinutes: input.postMarginMinutes, reviewAt, rule: permission.rule },
        reason,
      });
      // DOM-10: the logboek also records incidents that needed longer retention.
      await recordStep(this.d, trx, { actor: by, caseRef: incident.ref, action: 'incident.longer_retention', subject: { type: incident.type, holdId: hold.id, until: releaseConditions(kind, incident) } });
    });
    return this.get(id);
  }

  async step(id: string, step: IncidentStep, by: CaseActor): Promise<IncidentDetail> {
    const incident = await this.incident(id);
    if (incident.status === 'handled' && step.type !== 'judgment' && step.type !== 'police_consultation') {
      throw conflict('incident_handled', 'The incident is already handled');
    }
    const now = this.d.clock.now().toISOString();
    const changes = {
      police_report: { police_report: 1, police_report_ref: step.type === 'police_report' ? step.ref : null },
      proceedings: { proceedings: 1 },
      police_consultation: { consultation_at: now, consultation_by: by.name, consultation_notes: step.type === 'police_consultation' ? step.notes : null },
      judgment: { judgment_at: now, judgment_ref: step.type === 'judgment' ? step.ref : null },
      handled: { status: 'handled', handled_at: now, handled_by: by.name, handled_notes: step.type === 'handled' ? (step.notes ?? null) : null },
    }[step.type];
    await this.d.db.transaction().execute(async (trx) => {
      await this.d.incidents.update(id, { ...changes, updated_at: now }, trx);
      const { type, ...rest } = step;
      await recordStep(this.d, trx, { actor: by, caseRef: incident.ref, action: `incident.${type}`, subject: rest });
    });
    return this.get(id);
  }

  /**
   * Releases a hold when the profile allows it: the incident handled; with a police report only
   * after a recorded consultation with the police (DOM-9); with proceedings only after an
   * irrevocable judgment (WCP-11); a request's hold once the request is handled.
   */
  async releaseHold(holdId: string, reason: string, by: CaseActor): Promise<Hold> {
    const hold = await this.d.holds.get(holdId);
    if (!hold) throw notFound('hold_not_found', `No hold ${holdId}`);
    if (hold.releasedAt) throw conflict('hold_released', 'This hold was already released');
    const incidentRow = await this.d.incidents.findByRef(hold.caseRef);
    const incident = incidentRow ? toIncident(incidentRow) : null;
    const requestRow = incident ? undefined : await this.d.requests.findByRef(hold.caseRef);
    const request = requestRow ? toCaseRequest(requestRow) : null;
    const ends = releaseConditions(hold.kind, incident);
    const check = releaseCheck(this.d.profile.current(), roleOf(by), ends, {
      incidentHandled: incident?.status === 'handled',
      policeConsulted: incident?.consultation !== null && incident?.consultation !== undefined,
      irrevocableJudgment: incident?.judgment !== null && incident?.judgment !== undefined,
      requestHandled: request !== null && (finishedStates.includes(request.state) || request.state === 'refused'),
    });
    if ('code' in check) throw refused(check);
    await this.d.db.transaction().execute(async (trx) => {
      await this.d.holds.release(holdId, by, reason, trx);
      await recordStep(this.d, trx, { actor: by, caseRef: hold.caseRef, action: 'hold.released', subject: { holdId, kind: hold.kind, cameraIds: hold.cameraIds, from: hold.from, to: hold.to, rule: check.rule }, reason });
    });
    return (await this.d.holds.get(holdId))!;
  }

  async list(filter: { status?: 'open' | 'handled' } = {}): Promise<Incident[]> {
    return (await this.d.incidents.list(filter)).map(toIncident);
  }

  async get(id: string): Promise<IncidentDetail> {
    const incident = await this.incident(id);
    const [holds, timeline, requests] = await Promise.all([
      this.d.holds.list(incident.ref),
      this.d.events.forCase(incident.ref),
      this.d.requests.forIncident(id),
    ]);
    return { ...incident, holds, timeline, requests: requests.map(toCaseRequest), aggressionReportRule: aggressionReportRule(this.d.profile.current()), reportedUnder: alsoReportedUnder(this.d.profile.current(), incident.type) };
  }

  private async incident(id: string): Promise<Incident> {
    const row = await this.d.incidents.findById(id);
    if (!row) throw notFound('incident_not_found', `No incident ${id}`);
    return toIncident(row);
  }

  private async checkCameras(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const known = new Set((await this.d.cameras.list()).map((camera) => camera.id));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length) throw invalid('camera_not_found', `Unknown camera(s): ${unknown.join(', ')}`, 'cameraIds');
  }
}

/** Holds are placed and released by a person in a role (the command line has none). */
function roleOf(by: CaseActor): Role {
  if (!by.role) throw invalid('role_required', 'Securing and releasing footage needs a person with a role');
  return by.role;
}
