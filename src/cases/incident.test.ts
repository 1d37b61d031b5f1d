import { describe, expect, it } from 'vitest';
import { domijn, mozaiek, soest, welwonen, wooncompas } from '../protocol/profiles/index.js';
import type { ProtocolProfile } from '../protocol/profile.schema.js';
import { protocolProfileSchema } from '../protocol/profile.schema.js';
import {
  aggressionReportRule, alsoReportedUnder, heldWindow, holdKindFor, incidentTypeCheck, incidentTypes, incidentTypesOf, releaseCheck, releaseConditions,
  type IncidentType, type ReleaseFacts,
} from './incident.js';

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

describe('incident types and other protocols come from the profile (pure)', () => {
  it.each([
    [domijn, 'vandalism', null],
    [domijn, 'house_rules_breach', null],
    [domijn, 'aggression', 'DOM-3'], // DOM-3 names its incidents; aggression is not among them
    [domijn, 'other', 'DOM-3'],
    [soest, 'aggression', null],
    [soest, 'house_rules_breach', 'SOE-1'], // a town hall has no tenancy
    [wooncompas, 'house_rules_breach', null],
    [welwonen, 'other', null],
    [mozaiek, 'theft', null],
  ] as [ProtocolProfile, IncidentType, string | null][])('%#: %s reports %s: %s', (profile, type, rule) => {
    const violation = incidentTypeCheck(profile, type);
    expect(violation?.rule ?? null).toBe(rule);
    if (violation) expect(violation.code).toBe('incident_type_not_in_protocol');
  });

  it('SOE-2/3: aggression is also reported under the Omgangsprotocol Agressie en Geweld', () => {
    expect(alsoReportedUnder(soest, 'aggression')).toEqual({ protocol: { nl: 'Omgangsprotocol Agressie en Geweld', en: 'Protocol on aggression and violence' }, rule: 'SOE-2/3' });
    expect(aggressionReportRule(soest)).toBe('SOE-2/3');
    for (const profile of [domijn, welwonen, mozaiek, wooncompas]) expect(aggressionReportRule(profile)).toBeNull();
    expect(alsoReportedUnder(soest, 'vandalism')).toBeNull();
  });

  it('DOM-3: footage is secured for the incidents DOM-3 names and breaches of house rules', () => {
    expect(incidentTypesOf(domijn).map((entry) => entry.type).sort()).toEqual(['burglary', 'house_rules_breach', 'nuisance', 'theft', 'uninvited_guests', 'vandalism', 'violence']);
    expect(incidentTypesOf(domijn).every((entry) => entry.rules.includes('DOM-3'))).toBe(true);
  });

  it('the rule is data: a variant that reports violence elsewhere asks for it; a profile version without the field covers every type', () => {
    const variant: ProtocolProfile = { ...domijn, incidents: { ...domijn.incidents!, alsoReportedUnder: [{ types: ['violence'], protocol: { nl: 'Protocol geweld', en: 'Violence protocol' }, rules: ['DOM-3'], source: 'protocol' }] } };
    expect(protocolProfileSchema.safeParse(variant).success).toBe(true);
    expect(alsoReportedUnder(variant, 'violence')?.rule).toBe('DOM-3');
    const older: ProtocolProfile = { ...domijn, incidents: undefined };
    expect(incidentTypesOf(older).map((entry) => entry.type)).toEqual([...incidentTypes]);
    expect(incidentTypeCheck(older, 'aggression')).toBeNull();
    expect(protocolProfileSchema.safeParse(older).success).toBe(true);
  });

  it('the schema refuses a type listed twice and another protocol for a type the profile does not cover', () => {
    const twice = { ...domijn, incidents: { ...domijn.incidents!, types: [...domijn.incidents!.types, { type: 'theft' as const, rules: ['DOM-3'] }] } };
    expect(protocolProfileSchema.safeParse(twice).error?.issues.map((i) => i.message)).toContain('incident type theft listed twice');
    const uncovered = { ...domijn, incidents: { ...domijn.incidents!, alsoReportedUnder: [{ types: ['aggression' as const], protocol: { nl: 'x', en: 'x' }, rules: ['DOM-3'], source: 'protocol' as const }] } };
    expect(protocolProfileSchema.safeParse(uncovered).error?.issues.map((i) => i.message)).toContain('incident type aggression is not one the profile covers');
  });
});
