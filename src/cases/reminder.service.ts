import { grantOf } from '../protocol/policy-from-profile.js';
import { requestKindLabels } from '../protocol/labels.js';
import { profileAt, recordStep, type CaseDeps } from './case-context.js';
import { requestDeadlineStatus } from './deadline-status.js';
import { dutchDate } from './documents/letter-model.js';
import type { Mailer } from './mailer.js';
import { toCaseRequest } from './request.repository.js';
import { effectiveDue, undecidedStates, type CaseRequest } from './request.js';

const system = { id: null, name: 'system', role: null } as const;

export interface ReminderRun {
  reminded: string[];
  overdue: string[];
  failed: { ref: string; error: string }[];
}

/**
 * Reminders before a deadline and notice when it has passed: once each per request (claimed
 * atomically, so two processes never both send), in the case timeline and the logboek, and by
 * e-mail to the assignee or else to everyone whose role decides such requests. The e-mail names
 * the reference and the date only, never the requester.
 */
export class ReminderService {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly d: CaseDeps,
    private readonly mailer: Mailer | null,
  ) {}

  async run(): Promise<ReminderRun> {
    const now = this.d.clock.now();
    const result: ReminderRun = { reminded: [], overdue: [], failed: [] };
    const rows = await this.d.requests.list({ states: [...undecidedStates, 'allowed'] });
    for (const request of rows.map(toCaseRequest)) {
      const status = requestDeadlineStatus(request, now);
      const column = status === 'due_soon' ? 'reminder_sent_at' : status === 'overdue' ? 'overdue_notified_at' : null;
      if (!column) continue;
      if (!(await this.d.requests.claimNotification(request.id, column, now.toISOString()))) continue;
      try {
        const to = await this.recipients(request);
        if (this.mailer && to.length > 0) await this.mailer.send({ to, ...this.message(request, status === 'overdue') });
        await this.d.db.transaction().execute((trx) =>
          recordStep(this.d, trx, {
            actor: system, caseRef: request.ref, action: status === 'overdue' ? 'request.overdue' : 'request.reminder_sent',
            subject: { due: effectiveDue(request), emailed: this.mailer ? to.length : 0 },
          }),
        );
        (status === 'overdue' ? result.overdue : result.reminded).push(request.ref);
      } catch (err) {
        // Give the claim back, so the next run tries again.
        await this.d.requests.releaseNotification(request.id, column);
        result.failed.push({ ref: request.ref, error: err instanceof Error ? err.message : String(err) });
      }
    }
    return result;
  }

  /** Runs every intervalMinutes (the timer does not keep the process alive). */
  start(intervalMinutes: number, onError: (err: unknown) => void = () => undefined): void {
    this.stop();
    if (intervalMinutes <= 0) return;
    this.timer = setInterval(() => void this.run().catch(onError), intervalMinutes * 60_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async recipients(request: CaseRequest): Promise<string[]> {
    const users = (await this.d.users.list()).filter((user) => !user.disabled && user.email);
    const assignee = request.assignee ? users.find((user) => user.id === request.assignee!.id) : undefined;
    if (assignee?.email) return [assignee.email];
    const deciders = grantOf(profileAt(this.d.profile, new Date(request.receivedAt)), `decide:${request.kind}`)?.roles ?? [];
    return users.filter((user) => deciders.includes(user.role)).map((user) => user.email!);
  }

  private message(request: CaseRequest, overdue: boolean): { subject: string; text: string } {
    const due = effectiveDue(request);
    const kind = requestKindLabels[request.kind].nl;
    const date = due ? dutchDate(`${due}T12:00:00Z`) : '';
    const subject = overdue ? `Termijn verstreken: verzoek ${request.ref}` : `Herinnering: verzoek ${request.ref} uiterlijk ${date} beslissen`;
    const text = [
      overdue
        ? `De termijn voor het verzoek om ${kind} met kenmerk ${request.ref} is op ${date} verstreken (${request.deadline.rule}). Er is nog geen besluit.`
        : `Het verzoek om ${kind} met kenmerk ${request.ref} moet volgens het cameraprotocol uiterlijk op ${date} zijn beslist (${request.deadline.rule}).`,
      `Ontvangen op ${dutchDate(request.receivedAt)}. Open het verzoek in Toezicht onder Verzoeken.`,
      'Dit bericht noemt bewust geen namen; de gegevens staan in Toezicht.',
    ].join('\n\n');
    return { subject, text };
  }
}
