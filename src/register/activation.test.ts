import { describe, expect, it } from 'vitest';
import type { ProtocolProfile } from '../protocol/profile.schema.js';
import { domijn, mozaiek, soest, welwonen, wooncompas } from '../protocol/profiles/index.js';
import { activationCheck } from './activation.js';
import { approvalsOnRecord, type ApprovalKind, type ApprovalRecord, type Camera } from './camera.js';

const today = '2026-03-02';

/** A camera with everything its profile asks of the register filled in: only approvals decide. */
function readyCamera(profile: ProtocolProfile, overrides: Partial<Camera> = {}): Camera {
  return {
    id: 'c1', siteId: 's1', name: 'Hal', location: 'Entree, boven de deur', areaType: 'common_area',
    purposes: [profile.purposes.items[0]!.id], legalBasis: null, responsible: 'Team Wijkbeheer',
    viewChecklist: Object.fromEntries(profile.cameras.placement.map((p) => [p.limit, { compliant: true, photoDocumentId: null }])),
    signageLocation: 'Bij de voordeur', signagePhotoDocumentId: null, streamUrl: 'rtsps://10.0.0.5/stream', hasCredentials: true,
    secureConnection: true, recordingMode: 'motion', status: 'planned', dummy: false, hidden: false, staffInView: false, systematicPublic: false,
    activatedAt: null, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', ...overrides,
  };
}

let n = 0;
function approval(kind: ApprovalKind, overrides: Partial<ApprovalRecord> = {}): ApprovalRecord {
  n++;
  return {
    id: `a${n}`, cameraId: 'c1', kind, outcome: 'approved', decider: 'Priya', decidedOn: '2026-02-01', validUntil: null, answers: [], notes: null,
    documentId: null, recordedBy: null, recordedByRole: null, recordedAt: `2026-02-01T10:00:${String(n % 60).padStart(2, '0')}Z`, ...overrides,
  };
}

const site = { vveApplies: false };
const check = (profile: ProtocolProfile, camera: Camera, approvals: ApprovalRecord[], at = today, s = site) => activationCheck(profile, s, camera, approvals, at);

