/**
 * The rule map: every rule ID of ../shared/spec/REQUIREMENTS.md → the profile fields that hold it
 * → what proves it: a test (file + test name), the register/checklist field that records an
 * organisational rule, or the later issue whose running code enforces it. docs/protocols.md is
 * generated from this file and the profiles; rule-map.test.ts keeps all three honest.
 */
export type Proof =
  | { kind: 'test'; file: string; name: string }
  | { kind: 'record'; issue: number; field: string }
  | { kind: 'planned'; issue: number; what: string };

export interface RuleMapping {
  /** `profile:path` (or `*:path` for every profile); array elements are addressed by their key. */
  fields: string[];
  proofs: Proof[];
}

const test = (file: string, name: string): Proof => ({ kind: 'test', file: `src/protocol/${file}`, name });
const record = (issue: number, field: string): Proof => ({ kind: 'record', issue, field });
const planned = (issue: number, what: string): Proof => ({ kind: 'planned', issue, what });
const map = (fields: string[], ...proofs: Proof[]): RuleMapping => ({ fields, proofs });

const DOM = 'profiles/domijn.test.ts';
const WEL = 'profiles/welwonen.test.ts';
const MOZ = 'profiles/mozaiek.test.ts';
const SOE = 'profiles/soest.test.ts';
const WCP = 'profiles/wooncompas.test.ts';
const EVAL = 'evaluate.test.ts';
const DEADLINE = 'deadline.test.ts';
const APPROVALS = 'camera-approvals.test.ts';
const POLICY = 'policy-from-profile.test.ts';
const SITE = 'site-override.test.ts';
const VERSIONS = 'versions/profile-store.test.ts';
const PAGE = 'publication/protocol-document.test.ts';
const PUBLISHED = 'publication/publication.routes.test.ts';

const watching = planned(6, 'live view and playback ask a reason bound to the profile and log it');
const cases = planned(7, 'case workflow: deadlines, decisions, documents and holds from the profile');
const recorder = planned(5, 'retention sweep deletes footage past the profile limit unless held');
const exportsPlan = planned(8, 'sealed export packages for the recipients the profile allows');
const register = (field: string) => record(4, field);
/** A test of the case workflows (issue 7) that enforces a profile field. */
const caseTest = (name: string): Proof => ({ kind: 'test', file: 'src/cases/incident.test.ts', name });

