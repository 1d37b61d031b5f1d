import { describe, expect, it } from 'vitest';
import { grantOf } from '../policy-from-profile.js';
import { wooncompas as profile } from './wooncompas.js';

const roles = (permission: Parameters<typeof grantOf>[1]) => grantOf(profile, permission)?.roles;

describe('Wooncompas profile is faithful to its seed (004)', () => {
  it('WCP-1: five purposes, from property to breaches of the tenancy', () => {
    expect(profile.purposes.items.map((purpose) => purpose.id)).toEqual(['property', 'liveability', 'crime', 'criminal_proceedings', 'breaches']);
  });

  it('WCP-3: Wooncompas is controller; its partner stores footage and checks the systems', () => {
    expect(profile.organisation.rules).toEqual(['WCP-3']);
    expect(profile.security.measures.map((entry) => entry.measure)).toEqual(['periodic_checks', 'specialist_maintenance', 'processor_agreement']);
  });

  it('WCP-4: footage is secured at once on an incident or a police request', () => {
    expect(profile.requests['retention-extension'].deadline).toMatchObject({ kind: 'immediately', rules: ['WCP-4'] });
    expect(profile.retention.holds).toContainEqual(expect.objectContaining({ trigger: 'police_request', rules: ['WCP-4'] }));
    expect(roles('secure_footage')).toEqual(['wijkbeheerder', 'maintenance_partner']);
  });

  it('WCP-5: an authorised employee or the partner decides on viewing and provision', () => {
    expect(roles('decide:access')).toEqual(['wijkbeheerder', 'maintenance_partner']);
    expect(roles('decide:third-party')).toEqual(['wijkbeheerder', 'maintenance_partner']);
  });

  it('WCP-6: cameras run around the clock and/or on motion, in common areas, announced by signs', () => {
    expect(profile.retention.recording).toMatchObject({ mode: 'either', rules: ['WCP-6'] });
    expect(profile.cameras.placement).toEqual([expect.objectContaining({ limit: 'common_areas_only' })]);
    expect(profile.cameras.signage.rules).toEqual(['WCP-6']);
  });

  it('WCP-7: a digital copy of one\u2019s own images, after identifying, with a precise time', () => {
    expect(profile.requests.access.outcomes).toContain('digital_copy');
    expect(profile.requests.access.conditions).toEqual(['identity_check', 'own_images_only', 'time_and_duration_given']);
  });

  it('WCP-8: footage cannot be viewed after the seven-day retention', () => {
    expect(profile.retention.limitDays).toBe(7);
    expect(profile.requests.access.refusalGrounds).toContainEqual(expect.objectContaining({ ground: 'footage_no_longer_exists', rules: ['WCP-8'] }));
  });

  it('WCP-10: staff by function, managers and lawyers for an incident, the partner for technical reasons', () => {
    expect(roles('view_recordings')).toEqual(['wijkbeheerder', 'manager', 'maintenance_partner']);
    expect(profile.viewing.reasons).toContainEqual(expect.objectContaining({ reason: 'technical_check', roles: ['maintenance_partner'] }));
  });

  it('WCP-11: incident footage kept until handled, at the latest an irrevocable judgment', () => {
    expect(profile.retention.holds.map((hold) => hold.until)).toEqual(expect.arrayContaining(['incident_handled', 'irrevocable_judgment']));
  });

  it('WCP-12: tenants are told at the start of the tenancy and by letter; the protocol is on the website', () => {
    expect(profile.publication.channels).toEqual(expect.arrayContaining(['website', 'at_tenancy_start', 'letter_to_tenants']));
  });

  it('WCP-13: complaints to Wooncompas, then to the Autoriteit Persoonsgegevens', () => {
    expect(profile.complaints).toMatchObject({ toOrganisation: true, escalation: 'autoriteit_persoonsgegevens', rules: ['WCP-13'] });
  });
});
