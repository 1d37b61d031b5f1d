import { describe, expect, it } from 'vitest';
import { grantOf } from '../policy-from-profile.js';
import { welwonen as profile } from './welwonen.js';

const roles = (permission: Parameters<typeof grantOf>[1]) => grantOf(profile, permission)?.roles;
const limits = () => profile.cameras.placement.map((entry) => entry.limit);

describe('WelWonen profile is faithful to its seed (001)', () => {
  it('WEL-1: each camera names its purpose; the basis is legitimate interest', () => {
    expect(profile.purposes.perCamera).toBe(true);
    expect(profile.cameras.purposeRecorded).toMatchObject({ required: true, rules: ['WEL-1'] });
    expect(profile.legalBases.map((basis) => basis.basis)).toEqual(['legitimate_interest']);
  });

  it('WEL-2: the Privacy Officer assesses necessity and proportionality with questions a\u2013d', () => {
    expect(profile.cameras.proportionality).toMatchObject({ required: true, assessedBy: 'privacy_officer', rules: ['WEL-2'] });
    expect(profile.cameras.proportionality.questions).toHaveLength(4);
    expect(profile.cameras.dpia).toMatchObject({ when: 'systematic_large_scale_public', rules: ['WEL-2', 'AVG-35'] });
  });

  it('WEL-3: never into homes, at front doors or at a fixed workplace', () => {
    expect(limits()).toEqual(expect.arrayContaining(['not_into_homes', 'not_at_front_doors', 'not_at_fixed_workplace']));
  });

  it('WEL-4: public road only where unavoidable', () => {
    expect(profile.cameras.placement).toContainEqual(expect.objectContaining({ limit: 'public_road_minimal', rules: ['WEL-4'] }));
  });

  it('WEL-5: at most four weeks, or as long as an incident needs', () => {
    expect(profile.retention.limitDays).toBe(28);
    expect(profile.retention.holds).toEqual([expect.objectContaining({ trigger: 'incident', until: 'incident_handled' })]);
  });

  it('WEL-6: VvE consent beforehand where applicable', () => {
    expect(profile.cameras.vveConsent).toMatchObject({ when: 'where_applicable', rules: ['WEL-6'] });
  });

  it('WEL-7: signs or stickers', () => {
    expect(profile.cameras.signage).toMatchObject({ required: true, rules: ['WEL-7'] });
  });

  it('WEL-9: networked cameras secured; others protected against read-out', () => {
    expect(profile.security.measures.map((entry) => entry.measure)).toEqual(expect.arrayContaining(['network_cameras_secured', 'offline_cameras_protected']));
  });

  it('WEL-10: a responsible person per camera; only they view', () => {
    expect(profile.cameras.responsibleRecorded).toMatchObject({ required: true, rules: ['WEL-10'] });
    expect(roles('view_recordings')).toEqual(['wijkbeheerder']);
    expect(roles('view_live')).toEqual(['wijkbeheerder']);
  });

  it('WEL-11: viewing locations are secured; access for designated persons only', () => {
    expect(profile.security.measures).toContainEqual(expect.objectContaining({ measure: 'secured_room', rules: ['WEL-11'] }));
    expect(grantOf(profile, 'manage_users')?.rules).toEqual(['WEL-11']);
  });

  it('WEL-13: sharing with another organisation for a weighty interest, a legal duty or a police order', () => {
    expect(profile.thirdParty.others).toMatchObject({ allowed: true, scope: 'organisations', conditions: ['weighty_interest_or_legal_duty', 'privacy_officer_in_doubt'] });
    expect(profile.requests.police.conditions).toEqual(['police_order']);
  });

  it('WEL-14: data subjects see footage of themselves as far as others\u2019 privacy allows', () => {
    expect(profile.requests.access.conditions).toEqual(['own_images_only']);
    expect(profile.requests.access.refusalGrounds).toEqual([expect.objectContaining({ ground: 'rights_of_others', rules: ['WEL-14'] })]);
  });

  it('WEL-15: the Privacy Officer decides on erasure within four weeks', () => {
    expect(profile.requests.erasure.deadline).toMatchObject({ kind: 'weeks', n: 4, rules: ['WEL-15'] });
    expect(roles('decide:erasure')).toEqual(['privacy_officer']);
  });

  it('WEL-16: a supplier using cameras has a processor agreement applying this protocol', () => {
    expect(profile.security.measures).toContainEqual(expect.objectContaining({ measure: 'processor_agreement', rules: ['WEL-16'] }));
  });
});