export const ruleMap: Record<string, RuleMapping> = {
  'DOM-1': map(['domijn:purposes', 'domijn:cameras.signage'], test(DOM, 'DOM-1: purposes are nuisance, crime, vandalism and property; signs name the owner'), test(EVAL, 'DOM-1: no hidden cameras where signs must hang'), register('camera.purposes, camera.signage (photo)')),
  'DOM-2': map(['domijn:cameras.placement.not_into_homes', 'domijn:grants.lift_privacy_masks'], test(DOM, 'DOM-2: cameras keep out of homes and minimise public road and others\u2019 property'), test(EVAL, 'DOM-2: nobody lifts the masks that keep homes out of view'), register('camera.viewChecklist (photo per answer)'), planned(9, 'privacy masks rendered into every stream')),
  'DOM-3': map(['domijn:viewing', 'domijn:incidents'], caseTest('DOM-3: footage is secured for the incidents DOM-3 names and breaches of house rules'), test(DOM, 'DOM-3: footage is used for incidents and breaches of house rules only'), test(EVAL, 'DOM-3: the wijkbeheerder views recordings for an incident'), watching),
  'DOM-4': map(['domijn:grants.view_recordings', 'domijn:grants.view_live'], test(DOM, 'DOM-4: only the wijkbeheerder and an authorised police officer view footage'), test(EVAL, 'DOM-4: the administrator views no footage'), test(POLICY, 'DOM-4: a role Domijn does not know (beheerder) is refused even the dashboard, naming DOM-4'), watching),
  'DOM-5': map(['domijn:thirdParty', 'domijn:requests.police', 'domijn:requests.third-party'], test(EVAL, 'DOM-5: provision to an insurer is refused under Domijn'), test(EVAL, 'DOM-5: no footage to the police without a written request'), test(DOM, 'DOM-5: footage goes only to police and OM, on a written request, signed for'), exportsPlan),
  'DOM-6': map(['domijn:logbook.events.read_out', 'domijn:logbook.events.stored_on_carrier', 'domijn:logbook.events.provision'], test(DOM, 'DOM-6: read-outs, carriers and provisions are logged'), planned(2, 'logboek entries for read-out, carrier and provision'), exportsPlan),
  'DOM-7': map(['domijn:security', 'domijn:grants.manage_users'], test(DOM, 'DOM-7: personal accounts, passwords, logged login attempts and the same rules remotely'), test(POLICY, 'DOM-7: Domijn user management is for the application administrator only'), planned(2, 'personal accounts, login-attempt log, lockout')),
  'DOM-8': map(['domijn:retention', 'domijn:requests.retention-extension.deadline'], test(DOM, 'DOM-8: at most four weeks, longer while an incident is handled'), test(DEADLINE, 'DOM-8: two weeks ending on Easter Monday move to Tuesday'), recorder, cases),
  'DOM-9': map(['domijn:retention.holds.police_report'], test(DOM, 'DOM-9: footage of a reported crime is destroyed only after consulting the police'), test(EVAL, 'DOM-9: footage in a police investigation stays until the police are consulted'), cases),
  'DOM-10': map(['domijn:logbook.events.incident_requiring_longer_retention'], test(DOM, 'DOM-10: incidents that need longer retention are logged'), cases),
  'DOM-11': map(['domijn:requests.access'], test(DOM, 'DOM-11: access needs a plausible interest, place and time, with the seed\u2019s refusal grounds'), test(EVAL, 'DOM-11: a tenant on camera may ask for access (art. 15 AVG)'), cases),
  'DOM-12': map(['domijn:sites'], test(SITE, 'DOM-12: a Domijn site may shorten retention'), test(SITE, 'DOM-12: a site may not keep footage longer than the organisation allows'), test(DOM, 'DOM-12: a specific protocol applies per residential complex'), test(VERSIONS, 'DOM-12: a site tightens the version in force and may not loosen it'), test(PUBLISHED, 'DOM-12: a site\u2019s page shows the site\u2019s tightenings; an unknown site has none'), register('site.profileOverride')),

  'WEL-1': map(['welwonen:purposes', 'welwonen:cameras.purposeRecorded', 'welwonen:legalBases.legitimate_interest'], test(WEL, 'WEL-1: each camera names its purpose; the basis is legitimate interest'), register('camera.purposes (bijlage 1)')),
  'WEL-2': map(['welwonen:cameras.proportionality', 'welwonen:cameras.dpia'], test(WEL, 'WEL-2: the Privacy Officer assesses necessity and proportionality with questions a\u2013d'), test(APPROVALS, 'WEL-2: a WelWonen camera needs the Privacy Officer\u2019s proportionality assessment'), register('assessment.proportionality, assessment.dpia')),
  'WEL-3': map(['welwonen:cameras.placement.not_into_homes', 'welwonen:cameras.placement.not_at_front_doors', 'welwonen:cameras.placement.not_at_fixed_workplace'], test(WEL, 'WEL-3: never into homes, at front doors or at a fixed workplace'), register('camera.viewChecklist (photo per answer)')),
  'WEL-4': map(['welwonen:cameras.placement.public_road_minimal'], test(WEL, 'WEL-4: public road only where unavoidable'), register('camera.viewChecklist.publicRoad')),
  'WEL-5': map(['welwonen:retention'], test(WEL, 'WEL-5: at most four weeks, or as long as an incident needs'), recorder),
  'WEL-6': map(['welwonen:cameras.vveConsent'], test(WEL, 'WEL-6: VvE consent beforehand where applicable'), test(APPROVALS, 'WEL-6: VvE consent where a VvE applies'), register('approval.vveConsent')),
  'WEL-7': map(['welwonen:cameras.signage'], test(WEL, 'WEL-7: signs or stickers'), register('camera.signage (photo)')),
  'WEL-8': map(['welwonen:cameras.hidden'], test(EVAL, 'WEL-8: no hidden camera without a concrete suspicion'), test(APPROVALS, 'WEL-8: a hidden WelWonen camera needs a recorded suspicion and no sign; elsewhere it is refused'), register('camera.hidden (suspicion, decider, end date)')),
  'WEL-9': map(['welwonen:security.measures.network_cameras_secured', 'welwonen:security.measures.offline_cameras_protected'], test(WEL, 'WEL-9: networked cameras secured; others protected against read-out'), register('camera.connection.secure')),
  'WEL-10': map(['welwonen:cameras.responsibleRecorded', 'welwonen:grants.view_recordings'], test(WEL, 'WEL-10: a responsible person per camera; only they view'), test(EVAL, 'WEL-10: only the persons responsible for the camera watch'), register('camera.responsible')),
  'WEL-11': map(['welwonen:security.measures.secured_room', 'welwonen:grants.manage_users'], test(WEL, 'WEL-11: viewing locations are secured; access for designated persons only'), register('site.viewingStation.security')),
  'WEL-12': map(['welwonen:viewing'], test(EVAL, 'WEL-12: watching where the camera purpose can be reached'), watching),
  'WEL-13': map(['welwonen:thirdParty', 'welwonen:requests.police'], test(WEL, 'WEL-13: sharing with another organisation for a weighty interest, a legal duty or a police order'), test(EVAL, 'WEL-13: sharing is with organisations only, not with a tenant'), exportsPlan),
  'WEL-14': map(['welwonen:requests.access'], test(WEL, 'WEL-14: data subjects see footage of themselves as far as others\u2019 privacy allows'), cases, planned(9, 'copies in which only the requester is recognisable')),
  'WEL-15': map(['welwonen:requests.erasure', 'welwonen:grants.decide:erasure'], test(WEL, 'WEL-15: the Privacy Officer decides on erasure within four weeks'), test(DEADLINE, 'WEL-15: four weeks ending on Ascension Day move to Friday'), test(EVAL, 'WEL-15: the Privacy Officer decides on erasure'), cases),
  'WEL-16': map(['welwonen:security.measures.processor_agreement'], test(WEL, 'WEL-16: a supplier using cameras has a processor agreement applying this protocol'), register('site.maintenancePartner.processorAgreement')),

  'MOZ-0': map(['mozaiek:legalBases.contract', 'mozaiek:legalBases.tenancy_law'], test(MOZ, 'MOZ-0: tenancy, legitimate interest, and tenancy law for service-charge cameras'), register('camera.legalBasis')),
  'MOZ-1': map(['mozaiek:purposes'], test(MOZ, 'MOZ-1: the purpose is protection of property'), register('camera.purposes')),
  'MOZ-2.2': map(['mozaiek:roles', 'mozaiek:cameras.responsibleRecorded'], test(MOZ, 'MOZ-2.2: a contact person under the team leader of a region'), register('site.contactPerson (team, region)')),
  'MOZ-2.3': map(['mozaiek:security.measures.periodic_checks'], test(MOZ, 'MOZ-2.3: recording systems are checked periodically'), register('site.checkSchedule, check.defects')),
  'MOZ-2.4': map(['mozaiek:requests.retention-extension', 'mozaiek:grants.secure_footage'], test(MOZ, 'MOZ-2.4: footage is secured immediately on request by tenants, visitors, others, emergency services or a manager'), test(DEADLINE, 'MOZ-2.4: securing is immediate, even on a Saturday'), test(EVAL, 'MOZ-2.4: an emergency service may have footage secured'), cases),
  'MOZ-2.6': map(['mozaiek:grants.decide:access', 'mozaiek:grants.decide:third-party'], test(MOZ, 'MOZ-2.6: the contact person judges footage for viewing and provision'), test(EVAL, 'MOZ-2.6: the contact person judges and decides access')),
  'MOZ-2.7': map(['mozaiek:security.measures.specialist_maintenance', 'mozaiek:grants.maintain_system'], test(MOZ, 'MOZ-2.7: technical management by a specialised company'), register('site.maintenancePartner')),
  'MOZ-3.2': map(['mozaiek:cameras.signage'], test(MOZ, 'MOZ-3.2: notices at or visible from every general entrance'), test(APPROVALS, 'MOZ-3.2: signs at the entrances before a Mozaiek camera records'), register('camera.signage (photo)')),
  'MOZ-3.3': map(['mozaiek:cameras.dummies'], test(MOZ, 'MOZ-3.3: dummy cameras are used and not disclosed'), test(EVAL, 'MOZ-3.3: Mozaiek may use dummy cameras'), register('camera.dummy'), test(PAGE, 'MOZ-3.3: an undisclosed dummy camera stays off the public list; the list says dummies are used')),
  'MOZ-4.1': map(['mozaiek:requests.access'], test(EVAL, 'MOZ-4.1: a tenant may ask to see recordings of themselves'), test(MOZ, 'MOZ-4.1: access to recordings showing only the requester, with time and duration'), cases),
  'MOZ-4.2': map(['mozaiek:requests.access.refusalGrounds.rights_of_others'], test(MOZ, 'MOZ-4.2: access only after balancing interests'), cases),
  'MOZ-4.4': map(['mozaiek:requests.access.deadline'], test(DEADLINE, 'MOZ-4.4: five working days over Easter; Good Friday counts'), test(DEADLINE, 'MOZ-4.4: receipt on a Saturday counts from Monday'), cases),
  'MOZ-4.5': map(['mozaiek:requests.access'], test(MOZ, 'MOZ-4.5: access at the office, with staff present, after an ID check'), test(EVAL, 'MOZ-4.5: an access request at Mozaiek brings its conditions: time, duration, ID, staff present, declaration'), cases),
  'MOZ-4.6': map(['mozaiek:requests.access'], test(MOZ, 'MOZ-4.6: viewers sign an inzageverklaring'), cases),
  'MOZ-4.7': map(['mozaiek:requests.erasure', 'mozaiek:requests.restriction', 'mozaiek:requests.objection'], test(MOZ, 'MOZ-4.7: erasure, restriction and objection follow the access procedure'), test(DEADLINE, 'MOZ-4.7: working days skip 5 May'), cases),
  'MOZ-5': map(['mozaiek:thirdParty', 'mozaiek:requests.police', 'mozaiek:requests.third-party'], test(MOZ, 'MOZ-5: recipients identify and sign; the police cite a legal basis; footage on a digital medium'), test(EVAL, 'MOZ-5: provision to an insurer when compatible with the purpose and the interest outweighs privacy'), exportsPlan),
  'MOZ-6.1': map(['mozaiek:security.measures.closed_system', 'mozaiek:cameras.placement.common_areas_only', 'mozaiek:cameras.hidden'], test(MOZ, 'MOZ-6.1: a closed system with visible cameras in common areas'), register('camera.areaType')),
  'MOZ-6.2': map(['mozaiek:security.measures.secured_room'], test(MOZ, 'MOZ-6.2: the recorder stands in a locked room'), register('site.recorderLocation.security')),
  'MOZ-6.3': map(['mozaiek:retention'], test(MOZ, 'MOZ-6.3: recordings are overwritten after at most 28 days'), recorder),
  'MOZ-6.4': map(['mozaiek:viewing', 'mozaiek:grants.view_live'], test(EVAL, 'MOZ-6.4: nobody watches live under Mozaiek'), test(EVAL, 'MOZ-6.4: recordings only after incidents or requests'), watching),
  'MOZ-7': map(['mozaiek:publication'], test(MOZ, 'MOZ-7: the protocol is published on the website'), test(PUBLISHED, 'MOZ-7: publishes the protocol without a login, in Dutch, with version and effective date')),
  'MOZ-8': map(['mozaiek:complaints'], test(MOZ, 'MOZ-8: complaints go to Mozaiek, then to the Autoriteit Persoonsgegevens'), test(PAGE, 'MOZ-8 and WCP-13: complaints go to the organisation first, then to the Autoriteit Persoonsgegevens'), planned(7, 'complaints registered with the case')),

  'SOE-0': map(['soest:retention.recording', 'soest:cameras.dpia', 'soest:security'], test(SOE, 'SOE-0: cameras record on motion; a DPIA before they are switched on'), test(APPROVALS, 'SOE-0: a Soest camera needs a DPIA before it is switched on, even when not large-scale'), register('assessment.dpia'), planned(5, 'motion-only recording')),
  'SOE-1': map(['soest:purposes'], test(SOE, 'SOE-1: protect visitors and staff, prevent damage, secure building and access, record events'), register('camera.purposes')),
  'SOE-2/3': map(['soest:roles', 'soest:organisation', 'soest:incidents'], test(SOE, 'SOE-2/3: the regeling\u2019s roles are all present'), caseTest('SOE-2/3: aggression is also reported under the Omgangsprotocol Agressie en Geweld')),
  'SOE-4': map(['soest:security', 'soest:viewing.reasons.security_watch'], test(SOE, 'SOE-4: a dedicated computer in a secured room, personal logins'), test(EVAL, 'SOE-4: the beheerder watches live in the secured room'), register('site.viewingStation.security')),
  'SOE-5': map(['soest:grants.view_recordings', 'soest:grants.view_live', 'soest:grants.export'], test(SOE, 'SOE-5: beheerder, prosecutor and police review footage; police identify first'), test(EVAL, 'SOE-5: police view after identifying and stating why'), test(EVAL, 'SOE-5: the beheerder saves footage to an external carrier'), watching),
  'SOE-6': map(['soest:cameras.placement.no_audio', 'soest:cameras.signage', 'soest:cameras.hidden'], test(SOE, 'SOE-6: no audio, visible cameras, signs at the entrances'), test(EVAL, 'SOE-6: Soest cameras are visible'), register('camera.signage (photo)'), planned(5, 'the recorder drops audio')),
  'SOE-7.1': map(['soest:retention', 'soest:requests.retention-extension'], test(SOE, 'SOE-7.1: at most 28 days; longer until a request is handled or refused'), recorder, cases),
  'SOE-7.2': map(['soest:logbook.events.live_view', 'soest:grants.read_logbook'], test(SOE, 'SOE-7.2: who watched live and who handled recordings is logged'), test(POLICY, 'SOE-7.2: the Soest beheerder keeps track of system use and reads the logboek'), watching),
  'SOE-8': map(['soest:cameras.placement.not_for_staff_monitoring', 'soest:grants.lift_privacy_masks'], test(SOE, 'SOE-8: not used to monitor staff'), test(EVAL, 'SOE-8: a standing watch is no reason to go through recordings'), watching),
  'SOE-9': map(['soest:thirdParty', 'soest:requests.police'], test(EVAL, 'SOE-9: Soest releases footage only to police or prosecutor'), test(EVAL, 'SOE-9: no release to the prosecutor without a written request'), test(SOE, 'SOE-9: release on a written request of police or prosecutor, on an encrypted carrier, with a declaration'), exportsPlan),
  'SOE-10': map(['soest:requests.third-party', 'soest:requests.access', 'soest:thirdParty.refused.lawyer', 'soest:logbook.events.decision'], test(SOE, 'SOE-10: others ask in writing; the manager decides within two working days; all is kept in the logboek'), test(DEADLINE, 'SOE-10: two working days skip Whit Monday'), test(EVAL, 'SOE-10: a lawyer asks through the public prosecutor'), cases),
  'SOE-11': map(['soest:cameras.worksCouncil'], test(SOE, 'SOE-11: works-council approval where staff are in view'), test(APPROVALS, 'SOE-11: works-council approval where staff are in view (elsewhere art. 27 WOR)'), register('approval.worksCouncil')),
  'SOE-12': map(['soest:unforeseen'], test(SOE, 'SOE-12: unforeseen cases are decided at the top after advice of privacy officer and FG'), cases),
  'SOE-13': map(['soest:version'], test(SOE, 'SOE-13: in force from 2 August 2025'), test(VERSIONS, 'SOE-13: a profile that names its effective date is in force from that day'), test(PAGE, 'SOE-13: Soest states the date its regeling took effect')),

  'WCP-1': map(['wooncompas:purposes', 'wooncompas:legalBases.contract'], test(WCP, 'WCP-1: five purposes, from property to breaches of the tenancy'), register('camera.purposes')),
  'WCP-2': map(['wooncompas:viewing'], test(EVAL, 'WCP-2: the partner does not view footage for an incident'), test(EVAL, 'WCP-2: a manager views footage after an incident'), watching),
  'WCP-3': map(['wooncompas:organisation', 'wooncompas:security.measures.periodic_checks'], test(WCP, 'WCP-3: Wooncompas is controller; its partner stores footage and checks the systems'), register('site.maintenancePartner, site.checkSchedule')),
  'WCP-4': map(['wooncompas:requests.retention-extension', 'wooncompas:retention.holds.police_request'], test(WCP, 'WCP-4: footage is secured at once on an incident or a police request'), test(EVAL, 'WCP-4: a police request cites its legal basis'), cases),
  'WCP-5': map(['wooncompas:grants.decide:access', 'wooncompas:grants.decide:third-party'], test(WCP, 'WCP-5: an authorised employee or the partner decides on viewing and provision'), test(EVAL, 'WCP-5: the partner may decide on provision')),
  'WCP-6': map(['wooncompas:retention.recording', 'wooncompas:cameras.placement.common_areas_only', 'wooncompas:cameras.signage'], test(WCP, 'WCP-6: cameras run around the clock and/or on motion, in common areas, announced by signs'), register('camera.recordingMode, camera.signage')),
  'WCP-7': map(['wooncompas:requests.access'], test(WCP, 'WCP-7: a digital copy of one\u2019s own images, after identifying, with a precise time'), test(EVAL, 'WCP-7: a data subject may ask for a digital copy'), planned(9, 'a copy in which only the requester is recognisable')),
  'WCP-8': map(['wooncompas:retention', 'wooncompas:requests.access.refusalGrounds.footage_no_longer_exists'], test(WCP, 'WCP-8: footage cannot be viewed after the seven-day retention'), recorder),
  'WCP-9': map(['wooncompas:thirdParty', 'wooncompas:thirdParty.recipients.insurer'], test(EVAL, 'WCP-9: provision to an insurer is allowed under Wooncompas'), test(EVAL, 'WCP-9: footage used in civil proceedings'), exportsPlan),
  'WCP-10': map(['wooncompas:viewing.reasons.technical_check', 'wooncompas:grants.view_recordings'], test(WCP, 'WCP-10: staff by function, managers and lawyers for an incident, the partner for technical reasons'), test(EVAL, 'WCP-10: the partner views footage for technical reasons'), watching),
  'WCP-11': map(['wooncompas:retention.holds.proceedings'], test(WCP, 'WCP-11: incident footage kept until handled, at the latest an irrevocable judgment'), test(EVAL, 'WCP-11: incident footage stays until an irrevocable judgment'), cases),
  'WCP-12': map(['wooncompas:publication'], test(WCP, 'WCP-12: tenants are told at the start of the tenancy and by letter; the protocol is on the website'), test(PAGE, 'WCP-12: the page says the protocol is on the website and how tenants are told')),
  'WCP-13': map(['wooncompas:complaints'], test(WCP, 'WCP-13: complaints to Wooncompas, then to the Autoriteit Persoonsgegevens'), test(PAGE, 'MOZ-8 and WCP-13: complaints go to the organisation first, then to the Autoriteit Persoonsgegevens'), planned(7, 'complaints registered with the case')),

  'X-1': map(['*:logbook'], test(POLICY, 'X-1: the logboek is confidential: privacy officer and auditor read it'), planned(2, 'append-only, hash-chained logboek of every event')),
  'X-2': map(['*:viewing.freeText'], test(EVAL, 'X-2: a free-text reason alone is refused'), watching),
  'X-3': map(['*:retention'], test('profile.schema.test.ts', 'X-3: every profile limits retention and keeps held footage beyond the limit'), test(EVAL, 'DOM-9: footage in a police investigation stays until the police are consulted'), recorder, cases),
  'X-4': map([], test('calendar.test.ts', 'lists exactly the eight general holidays of 2026'), test(DEADLINE, 'AVG-12.3: 31 January + 1 month is 28 February, a Saturday, so 2 March'), test(DEADLINE, 'AVG-12.3: 23:30 UTC on 30 January is 31 January in Amsterdam')),
  'X-5': map(['*:requests.access'], test('profile.schema.test.ts', 'X-5: every decision that can refuse produces a decision letter; every police release a signed statement'), test(EVAL, 'MOZ-4.5: an access request at Mozaiek brings its conditions: time, duration, ID, staff present, declaration'), cases),
  'X-6': map(['*:publication'], test('profile.schema.test.ts', 'X-6: every profile publishes its protocol text and its camera list'), test(MOZ, 'MOZ-7: the protocol is published on the website'), test(PUBLISHED, 'X-6: the page follows the version in force: a new activation changes what is published')),
};
