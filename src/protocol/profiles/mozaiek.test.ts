import { describe, expect, it } from 'vitest';
import { grantOf } from '../policy-from-profile.js';
import { mozaiek as profile } from './mozaiek.js';

const roles = (permission: Parameters<typeof grantOf>[1]) => grantOf(profile, permission)?.roles;
const measures = () => profile.security.measures.map((entry) => entry.measure);

describe('Mozaiek Wonen profile is faithful to its seed (002)', () => {
  it('MOZ-0: tenancy, legitimate interest, and tenancy law for service-charge cameras', () => {
    expect(profile.legalBases.map((basis) => basis.basis)).toEqual(['contract', 'legitimate_interest', 'tenancy_law']);
  });

  it('MOZ-1: the purpose is protection of property', () => {
    expect(profile.purposes.items[0]).toMatchObject({ id: 'property', rules: ['MOZ-1'] });
  });

  it('MOZ-2.2: a contact person under the team leader of a region', () => {
    expect(profile.roles.items.map((item) => item.id)).toEqual(expect.arrayContaining(['wijkbeheerder', 'manager']));
    expect(profile.cameras.responsibleRecorded.rules).toEqual(['MOZ-2.2']);
  });

  it('MOZ-2.3: recording systems are checked periodically', () => {
    expect(measures()).toContain('periodic_checks');
  });

  it('MOZ-2.4: footage is secured immediately on request by tenants, visitors, others, emergency services or a manager', () => {
    const request = profile.requests['retention-extension'];
    expect(request.deadline).toMatchObject({ kind: 'immediately', rules: ['MOZ-2.4'] });
    expect(request.filedBy).toEqual(['tenant', 'visitor', 'third_party', 'emergency_service', 'staff']);
    expect(roles('file:retention-extension')).toEqual(['manager']);
  });

  it('MOZ-2.6: the contact person judges footage for viewing and provision', () => {
    expect(roles('decide:access')).toEqual(['wijkbeheerder']);
    expect(roles('decide:third-party')).toEqual(['wijkbeheerder']);
  });

  it('MOZ-2.7: technical management by a specialised company', () => {
    expect(measures()).toContain('specialist_maintenance');
    expect(roles('maintain_system')).toContain('maintenance_partner');
  });

  it('MOZ-3.2: notices at or visible from every general entrance', () => {
    expect(profile.cameras.signage).toMatchObject({ at: 'entrances', rules: ['MOZ-3.2'] });
  });

  it('MOZ-3.3: dummy cameras are used and not disclosed', () => {
    expect(profile.cameras.dummies).toMatchObject({ allowed: true, disclosed: false });
  });

  it('MOZ-4.1: access to recordings showing only the requester, with time and duration', () => {
    expect(profile.requests.access.conditions).toEqual(expect.arrayContaining(['own_images_only', 'time_and_duration_given']));
  });

  it('MOZ-4.2: access only after balancing interests', () => {
    expect(profile.requests.access.conditions).toContain('balancing_of_interests');
    expect(profile.requests.access.refusalGrounds).toContainEqual(expect.objectContaining({ ground: 'rights_of_others', rules: ['MOZ-4.2'] }));
  });

  it('MOZ-4.5: access at the office, with staff present, after an ID check', () => {
    expect(profile.requests.access.outcomes).toContain('supervised_viewing_at_office');
    expect(profile.requests.access.conditions).toEqual(expect.arrayContaining(['identity_check_in_person', 'staff_present']));
  });

  it('MOZ-4.6: viewers sign an inzageverklaring', () => {
    expect(profile.requests.access.documents).toContain('viewing_declaration');
  });

  it('MOZ-4.7: erasure, restriction and objection follow the access procedure', () => {
    for (const kind of ['erasure', 'restriction', 'objection'] as const) {
      expect(profile.requests[kind].deadline).toMatchObject({ kind: 'working_days', n: 5 });
    }
  });

  it('MOZ-5: recipients identify and sign; the police cite a legal basis; footage on a digital medium', () => {
    expect(profile.thirdParty.recipients.map((entry) => entry.category)).toEqual(['police', 'court', 'huurcommissie', 'disputes_committee']);
    expect(profile.thirdParty.carrier.kind).toBe('digital_medium');
    expect(profile.requests.police.conditions).toContain('legal_basis_cited_or_public_task');
  });

  it('MOZ-6.1: a closed system with visible cameras in common areas', () => {
    expect(measures()).toContain('closed_system');
    expect(profile.cameras.hidden.allowed).toBe('never');
    expect(profile.cameras.placement[0]?.limit).toBe('common_areas_only');
  });

  it('MOZ-6.2: the recorder stands in a locked room', () => {
    expect(profile.security.measures).toContainEqual(expect.objectContaining({ measure: 'secured_room', rules: ['MOZ-6.2'] }));
  });

  it('MOZ-6.3: recordings are overwritten after at most 28 days', () => {
    expect(profile.retention.limitDays).toBe(28);
  });

  it('MOZ-7: the protocol is published on the website', () => {
    expect(profile.publication.channels).toContain('website');
    expect(profile.publication.rules[0]).toBe('MOZ-7');
  });

  it('MOZ-8: complaints go to Mozaiek, then to the Autoriteit Persoonsgegevens', () => {
    expect(profile.complaints).toMatchObject({ toOrganisation: true, escalation: 'autoriteit_persoonsgegevens', rules: ['MOZ-8'] });
  });
});
