import { describe, expect, it } from 'vitest';
import { evaluate, type ProtocolAction, type ProtocolContexts } from './evaluate.js';
import { getProfile, type ShippedProfileId } from './profiles/index.js';

interface Case<A extends ProtocolAction = ProtocolAction> {
  name: string;
  profile: ShippedProfileId;
  action: A;
  context: ProtocolContexts[A];
  allowed: boolean;
  rule: string;
}

function run(cases: Case[]) {
  for (const c of cases) {
    it(c.name, () => {
      const profile = getProfile(c.profile);
      if (!profile) throw new Error(c.profile);
      const result = evaluate(profile, c.action, c.context);
      expect({ allowed: result.allowed, rule: result.rule }).toEqual({ allowed: c.allowed, rule: c.rule });
      expect(result.message.nl).toContain(`(${c.rule})`);
      expect(result.message.en).toContain(`(${c.rule})`);
    });
  }
}

const provide = (profile: ShippedProfileId, context: ProtocolContexts['provide_to_third_party'], allowed: boolean, rule: string, name: string): Case =>
  ({ name, profile, action: 'provide_to_third_party', context, allowed, rule });

describe('third-party provision across the five profiles', () => {
  run([
    provide('domijn', { recipient: 'insurer' }, false, 'DOM-5', 'DOM-5: provision to an insurer is refused under Domijn'),
    provide('welwonen', { recipient: 'insurer' }, true, 'WEL-13', 'WEL-13: an insurer is another organisation; allowed for a weighty interest or legal duty'),
    provide('mozaiek', { recipient: 'insurer' }, true, 'MOZ-5', 'MOZ-5: provision to an insurer when compatible with the purpose and the interest outweighs privacy'),
    provide('soest', { recipient: 'insurer' }, false, 'SOE-9', 'SOE-9: Soest releases footage only to police or prosecutor'),
    provide('wooncompas', { recipient: 'insurer' }, true, 'WCP-9', 'WCP-9: provision to an insurer is allowed under Wooncompas'),
    provide('domijn', { recipient: 'police', writtenRequest: true }, true, 'DOM-5', 'DOM-5: the police receive footage on a written request'),
    provide('domijn', { recipient: 'police', writtenRequest: false }, false, 'DOM-5', 'DOM-5: no footage to the police without a written request'),
    provide('domijn', { recipient: 'tenant' }, false, 'DOM-5', 'DOM-5: a tenant gets no footage and may ask the police'),
    provide('soest', { recipient: 'ovj', writtenRequest: false }, false, 'SOE-9', 'SOE-9: no release to the prosecutor without a written request'),
    provide('soest', { recipient: 'police', writtenRequest: true }, true, 'SOE-9', 'SOE-9: release to the police on a written request'),
    provide('soest', { recipient: 'lawyer' }, false, 'SOE-10', 'SOE-10: a lawyer asks through the public prosecutor'),
    provide('welwonen', { recipient: 'tenant' }, false, 'WEL-13', 'WEL-13: sharing is with organisations only, not with a tenant'),
    provide('welwonen', { recipient: 'police' }, true, 'WEL-13', 'WEL-13: sharing on a police order'),
    provide('mozaiek', { recipient: 'huurcommissie' }, true, 'MOZ-5', 'MOZ-5: footage as evidence before the huurcommissie'),
    provide('wooncompas', { recipient: 'court' }, true, 'WCP-9', 'WCP-9: footage used in civil proceedings'),
    provide('wooncompas', { recipient: 'police', legalBasisCited: false }, false, 'WCP-4', 'WCP-4: a police request cites its legal basis'),
  ]);

  it('an allowed provision lists the conditions still to meet (MOZ-5)', () => {
    const result = evaluate(getProfile('mozaiek')!, 'provide_to_third_party', { recipient: 'police' });
    expect(result.conditions).toEqual(expect.arrayContaining(['identity_check', 'signed_receipt', 'careful_use_declaration']));
  });
});

