import { describe, expect, it } from 'vitest';
import { domijn, mozaiek, soest, wooncompas } from '../protocol/profiles/index.js';
import { aggressionReportRule, heldWindow, holdKindFor, releaseCheck, releaseConditions, type ReleaseFacts } from './incident.js';

const none: ReleaseFacts = { incidentHandled: false, policeConsulted: false, irrevocableJudgment: false, requestHandled: false };
const incident = (police = false, proceedings = false) => ({ policeReport: { filed: police, ref: police ? 'PL-1' : null }, proceedings });

describe('securing footage and releasing it (pure)', () => {
  it('widens the window by the pre- and post-margins', () => {
    expect(heldWindow('2026-03-01T20:00:00Z', '2026-03-01T20:05:00Z', 15, 30)).toEqual({ from: '2026-03-01T19:45:00.000Z', to: '2026-03-01T20:35:00.000Z' });
    expect(() => heldWindow('2026-03-01T20:05:00Z', '2026-03-01T20:00:00Z', 0, 0)).toThrowError(/ends after it starts/);
    expect(() => heldWindow('2026-03-01T20:00:00Z', '2026-03-01T20:05:00Z', -1, 0)).toThrowError(/margin/);
    expect(() => heldWindow('2026-03-01T20:00:00Z', '2026-03-20T20:05:00Z', 0, 0)).toThrowError(/at most/);
  });

  it('a police report and proceedings make a longer hold', () => {
    expect(holdKindFor(incident())).toBe('incident');
    expect(holdKindFor(incident(true))).toBe('police');
    expect(holdKindFor(incident(true, true))).toBe('court');
    expect(releaseConditions('incident', incident(true))).toEqual(['incident_handled', 'police_consulted']);
    expect(releaseConditions('restriction', null)).toEqual(['request_handled']);
  });

  it('Domijn: an incident hold is released when the incident is handled (DOM-8)', () => {
    expect(releaseCheck(domijn, 'wijkbeheerder', ['incident_handled'], none)).toMatchObject({ code: 'hold_until_incident_handled', rule: 'DOM-8' });
    expect(releaseCheck(domijn, 'wijkbeheerder', ['incident_handled'], { ...none, incidentHandled: true })).toEqual({ rule: 'DOM-8' });
  });

  it('Domijn: with a police report, only after a recorded consultation with the police (DOM-9)', () => {
    const ends = releaseConditions('police', incident(true));
    expect(releaseCheck(domijn, 'wijkbeheerder', ends, { ...none, incidentHandled: true })).toMatchObject({ code: 'hold_until_police_consulted', rule: 'DOM-9' });
    expect(releaseCheck(domijn, 'wijkbeheerder', ends, { ...none, incidentHandled: true, policeConsulted: true })).toEqual({ rule: 'DOM-9' });
  });

  it('Wooncompas: with proceedings, only after an irrevocable judgment (WCP-11); no police rule of its own', () => {
    const ends = releaseConditions('court', incident(false, true));
    expect(releaseCheck(wooncompas, 'wijkbeheerder', ends, { ...none, incidentHandled: true })).toMatchObject({ code: 'hold_until_irrevocable_judgment', rule: 'WCP-11' });
    expect(releaseCheck(wooncompas, 'wijkbeheerder', ends, { ...none, incidentHandled: true, irrevocableJudgment: true })).toEqual({ rule: 'WCP-11' });
    expect(releaseCheck(wooncompas, 'wijkbeheerder', releaseConditions('police', incident(true)), { ...none, incidentHandled: true })).toEqual({ rule: 'WCP-11' });
  });

  it('only the role the profile names releases holds', () => {
    expect(releaseCheck(soest, 'manager', ['incident_handled'], { ...none, incidentHandled: true })).toMatchObject({ code: 'not_allowed', rule: 'SOE-7.1' });
    expect(releaseCheck(mozaiek, 'wijkbeheerder', ['request_handled'], { ...none, requestHandled: true })).toEqual({ rule: 'MOZ-2.4' });
  });

  it('Soest asks an aggression incident to be reported under its aggression protocol (SOE-2/3)', () => {
    expect(aggressionReportRule(soest)).toBe('SOE-2/3');
    expect(aggressionReportRule(domijn)).toBeNull();
  });
});