describe('activation gating per profile (INV-8)', () => {
  it('SOE-0: a public-hall camera under Soest is refused without a DPIA, allowed with one', () => {
    const camera = readyCamera(soest, { areaType: 'public_hall' });
    expect(check(soest, camera, [approval('proportionality_assessment')])).toMatchObject({ allowed: false, rule: 'SOE-0', refusal: 'missing' });
    expect(check(soest, camera, [approval('proportionality_assessment'), approval('dpia')])).toMatchObject({ allowed: true });
  });

  it('SOE-11: a Soest camera with staff in view needs the works council first', () => {
    const camera = readyCamera(soest, { areaType: 'staff_area' });
    expect(check(soest, camera, [approval('proportionality_assessment'), approval('dpia')])).toMatchObject({ allowed: false, rule: 'SOE-11' });
    expect(check(soest, camera, [approval('proportionality_assessment'), approval('dpia'), approval('works_council_approval')]).allowed).toBe(true);
  });

  it('SOE-6: Soest never allows a hidden camera (forbidden, not merely missing)', () => {
    expect(check(soest, readyCamera(soest, { hidden: true }), [])).toMatchObject({ allowed: false, rule: 'SOE-6', refusal: 'forbidden' });
  });

  it('WEL-2: a WelWonen camera without the proportionality assessment is refused', () => {
    expect(check(welwonen, readyCamera(welwonen), [])).toMatchObject({ allowed: false, rule: 'WEL-2' });
    expect(check(welwonen, readyCamera(welwonen), [approval('proportionality_assessment')]).allowed).toBe(true);
  });

  it('WEL-8: a hidden camera is refused without a recorded suspicion, and again after its end date', () => {
    const hidden = readyCamera(welwonen, { hidden: true, signageLocation: null });
    const assessed = approval('proportionality_assessment');
    expect(check(welwonen, hidden, [assessed])).toMatchObject({ allowed: false, rule: 'WEL-8' });
    const suspicion = approval('hidden_camera_suspicion', { notes: 'Kasverschillen', validUntil: '2026-03-31' });
    expect(check(welwonen, hidden, [assessed, suspicion]).allowed).toBe(true);
    expect(check(welwonen, hidden, [assessed, suspicion], '2026-04-01')).toMatchObject({ allowed: false, rule: 'WEL-8' });
  });

  it('WEL-6, WEL-1, WEL-10, WEL-3, WEL-9: VvE consent, purpose, responsible person, view and secured connection', () => {
    const assessed = [approval('proportionality_assessment')];
    expect(check(welwonen, readyCamera(welwonen), assessed, today, { vveApplies: true })).toMatchObject({ allowed: false, rule: 'WEL-6' });
    expect(check(welwonen, readyCamera(welwonen, { purposes: [] }), assessed)).toMatchObject({ allowed: false, rule: 'WEL-1', code: 'purpose_missing' });
    expect(check(welwonen, readyCamera(welwonen, { responsible: null }), assessed)).toMatchObject({ allowed: false, rule: 'WEL-10' });
    const atDoor = readyCamera(welwonen, { viewChecklist: { ...readyCamera(welwonen).viewChecklist, not_at_front_doors: { compliant: false, photoDocumentId: null } } });
    const refused = check(welwonen, atDoor, assessed);
    expect(refused).toMatchObject({ allowed: false, rule: 'WEL-3', code: 'view_checklist' });
    expect(refused.message.en).toContain('front doors');
    expect(check(welwonen, readyCamera(welwonen, { hasCredentials: false }), assessed)).toMatchObject({ allowed: false, rule: 'WEL-9' });
    expect(check(welwonen, readyCamera(welwonen, { secureConnection: false }), assessed)).toMatchObject({ allowed: false, rule: 'WEL-9' });
  });

  it('DOM-1, DOM-2: Domijn needs signs naming the owner and a view that keeps out of homes; never hidden', () => {
    const assessed = [approval('proportionality_assessment')];
    expect(check(domijn, readyCamera(domijn, { signageLocation: null }), assessed)).toMatchObject({ allowed: false, rule: 'DOM-1' });
    expect(check(domijn, readyCamera(domijn, { viewChecklist: {} }), assessed)).toMatchObject({ allowed: false, rule: 'DOM-2' });
    expect(check(domijn, readyCamera(domijn, { hidden: true }), assessed)).toMatchObject({ allowed: false, rule: 'DOM-1', refusal: 'forbidden' });
    expect(check(domijn, readyCamera(domijn), [])).toMatchObject({ allowed: false, rule: 'AVG-6.1f' });
    expect(check(domijn, readyCamera(domijn), assessed).allowed).toBe(true);
    // A systematic, large-scale watch of a public area needs a DPIA under the AVG, where the seed is silent.
    expect(check(domijn, readyCamera(domijn, { systematicPublic: true }), assessed)).toMatchObject({ allowed: false, rule: 'AVG-35' });
  });

  it('MOZ-0, MOZ-3.2, MOZ-6.1, MOZ-3.3: Mozaiek weighs necessity, signs at the entrances, no hidden cameras, dummies need nothing', () => {
    expect(check(mozaiek, readyCamera(mozaiek), [])).toMatchObject({ allowed: false, rule: 'MOZ-0' });
    expect(check(mozaiek, readyCamera(mozaiek, { signageLocation: ' ' }), [approval('proportionality_assessment')])).toMatchObject({ allowed: false, rule: 'MOZ-3.2' });
    expect(check(mozaiek, readyCamera(mozaiek, { hidden: true }), [])).toMatchObject({ allowed: false, rule: 'MOZ-6.1', refusal: 'forbidden' });
    const dummy = readyCamera(mozaiek, { dummy: true, streamUrl: null, hasCredentials: false, signageLocation: null, purposes: [] });
    expect(check(mozaiek, dummy, [])).toMatchObject({ allowed: true, code: 'dummy', requirements: [] });
  });

  it('WCP-6, WOR-27: Wooncompas weighs proportionality and hangs signs; staff in view needs the works council (art. 27 WOR)', () => {
    expect(check(wooncompas, readyCamera(wooncompas), [])).toMatchObject({ allowed: false, rule: 'WCP-6' });
    expect(check(wooncompas, readyCamera(wooncompas, { signageLocation: null }), [approval('proportionality_assessment')])).toMatchObject({ allowed: false, rule: 'WCP-6' });
    expect(check(wooncompas, readyCamera(wooncompas, { staffInView: true }), [approval('proportionality_assessment')])).toMatchObject({ allowed: false, rule: 'WOR-27' });
    expect(check(wooncompas, readyCamera(wooncompas), [approval('proportionality_assessment')]).allowed).toBe(true);
  });

  it('lists every requirement with whether it is met, for the register page', () => {
    const result = check(welwonen, readyCamera(welwonen, { hidden: true, signageLocation: null }), [approval('proportionality_assessment')]);
    expect(result.requirements.filter((r) => !r.met)).toEqual([{ key: 'hidden_camera_suspicion', rule: 'WEL-8', met: false }]);
    expect(result.requirements.map((r) => r.key)).toEqual(
      expect.arrayContaining(['proportionality_assessment', 'purpose', 'responsible', 'view:not_into_homes', 'connection']),
    );
  });

  it('a camera without an address cannot be active, even where no protocol rule names it', () => {
    expect(check(mozaiek, readyCamera(mozaiek, { streamUrl: null }), [approval('proportionality_assessment')])).toMatchObject({
      allowed: false,
      rule: null,
      code: 'connection_missing',
    });
  });
});

describe('approvals on record', () => {
  const camera = { signageLocation: null };

  it('the latest decision per kind counts: a later rejection withdraws an approval', () => {
    const first = approval('dpia', { decidedOn: '2026-01-10' });
    const later = approval('dpia', { decidedOn: '2026-02-10', outcome: 'rejected' });
    expect(approvalsOnRecord([first], camera, today).has('dpia')).toBe(true);
    expect(approvalsOnRecord([later, first], camera, today).has('dpia')).toBe(false);
  });

  it('an approval counts from its date up to and including its last valid day', () => {
    const dated = approval('dpia', { decidedOn: '2026-03-03', validUntil: null });
    expect(approvalsOnRecord([dated], camera, today).has('dpia')).toBe(false);
    const lapsing = approval('dpia', { decidedOn: '2026-01-01', validUntil: today });
    expect(approvalsOnRecord([lapsing], camera, today).has('dpia')).toBe(true);
    expect(approvalsOnRecord([lapsing], camera, '2026-03-03').has('dpia')).toBe(false);
  });

  it('signage is on record once the camera says where the signs hang', () => {
    expect(approvalsOnRecord([], { signageLocation: 'Hal' }, today).has('signage')).toBe(true);
    expect(approvalsOnRecord([], { signageLocation: '  ' }, today).has('signage')).toBe(false);
  });
});