describe('X-2: purpose-bound viewing', () => {
  const view = (profile: ShippedProfileId, action: 'view_live' | 'view_recordings', context: ProtocolContexts['view_live'], allowed: boolean, rule: string, name: string): Case =>
    ({ name, profile, action, context, allowed, rule });
  run([
    view('domijn', 'view_recordings', { role: 'wijkbeheerder', reason: 'incident' }, true, 'DOM-3', 'DOM-3: the wijkbeheerder views recordings for an incident'),
    view('domijn', 'view_recordings', { role: 'wijkbeheerder', reason: 'free_text' }, false, 'X-2', 'X-2: a free-text reason alone is refused'),
    view('domijn', 'view_recordings', { role: 'police', reason: 'police_investigation' }, true, 'DOM-4', 'DOM-4: an authorised police officer views footage'),
    view('domijn', 'view_recordings', { role: 'admin', reason: 'incident' }, false, 'DOM-4', 'DOM-4: the administrator views no footage'),
    view('mozaiek', 'view_live', { role: 'wijkbeheerder', reason: 'incident' }, false, 'MOZ-6.4', 'MOZ-6.4: nobody watches live under Mozaiek'),
    view('mozaiek', 'view_recordings', { role: 'wijkbeheerder', reason: 'house_rules_breach' }, false, 'MOZ-6.4', 'MOZ-6.4: recordings only after incidents or requests'),
    view('soest', 'view_live', { role: 'beheerder', reason: 'security_watch' }, true, 'SOE-4', 'SOE-4: the beheerder watches live in the secured room'),
    view('soest', 'view_recordings', { role: 'beheerder', reason: 'security_watch' }, false, 'SOE-8', 'SOE-8: a standing watch is no reason to go through recordings'),
    view('soest', 'view_live', { role: 'police', reason: 'police_investigation' }, true, 'SOE-5', 'SOE-5: police view after identifying and stating why'),
    view('soest', 'view_recordings', { role: 'technisch_beheerder', reason: 'incident' }, false, 'SOE-5', 'SOE-5: the technical manager does not review footage'),
    view('wooncompas', 'view_recordings', { role: 'maintenance_partner', reason: 'technical_check' }, true, 'WCP-10', 'WCP-10: the partner views footage for technical reasons'),
    view('wooncompas', 'view_recordings', { role: 'maintenance_partner', reason: 'incident' }, false, 'WCP-2', 'WCP-2: the partner does not view footage for an incident'),
    view('wooncompas', 'view_recordings', { role: 'manager', reason: 'incident' }, true, 'WCP-2', 'WCP-2: a manager views footage after an incident'),
    view('welwonen', 'view_recordings', { role: 'wijkbeheerder', reason: 'camera_purpose' }, true, 'WEL-12', 'WEL-12: watching where the camera purpose can be reached'),
    view('welwonen', 'view_live', { role: 'privacy_officer', reason: 'incident' }, false, 'WEL-10', 'WEL-10: only the persons responsible for the camera watch'),
  ]);
});

