import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { mozaiek } from '../../src/protocol/profiles/index.js';
import { SmtpMailer } from '../../src/cases/mailer.js';
import { dialects } from '../support/databases.js';
import { as, createCasesFixture, entree, type CasesFixture } from './support.js';

/** A real SMTP server in this process that keeps what it receives. */
async function startSmtp(): Promise<{ port: number; messages: { to: string[]; raw: string }[]; stop(): Promise<void> }> {
  const messages: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { port, messages, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const subjectOf = (raw: string) => /^Subject: (.*)$/m.exec(raw)?.[1]?.trim() ?? '';

describe.each(dialects)('deadlines, reminders and overdue with an injected clock on %s', (dialect) => {
  let f: CasesFixture;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let mailer: SmtpMailer;
  beforeAll(async () => {
    f = await createCasesFixture(dialect);
    smtp = await startSmtp();
    mailer = new SmtpMailer(`smtp://127.0.0.1:${smtp.port}`, 'Toezicht <toezicht@example.test>');
  }, 60_000);
  afterAll(async () => {
    mailer.close();
    await smtp.stop();
    await f.close();
  });

  it('an e-mail arrives at the SMTP server before the deadline; after it the request is overdue, on the dashboard and by e-mail, once each', async () => {
    const cases = f.casesFor(mozaiek, mailer);
    f.clock.set('2026-03-02T09:00:00Z'); // Monday
    const request = await cases.requests.file(
      { kind: 'access', channel: 'letter', requester: { category: 'data_subject', name: 'A. Bewoner' }, details: { window: { location: 'Hal', from: '2026-03-01T20:00:00Z', to: '2026-03-01T20:05:00Z', cameraIds: [entree] } } },
      as('wijkbeheerder'),
    );
    expect(request.deadline).toMatchObject({ due: '2026-03-09', rule: 'MOZ-4.4' });
    expect(await cases.reminders.run()).toEqual({ reminded: [], overdue: [], failed: [] });
    expect((await cases.requests.list()).find((r) => r.id === request.id)?.deadlineStatus).toBe('on_track');

    f.clock.set('2026-03-05T08:00:00Z'); // Thursday: Monday the 9th is two working days away
    expect((await cases.overview.overview()).dueSoon.map((r) => r.ref)).toContain(request.ref);
    expect(await cases.reminders.run()).toMatchObject({ reminded: [request.ref], overdue: [] });
    const reminder = smtp.messages.find((m) => subjectOf(m.raw).includes(request.ref));
    expect(reminder, 'a reminder reached the SMTP server').toBeDefined();
    expect(reminder!.to).toEqual(['wijkbeheerder@example.test']); // Mozaiek: the wijkbeheerder decides access (MOZ-4.4)
    expect(subjectOf(reminder!.raw)).toContain('Herinnering');
    expect(reminder!.raw).not.toContain('A. Bewoner'); // no requester's name in e-mail
    expect((await cases.reminders.run()).reminded).toEqual([]); // once

    f.clock.set('2026-03-10T08:00:00Z'); // Tuesday after the due date
    const listed = (await cases.requests.list()).find((r) => r.id === request.id)!;
    expect(listed.deadlineStatus).toBe('overdue');
    expect((await cases.overview.overview()).overdue.map((r) => r.ref)).toContain(request.ref);
    expect(await cases.reminders.run()).toMatchObject({ overdue: [request.ref] });
    expect(smtp.messages.filter((m) => subjectOf(m.raw).includes(request.ref)).map((m) => subjectOf(m.raw))).toEqual([
      expect.stringContaining('Herinnering'),
      expect.stringContaining('Termijn verstreken'),
    ]);
    expect(await f.logged(request.ref)).toEqual(['request.received', 'request.reminder_sent', 'request.overdue']);

    // Decided late: the chart counts it in March, and the share decided on time drops.
    await cases.requests.step(request.id, { type: 'decide', decision: 'refuse', ground: 'rights_of_others', reasons: 'Anderen herkenbaar.' }, as('wijkbeheerder'));
    const overview = await cases.overview.overview();
    expect(overview.perMonth.at(-1)).toMatchObject({ month: '2026-03' });
    expect(overview.perMonth.at(-1)!.decided - overview.perMonth.at(-1)!.decidedOnTime).toBeGreaterThanOrEqual(1);
    expect(overview.onTimeShare).toBeLessThan(1);
  });

  it('sends to the assignee when there is one, and tries again when sending failed', async () => {
    let fail = true;
    const sent: string[][] = [];
    const flaky = { send: async (m: { to: string[] }) => { if (fail) throw new Error('SMTP down'); sent.push(m.to); } };
    const cases = f.casesFor(mozaiek, flaky);
    f.clock.set('2026-03-02T09:00:00Z');
    const request = await cases.requests.file({ kind: 'erasure', channel: 'email', requester: { category: 'data_subject', name: 'B' }, details: {} }, as('wijkbeheerder'));
    await cases.requests.step(request.id, { type: 'assign', assigneeId: 'u-manager' }, as('wijkbeheerder'));
    f.clock.set('2026-03-05T08:00:00Z');
    expect((await cases.reminders.run()).failed.map((x) => x.ref)).toContain(request.ref);
    fail = false;
    expect((await cases.reminders.run()).reminded).toContain(request.ref);
    expect(sent).toContainEqual(['manager@example.test']);
  });
});
