import { describe, expect, it } from 'vitest';
import { grantOf } from '../policy-from-profile.js';
import { soest as profile } from './soest.js';

const roles = (permission: Parameters<typeof grantOf>[1]) => grantOf(profile, permission)?.roles;

describe('Gemeente Soest profile is faithful to its seed (003)', () => {
  it('SOE-0: cameras record on motion; a DPIA before they are switched on', () => {
    expect(profile.retention.recording).toMatchObject({ mode: 'motion', rules: ['SOE-0'] });
    expect(profile.cameras.dpia).toMatchObject({ when: 'before_activation', rules: ['SOE-0', 'AVG-35'] });
  });

  it('SOE-1: protect visitors and staff, prevent damage, secure building and access, record events', () => {
    expect(profile.purposes.items.map((purpose) => purpose.id)).toEqual(['people', 'damage', 'building_access', 'events']);
  });

  it('SOE-2/3: the regeling\u2019s roles are all present', () => {
    expect(profile.roles.items.map((item) => item.id)).toEqual(
      expect.arrayContaining(['manager', 'beheerder', 'technisch_beheerder', 'privacy_officer', 'auditor']),
    );
  });

  it('SOE-4: a dedicated computer in a secured room, personal logins', () => {
    expect(profile.security.measures.map((entry) => entry.measure)).toEqual(['dedicated_viewing_computer', 'secured_room', 'personal_accounts']);
  });

  it('SOE-5: beheerder, prosecutor and police review footage; police identify first', () => {
    expect(roles('view_recordings')).toEqual(expect.arrayContaining(['beheerder', 'police', 'ovj']));
    expect(grantOf(profile, 'view_live')?.condition?.en).toContain('identify');
    expect(roles('manage_cameras')).toEqual(['beheerder', 'technisch_beheerder']);
  });

  it('SOE-6: no audio, visible cameras, signs at the entrances', () => {
    expect(profile.cameras.placement.map((entry) => entry.limit)).toContain('no_audio');
    expect(profile.cameras.signage).toMatchObject({ at: 'entrances', rules: ['SOE-6'] });
  });

  it('SOE-7.1: at most 28 days; longer until a request is handled or refused', () => {
    expect(profile.retention.limitDays).toBe(28);
    expect(profile.retention.holds[0]).toMatchObject({ trigger: 'request', until: 'request_handled', rules: ['SOE-7.1'] });
  });

  it('SOE-7.2: who watched live and who handled recordings is logged', () => {
    expect(profile.logbook.events.filter((entry) => entry.rules.includes('SOE-7.2')).map((entry) => entry.event)).toEqual(['live_view', 'system_use']);
  });

  it('SOE-8: not used to monitor staff', () => {
    expect(profile.cameras.placement).toContainEqual(expect.objectContaining({ limit: 'not_for_staff_monitoring', rules: ['SOE-8'] }));
  });

  it('SOE-9: release on a written request of police or prosecutor, on an encrypted carrier, with a declaration', () => {
    expect(profile.requests.police.conditions).toEqual(['written_request', 'identity_check', 'careful_use_declaration']);
    expect(profile.thirdParty.carrier.kind).toBe('encrypted_carrier');
  });

  it('SOE-10: others ask in writing; the manager decides within two working days; all is kept in the logboek', () => {
    expect(profile.requests['third-party'].deadline).toMatchObject({ kind: 'working_days', n: 2 });
    expect(roles('decide:third-party')).toEqual(['manager']);
    expect(profile.logbook.events.filter((entry) => entry.rules.includes('SOE-10')).map((entry) => entry.event)).toEqual(['request', 'decision', 'declaration']);
  });

  it('SOE-11: works-council approval where staff are in view', () => {
    expect(profile.cameras.worksCouncil).toMatchObject({ when: 'staff_in_view', rules: ['SOE-11', 'WOR-27'] });
  });

  it('SOE-12: unforeseen cases are decided at the top after advice of privacy officer and FG', () => {
    expect(profile.unforeseen).toMatchObject({ decidedBy: 'manager', advisedBy: ['privacy_officer', 'auditor'], rules: ['SOE-12'] });
  });

  it('SOE-13: in force from 2 August 2025', () => {
    expect(profile.version).toMatchObject({ effectiveFrom: '2025-08-02', rules: ['SOE-13'] });
  });
});
