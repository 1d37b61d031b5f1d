import { describe, expect, it } from 'vitest';
import { DomainError } from '../platform/errors.js';
import { computeDeadline } from './deadline.js';
import { evaluate } from './evaluate.js';
import { domijn, mozaiek, soest } from './profiles/index.js';
import { applySiteOverride } from './site-override.js';

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('site overrides tighten, never loosen', () => {
  it('DOM-12: a Domijn site may shorten retention', () => {
    const site = applySiteOverride(domijn, { site: 'Complex Wisselspoor', retention: { limitDays: 14 } });
    expect(site.retention.limitDays).toBe(14);
    expect(site.retention.note).toContain('Complex Wisselspoor');
    expect(domijn.retention.limitDays).toBe(28); // the organisation profile is untouched
  });

  it('DOM-12: a site may not keep footage longer than the organisation allows', () => {
    const error = refusal(() => applySiteOverride(domijn, { site: 'A', retention: { limitDays: 35 } }));
    expect(error).toMatchObject({ kind: 'invalid', code: 'site_override_loosens', details: { field: 'retention.limitDays' } });
  });

  it('DOM-12: a site may take roles away from a permission', () => {
    const site = applySiteOverride(domijn, { site: 'A', grants: { view_live: ['wijkbeheerder'] } });
    expect(evaluate(site, 'view_live', { role: 'police', reason: 'police_investigation' })).toMatchObject({ allowed: false, rule: 'DOM-4' });
    expect(evaluate(domijn, 'view_live', { role: 'police', reason: 'police_investigation' }).allowed).toBe(true);
  });

  it('DOM-12: a site may not add a role to a permission', () => {
    const error = refusal(() => applySiteOverride(domijn, { site: 'A', grants: { view_recordings: ['wijkbeheerder', 'admin'] } }));
    expect(error.details.field).toBe('grants.view_recordings');
    expect(error.message).toContain('admin');
  });

  it('refuses to grant a permission the profile gives nobody', () => {
    const error = refusal(() => applySiteOverride(mozaiek, { site: 'A', grants: { 'file:access': ['wijkbeheerder'] } }));
    expect(error.details.field).toBe('grants.file:access');
  });

  it('may shorten a deadline in the same unit, not lengthen or change it', () => {
    const site = applySiteOverride(mozaiek, { site: 'A', deadlines: { access: { kind: 'working_days', n: 3 } } });
    expect(computeDeadline(site, 'access', new Date('2026-01-05T10:00:00Z'))).toMatchObject({ due: '2026-01-08', rule: 'MOZ-4.4' });
    expect(refusal(() => applySiteOverride(mozaiek, { site: 'A', deadlines: { access: { kind: 'working_days', n: 6 } } })).details.field).toBe('requests.access.deadline');
    expect(refusal(() => applySiteOverride(mozaiek, { site: 'A', deadlines: { access: { kind: 'weeks', n: 1 } } })).details.field).toBe('requests.access.deadline');
    expect(applySiteOverride(domijn, { site: 'A', deadlines: { access: { kind: 'months', n: 1 } } }).requests.access.deadline?.kind).toBe('months');
  });

  it('may not set a deadline for a kind the profile forbids', () => {
    const error = refusal(() => applySiteOverride(domijn, { site: 'A', deadlines: { 'third-party': { kind: 'immediately' } } }));
    expect(error.details.field).toBe('requests.third-party.deadline');
  });

  it('may record on motion only, but not continuously where the profile says motion (SOE-0)', () => {
    expect(applySiteOverride(domijn, { site: 'A', retention: { recordingMode: 'motion' } }).retention.recording.mode).toBe('motion');
    const error = refusal(() => applySiteOverride(soest, { site: 'A', retention: { recordingMode: 'continuous' } }));
    expect(error.details.field).toBe('retention.recording.mode');
  });

  it('may refuse recipients the organisation allows', () => {
    const site = applySiteOverride(mozaiek, { site: 'A', refuseRecipients: ['insurer', 'court'] });
    expect(evaluate(site, 'provide_to_third_party', { recipient: 'insurer' })).toMatchObject({ allowed: false, rule: 'MOZ-5' });
    expect(evaluate(site, 'provide_to_third_party', { recipient: 'court' }).allowed).toBe(false);
    expect(evaluate(mozaiek, 'provide_to_third_party', { recipient: 'court' }).allowed).toBe(true);
  });

  it('refuses fields a site cannot override, naming the field', () => {
    const error = refusal(() => applySiteOverride(domijn, { site: 'A', retention: { holds: [] } }));
    expect(error).toMatchObject({ code: 'site_override_invalid', details: { field: 'retention' } });
    expect(refusal(() => applySiteOverride(domijn, { site: 'A', grants: { view_everything: ['admin'] } })).code).toBe('site_override_invalid');
  });
});
