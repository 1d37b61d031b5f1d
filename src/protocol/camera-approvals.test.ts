import { describe, expect, it } from 'vitest';
import { activationDecision, requiredApprovals, type Approval, type CameraFacts } from './camera-approvals.js';
import { domijn, mozaiek, soest, welwonen, wooncompas } from './profiles/index.js';

const ordinary: CameraFacts = { systematicLargeScalePublic: false, staffInView: false, vveApplies: false, hidden: false };
const approvals = (list: { approval: Approval }[]) => list.map((entry) => entry.approval);

describe('approvals a camera needs before it records (INV-8)', () => {
  it('SOE-0: a Soest camera needs a DPIA before it is switched on, even when not large-scale', () => {
    expect(requiredApprovals(soest, ordinary)).toContainEqual({ approval: 'dpia', by: null, rule: 'SOE-0' });
    const decision = activationDecision(soest, ordinary, new Set<Approval>(['proportionality_assessment', 'signage']));
    expect(decision).toMatchObject({ allowed: false, rule: 'SOE-0' });
  });

  it('WEL-2: a WelWonen camera needs the Privacy Officer\u2019s proportionality assessment', () => {
    expect(requiredApprovals(welwonen, ordinary)[0]).toEqual({ approval: 'proportionality_assessment', by: 'privacy_officer', rule: 'WEL-2' });
    expect(activationDecision(welwonen, ordinary, new Set<Approval>(['signage']))).toMatchObject({ allowed: false, rule: 'WEL-2' });
  });

  it('WEL-2: a DPIA only for systematic large-scale monitoring of public areas (elsewhere art. 35 AVG)', () => {
    expect(approvals(requiredApprovals(welwonen, ordinary))).not.toContain('dpia');
    expect(requiredApprovals(welwonen, { ...ordinary, systematicLargeScalePublic: true })).toContainEqual({ approval: 'dpia', by: null, rule: 'WEL-2' });
    expect(requiredApprovals(domijn, { ...ordinary, systematicLargeScalePublic: true })).toContainEqual({ approval: 'dpia', by: null, rule: 'AVG-35' });
  });

  it('WEL-6: VvE consent where a VvE applies', () => {
    expect(requiredApprovals(welwonen, { ...ordinary, vveApplies: true })).toContainEqual({ approval: 'vve_consent', by: null, rule: 'WEL-6' });
    expect(approvals(requiredApprovals(mozaiek, { ...ordinary, vveApplies: true }))).not.toContain('vve_consent');
  });

  it('SOE-11: works-council approval where staff are in view (elsewhere art. 27 WOR)', () => {
    expect(requiredApprovals(soest, { ...ordinary, staffInView: true })).toContainEqual({ approval: 'works_council_approval', by: null, rule: 'SOE-11' });
    expect(requiredApprovals(wooncompas, { ...ordinary, staffInView: true })).toContainEqual({ approval: 'works_council_approval', by: null, rule: 'WOR-27' });
  });

  it('WEL-8: a hidden WelWonen camera needs a recorded suspicion and no sign; elsewhere it is refused', () => {
    const hidden = { ...ordinary, hidden: true };
    expect(approvals(requiredApprovals(welwonen, hidden))).toEqual(['proportionality_assessment', 'hidden_camera_suspicion']);
    expect(activationDecision(welwonen, hidden, new Set<Approval>(['proportionality_assessment']))).toMatchObject({ allowed: false, rule: 'WEL-8' });
    expect(activationDecision(mozaiek, hidden, new Set<Approval>())).toMatchObject({ allowed: false, rule: 'MOZ-6.1' });
  });

  it('MOZ-3.2: signs at the entrances before a Mozaiek camera records', () => {
    expect(activationDecision(mozaiek, ordinary, new Set<Approval>(['proportionality_assessment']))).toMatchObject({ allowed: false, rule: 'MOZ-3.2' });
    expect(activationDecision(mozaiek, ordinary, new Set<Approval>(['proportionality_assessment', 'signage']))).toMatchObject({ allowed: true });
  });
});
