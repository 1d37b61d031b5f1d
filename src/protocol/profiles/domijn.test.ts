import { describe, expect, it } from 'vitest';
import { grantOf } from '../policy-from-profile.js';
import { domijn as profile } from './domijn.js';

const roles = (permission: Parameters<typeof grantOf>[1]) => grantOf(profile, permission)?.roles;

describe('Domijn profile is faithful to its seed (000)', () => {
  it('DOM-1: purposes are nuisance, crime, vandalism and property; signs name the owner', () => {
    expect(profile.purposes.items.map((purpose) => purpose.id)).toEqual(expect.arrayContaining(['nuisance', 'crime', 'vandalism', 'property']));
    expect(profile.cameras.signage).toMatchObject({ required: true, namesOwner: true, rules: ['DOM-1'] });
  });

  it('DOM-2: cameras keep out of homes and minimise public road and others\u2019 property', () => {
    expect(profile.cameras.placement.map((entry) => entry.limit)).toEqual(['not_into_homes', 'public_road_minimal', 'others_property_minimal']);
    expect(roles('lift_privacy_masks')).toEqual([]);
  });

  it('DOM-3: footage is used for incidents and breaches of house rules only', () => {
    const reasons = profile.viewing.reasons.filter((entry) => entry.rules.includes('DOM-3')).map((entry) => entry.reason);
    expect(reasons).toEqual(['incident', 'house_rules_breach']);
    expect(profile.viewing.freeText.allowed).toBe(false);
  });

  it('DOM-4: only the wijkbeheerder and an authorised police officer view footage', () => {
    expect(roles('view_recordings')).toEqual(['wijkbeheerder', 'police']);
    expect(roles('view_live')).toEqual(['wijkbeheerder', 'police']);
    expect(grantOf(profile, 'view_recordings')?.rules[0]).toBe('DOM-4');
  });

  it('DOM-5: footage goes only to police and OM, on a written request, signed for', () => {
    expect(profile.requests['third-party'].allowed).toBe(false);
    expect(profile.thirdParty.recipients.map((entry) => entry.category)).toEqual(['police', 'ovj']);
    expect(profile.requests.police.conditions).toEqual(['written_request', 'signed_receipt']);
    expect(profile.requests.police.documents).toContain('receipt_statement');
  });

  it('DOM-6: read-outs, carriers and provisions are logged', () => {
    expect(profile.logbook.events.map((entry) => entry.event)).toEqual(expect.arrayContaining(['read_out', 'stored_on_carrier', 'provision']));
  });

  it('DOM-7: personal accounts, passwords, logged login attempts and the same rules remotely', () => {
    expect(profile.security.measures.map((entry) => entry.measure)).toEqual(
      expect.arrayContaining(['personal_accounts', 'password_protected', 'login_attempts_logged', 'remote_access_same_rules', 'encryption_where_needed']),
    );
  });

  it('DOM-8: at most four weeks, longer while an incident is handled', () => {
    expect(profile.retention.limitDays).toBe(28);
    expect(profile.retention.holds).toContainEqual(expect.objectContaining({ trigger: 'incident', until: 'incident_handled', rules: ['DOM-8'] }));
    expect(profile.requests['retention-extension'].deadline).toMatchObject({ kind: 'weeks', n: 2 });
  });

  it('DOM-9: footage of a reported crime is destroyed only after consulting the police', () => {
    expect(profile.retention.holds).toContainEqual(expect.objectContaining({ trigger: 'police_report', until: 'police_consulted', rules: ['DOM-9'] }));
  });

  it('DOM-10: incidents that need longer retention are logged', () => {
    expect(profile.logbook.events).toContainEqual(expect.objectContaining({ event: 'incident_requiring_longer_retention', rules: ['DOM-10'] }));
  });

  it('DOM-11: access needs a plausible interest, place and time, with the seed\u2019s refusal grounds', () => {
    const access = profile.requests.access;
    expect(access.conditions).toEqual(['plausible_interest', 'time_and_place_given']);
    expect(access.refusalGrounds.map((entry) => entry.ground)).toEqual([
      'unspecified_request', 'manifestly_abusive', 'footage_no_longer_exists', 'rights_of_others', 'crime_prevention_or_investigation',
    ]);
    expect(access.deadline).toMatchObject({ kind: 'avg_default', source: 'law', rules: ['AVG-12.3'] });
  });

  it('DOM-12: a specific protocol applies per residential complex', () => {
    expect(profile.sites).toMatchObject({ perSiteProtocol: true, rules: ['DOM-12'] });
  });
});
