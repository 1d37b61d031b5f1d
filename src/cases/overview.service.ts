import { amsterdamDate } from '../protocol/calendar.js';
import type { RequestKind } from '../protocol/vocabulary.js';
import { profileAt, type CaseActor, type CaseDeps } from './case-context.js';
import { decidedOnTime, monthOf, requestDeadlineStatus, type DeadlineStatus } from './deadline-status.js';
import { toCaseDocument, type CaseDocumentKind } from './document.repository.js';
import type { Hold } from './hold.port.js';
import { toCaseRequest } from './request.repository.js';
import { effectiveDue, finishedStates, type CaseRequest } from './request.js';

export interface RequestLine {
  id: string;
  ref: string;
  kind: RequestKind;
  state: CaseRequest['state'];
  due: string | null;
  deadlineStatus: DeadlineStatus;
  rule: string;
}

export interface MonthCount {
  month: string;
  received: number;
  decided: number;
  decidedOnTime: number;
}

/** What the dashboard shows about cases (issue 7 item 6). */
export interface CasesOverview {
  overdue: RequestLine[];
  dueSoon: RequestLine[];
  openRequests: number;
  openIncidents: number;
  activeHolds: number;
  holdsToReview: Hold[];
  perMonth: MonthCount[];
  /** Share of decided requests with a deadline that were decided on time (0–1), null when none. */
  onTimeShare: number | null;
}

export interface ViewingLogEntry {
  ref: string;
  kind: RequestKind;
  receivedAt: string;
  requester: string;
  why: string | null;
  state: CaseRequest['state'];
  decision: { decision: 'allow' | 'refuse'; rule: string; by: string; at: string; reasons: string } | null;
  declarations: { kind: CaseDocumentKind; signer: string | null; signedAt: string; sha256: string; method: string | null }[];
}

const line = (request: CaseRequest, now: Date): RequestLine => ({
  id: request.id, ref: request.ref, kind: request.kind, state: request.state, due: effectiveDue(request), deadlineStatus: requestDeadlineStatus(request, now), rule: request.deadline.rule,
});

/** The dashboard's case cards and chart, and Soest's "Logboek Inzien Beeldmateriaal" (SOE-10.6). */
export class CasesOverviewService {
  constructor(private readonly d: CaseDeps) {}

  async overview(months = 12): Promise<CasesOverview> {
    const now = this.d.clock.now();
    const requests = (await this.d.requests.list()).map(toCaseRequest);
    const open = requests.filter((r) => !finishedStates.includes(r.state));
    const lines = open.map((r) => line(r, now));
    const current = amsterdamDate(now).slice(0, 7);
    const perMonth = new Map<string, MonthCount>();
    for (let i = months - 1; i >= 0; i--) {
      const month = monthsBefore(current, i);
      perMonth.set(month, { month, received: 0, decided: 0, decidedOnTime: 0 });
    }
    let withDeadline = 0;
    let onTime = 0;
    for (const request of requests) {
      const received = perMonth.get(monthOf(request.receivedAt));
      if (received) received.received++;
      if (!request.decision) continue;
      const decided = perMonth.get(monthOf(request.decision.decidedAt));
      const timely = decidedOnTime(request);
      if (decided) {
        decided.decided++;
        if (timely !== false) decided.decidedOnTime++;
      }
      if (timely !== null) {
        withDeadline++;
        if (timely) onTime++;
      }
    }
    const active = await this.d.holds.active();
    return {
      overdue: lines.filter((l) => l.deadlineStatus === 'overdue').sort(byDue),
      dueSoon: lines.filter((l) => l.deadlineStatus === 'due_soon').sort(byDue),
      openRequests: open.length,
      openIncidents: (await this.d.incidents.list({ status: 'open' })).length,
      activeHolds: active.length,
      holdsToReview: await this.d.holds.dueForReview(now),
      perMonth: [...perMonth.values()],
      onTimeShare: withDeadline === 0 ? null : onTime / withDeadline,
    };
  }

  /**
   * Every request to see or receive footage, with its decision (refusals too) and the signed
   * declarations (SOE-10.6). Confidential: reading it is itself a logboek entry.
   */
  async viewingLog(by: CaseActor): Promise<{ title: string; rule: string | null; entries: ViewingLogEntry[] }> {
    const requests = (await this.d.requests.list({ kinds: ['access', 'third-party', 'police'] })).map(toCaseRequest);
    const entries: ViewingLogEntry[] = [];
    for (const request of requests) {
      const documents = (await this.d.documents.forCase(request.ref)).map(toCaseDocument).filter((doc) => doc.status === 'signed' && doc.kind !== 'decision_letter');
      entries.push({
        ref: request.ref, kind: request.kind, receivedAt: request.receivedAt,
        requester: [request.requester.name, request.requester.organisation].filter(Boolean).join(', '),
        why: request.details.motivation ?? request.details.description ?? request.details.legalBasis ?? null,
        state: request.state,
        decision: request.decision ? { decision: request.decision.decision, rule: request.decision.rule, by: request.decision.decidedBy, at: request.decision.decidedAt, reasons: request.decision.reasons } : null,
        declarations: documents.map((doc) => ({ kind: doc.kind, signer: doc.signerName, signedAt: doc.createdAt, sha256: doc.sha256, method: doc.signatureMethod })),
      });
    }
    const profile = profileAt(this.d.profile, this.d.clock.now());
    const soest = profile.logbook.events.some((event) => event.event === 'declaration' && event.rules.includes('SOE-10'));
    await this.d.logbook.record({ actor: by, action: 'cases.viewing_log_read', subject: { entries: entries.length } });
    return { title: soest ? 'Logboek Inzien Beeldmateriaal' : 'Verzoeken om beelden te zien of te ontvangen', rule: soest ? 'SOE-10' : null, entries };
  }
}

const byDue = (a: RequestLine, b: RequestLine) => (a.due ?? '9999').localeCompare(b.due ?? '9999');

/** The month (YYYY-MM) n months before the given one. */
export function monthsBefore(month: string, n: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