describe('requests: who may file and who decides', () => {
  const file = (profile: ShippedProfileId, context: ProtocolContexts['file_request'], allowed: boolean, rule: string, name: string): Case =>
    ({ name, profile, action: 'file_request', context, allowed, rule });
  const decide = (profile: ShippedProfileId, context: ProtocolContexts['decide_request'], allowed: boolean, rule: string, name: string): Case =>
    ({ name, profile, action: 'decide_request', context, allowed, rule });
  run([
    file('mozaiek', { kind: 'access', requester: 'tenant' }, true, 'MOZ-4.1', 'MOZ-4.1: a tenant may ask to see recordings of themselves'),
    file('domijn', { kind: 'access', requester: 'tenant' }, true, 'DOM-11', 'DOM-11: a tenant on camera may ask for access (art. 15 AVG)'),
    file('domijn', { kind: 'third-party', requester: 'tenant' }, false, 'DOM-5', 'DOM-5: no third-party requests under Domijn'),
    file('soest', { kind: 'third-party', requester: 'lawyer' }, false, 'SOE-10', 'SOE-10: a lawyer cannot file directly'),
    file('wooncompas', { kind: 'access', requester: 'data_subject' }, true, 'WCP-7', 'WCP-7: a data subject may ask for a digital copy'),
    file('mozaiek', { kind: 'retention-extension', requester: 'emergency_service' }, true, 'MOZ-2.4', 'MOZ-2.4: an emergency service may have footage secured'),
    decide('welwonen', { kind: 'erasure', role: 'privacy_officer' }, true, 'WEL-15', 'WEL-15: the Privacy Officer decides on erasure'),
    decide('welwonen', { kind: 'erasure', role: 'wijkbeheerder' }, false, 'WEL-15', 'WEL-15: the camera-responsible does not decide on erasure'),
    decide('soest', { kind: 'third-party', role: 'manager' }, true, 'SOE-10', 'SOE-10: the manager bedrijfsvoering decides on viewing by others'),
    decide('soest', { kind: 'third-party', role: 'beheerder' }, false, 'SOE-10', 'SOE-10: the beheerder does not decide on viewing by others'),
    decide('mozaiek', { kind: 'access', role: 'wijkbeheerder' }, true, 'MOZ-4.4', 'MOZ-2.6: the contact person judges and decides access'),
    decide('wooncompas', { kind: 'third-party', role: 'maintenance_partner' }, true, 'WCP-5', 'WCP-5: the partner may decide on provision'),
  ]);

  it('MOZ-4.5: an access request at Mozaiek brings its conditions: time, duration, ID, staff present, declaration', () => {
    const result = evaluate(getProfile('mozaiek')!, 'file_request', { kind: 'access', requester: 'tenant' });
    expect(result.conditions).toEqual(expect.arrayContaining(['time_and_duration_given', 'identity_check_in_person', 'staff_present', 'viewing_declaration']));
  });
});

describe('holds, cameras and other permissions', () => {
  const act = <A extends ProtocolAction>(profile: ShippedProfileId, action: A, context: ProtocolContexts[A], allowed: boolean, rule: string, name: string): Case =>
    ({ name, profile, action, context, allowed, rule }) as Case;
  run([
    act('domijn', 'release_hold', { role: 'wijkbeheerder', until: 'police_consulted', conditionMet: false }, false, 'DOM-9', 'DOM-9: footage in a police investigation stays until the police are consulted'),
    act('domijn', 'release_hold', { role: 'wijkbeheerder', until: 'police_consulted', conditionMet: true }, true, 'DOM-8', 'DOM-9: after the recorded consultation the hold may be released'),
    act('wooncompas', 'release_hold', { role: 'wijkbeheerder', until: 'irrevocable_judgment', conditionMet: false }, false, 'WCP-11', 'WCP-11: incident footage stays until an irrevocable judgment'),
    act('welwonen', 'install_camera', { hidden: true }, false, 'WEL-8', 'WEL-8: no hidden camera without a concrete suspicion'),
    act('welwonen', 'install_camera', { hidden: true, staffTheftOrFraudSuspicion: true }, true, 'WEL-8', 'WEL-8: a hidden camera on a recorded suspicion of staff theft or fraud'),
    act('domijn', 'install_camera', { hidden: true }, false, 'DOM-1', 'DOM-1: no hidden cameras where signs must hang'),
    act('soest', 'install_camera', { hidden: true }, false, 'SOE-6', 'SOE-6: Soest cameras are visible'),
    act('mozaiek', 'install_camera', { dummy: true }, true, 'MOZ-3.3', 'MOZ-3.3: Mozaiek may use dummy cameras'),
    act('welwonen', 'install_camera', { dummy: true }, false, 'silent', 'dummies are refused where the seed does not provide for them'),
    act('domijn', 'use_permission', { permission: 'lift_privacy_masks', role: 'privacy_officer' }, false, 'DOM-2', 'DOM-2: nobody lifts the masks that keep homes out of view'),
    act('soest', 'use_permission', { permission: 'export', role: 'beheerder' }, true, 'SOE-5', 'SOE-5: the beheerder saves footage to an external carrier'),
  ]);
});
