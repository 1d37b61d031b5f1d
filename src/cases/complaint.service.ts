import crypto from 'node:crypto';
import { conflict, notFound } from '../platform/errors.js';
import { newCaseRef } from './case-ref.js';
import { recordStep, type CaseActor, type CaseDeps } from './case-context.js';
import type { CaseEvent } from './case-event.repository.js';
import { authorityRoute, complaintRule, complaintTransition, possibleComplaintSteps, type Complaint, type ComplaintStep, type ComplaintTopic } from './complaint.js';
import { toComplaint } from './complaint.repository.js';
import type { Text } from '../protocol/provenance.schema.js';

export interface NewComplaint {
  channel: string;
  receivedAt?: string;
  complainant: { name: string; contact?: string | null };
  topic: ComplaintTopic;
  description: string;
  relatedRef?: string | null;
}

export interface ComplaintDetail extends Complaint {
  possibleSteps: ComplaintStep[];
  rule: string;
  authorityRoute: Text;
  timeline: CaseEvent[];
}

/** Complaints about camera surveillance (MOZ-8, WCP-13): registered, handled, closed with the AP route told. */
export class ComplaintService {
  constructor(private readonly d: CaseDeps) {}

  async register(input: NewComplaint, by: CaseActor): Promise<ComplaintDetail> {
    const now = this.d.clock.now();
    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
    const id = crypto.randomUUID();
    const rule = complaintRule(this.d.profile.current());
    await this.d.db.transaction().execute(async (trx) => {
      const ref = newCaseRef('complaint', receivedAt);
      const stamp = now.toISOString();
      await this.d.complaints.insert(
        {
          id, ref, received_at: receivedAt.toISOString(), channel: input.channel, complainant_name: input.complainant.name.trim(),
          complainant_contact: input.complainant.contact?.trim() || null, topic: input.topic, description: input.description.trim(),
          related_ref: input.relatedRef?.trim() || null, state: 'received', outcome: null, authority_informed_at: null, handled_by: null,
          created_at: stamp, updated_at: stamp, closed_at: null,
        },
        trx,
      );
      await recordStep(this.d, trx, { actor: by, caseRef: ref, action: 'complaint.received', subject: { topic: input.topic, channel: input.channel, relatedRef: input.relatedRef ?? null, rule } });
    });
    return this.get(id);
  }

  /** Start, resolve or refer; closing steps tell the complainant of the Autoriteit Persoonsgegevens. */
  async step(id: string, step: { type: ComplaintStep; outcome?: string }, by: CaseActor): Promise<ComplaintDetail> {
    const complaint = await this.complaint(id);
    const next = complaintTransition(complaint.state, step.type);
    const now = this.d.clock.now().toISOString();
    const closing = next === 'resolved' || next === 'referred';
    await this.d.db.transaction().execute(async (trx) => {
      const changed = await this.d.complaints.update(
        id,
        complaint.state,
        { state: next, handled_by: by.name, updated_at: now, ...(closing ? { outcome: step.outcome?.trim() || null, authority_informed_at: now, closed_at: now } : {}) },
        trx,
      );
      if (!changed) throw conflict('complaint_changed', 'The complaint was changed meanwhile; reload it');
      await recordStep(this.d, trx, {
        actor: by, caseRef: complaint.ref, action: `complaint.${step.type === 'start' ? 'handling_started' : next}`,
        subject: { from: complaint.state, to: next, authorityRouteTold: closing, rule: complaintRule(this.d.profile.current()) },
        reason: step.outcome ?? null,
      });
    });
    return this.get(id);
  }

  async list(): Promise<Complaint[]> {
    return (await this.d.complaints.list()).map(toComplaint);
  }

  async get(id: string): Promise<ComplaintDetail> {
    const complaint = await this.complaint(id);
    const profile = this.d.profile.current();
    return {
      ...complaint,
      possibleSteps: possibleComplaintSteps(complaint.state),
      rule: complaintRule(profile),
      authorityRoute: authorityRoute(profile),
      timeline: await this.d.events.forCase(complaint.ref),
    };
  }

  private async complaint(id: string): Promise<Complaint> {
    const row = await this.d.complaints.findById(id);
    if (!row) throw notFound('complaint_not_found', `No complaint ${id}`);
    return toComplaint(row);
  }
}
