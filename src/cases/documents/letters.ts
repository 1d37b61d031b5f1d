import { requestKindLabels } from '../../protocol/labels.js';
import type { ProtocolProfile } from '../../protocol/profile.schema.js';
import { lawReferences, ruleFamily, type LawReference } from '../../protocol/rules.js';
import type { DocumentKind, Outcome } from '../../protocol/vocabulary.js';
import type { CameraRef } from '../case-context.js';
import { authorityRoute } from '../complaint.js';
import type { Ground } from '../request-decision.js';
import type { CaseRequest } from '../request.js';
import { dutchDate, dutchWindow, type LetterModel } from './letter-model.js';

/** The four documents of X-5, in Dutch, composed from the request (pure). */
export interface LetterInput {
  kind: DocumentKind;
  request: CaseRequest;
  profile: ProtocolProfile;
  cameras: CameraRef[];
  /** The day the document is drawn up (from the injected clock). */
  today: string;
}

const outcomeSentences: Record<Outcome, string> = {
  viewing: 'U kunt de beelden waarop u te zien bent bekijken. Wij nemen contact met u op voor een afspraak.',
  supervised_viewing_at_office: 'U kunt de beelden bekijken op ons kantoor, terwijl een medewerker aanwezig is. Neem een geldig identiteitsbewijs mee; na afloop tekent u een inzageverklaring.',
  digital_copy: 'U ontvangt een digitale kopie van de beelden waarop u te zien bent. Andere personen zijn daarop onherkenbaar gemaakt.',
  digital_medium: 'De beelden worden op een digitale gegevensdrager verstrekt, tegen een getekende ontvangstverklaring.',
  encrypted_carrier: 'De beelden worden op een versleutelde, met een wachtwoord beveiligde gegevensdrager verstrekt, tegen een getekende verklaring zorgvuldig gebruik.',
  erasure: 'De beelden waarop het verzoek betrekking heeft, worden verwijderd.',
  restriction: 'De beelden worden bewaard maar niet meer gebruikt zolang de beperking geldt.',
  processing_stopped: 'Wij gebruiken de beelden niet langer voor het doel waartegen u bezwaar maakte.',
  extended_retention: 'De beelden worden langer bewaard dan de gewone bewaartermijn, zolang dat voor de afhandeling nodig is.',
  refusal_with_reasons: '',
};

const groundSentences: Record<Ground, string> = {
  unspecified_request: 'Uw verzoek is niet precies genoeg om de bedoelde beelden terug te vinden.',
  manifestly_abusive: 'Uw verzoek is kennelijk ongegrond of buitensporig.',
  footage_no_longer_exists: 'De beelden bestaan niet meer: de bewaartermijn was al verstreken.',
  rights_of_others: 'Het tonen of geven van de beelden zou de rechten en vrijheden van anderen die erop staan schaden.',
  crime_prevention_or_investigation: 'Het tonen of geven van de beelden zou het voorkomen of opsporen van strafbare feiten schaden.',
  not_own_images: 'Op de beelden bent u niet zelf te zien.',
  incompatible_purpose: 'Verstrekking past niet bij het doel waarvoor de camerabeelden worden gemaakt.',
  not_permitted_by_protocol: 'Ons cameraprotocol staat niet toe dat wij in deze situatie beelden verstrekken of laten zien.',
};

/** A rule in words: articles of law spelled out, protocol rules by their ID in the named protocol. */
export function ruleWords(rule: string, profile: ProtocolProfile): string {
  if (ruleFamily(rule) === 'law') return lawReferences[rule as LawReference].nl;
  if (ruleFamily(rule) === 'protocol') return `regel ${rule} van het ${profile.title} van ${profile.organisation.name}`;
  return rule;
}

function footageFacts(input: LetterInput): [string, string][] {
  const window = input.request.details.window;
  const facts: [string, string][] = [];
  if (window) {
    facts.push(['Periode', dutchWindow(window.from, window.to)]);
    facts.push(['Locatie', window.location]);
    const names = (window.cameraIds ?? []).map((id) => input.cameras.find((camera) => camera.id === id)?.name ?? id);
    if (names.length) facts.push(["Camera's", names.join(', ')]);
  }
  if (input.request.details.dataRequested) facts.push(['Gevraagde gegevens', input.request.details.dataRequested]);
  return facts;
}

function recipient(request: CaseRequest): string {
  const { details, requester } = request;
  if (details.officer) return [details.officer, details.unit].filter(Boolean).join(', ');
  return [requester.name, requester.organisation].filter(Boolean).join(', ');
}

function decisionLetter(input: LetterInput): LetterModel {
  const { request, profile } = input;
  const decision = request.decision;
  const kind = requestKindLabels[request.kind].nl;
  const paragraphs = [`Op ${dutchDate(request.receivedAt)} hebben wij uw verzoek om ${kind} ontvangen. In deze brief leest u wat wij daarover hebben besloten.`];
  if (!decision) {
    paragraphs.push('Er is nog geen besluit genomen.');
  } else if (decision.decision === 'allow') {
    paragraphs.push('Wij hebben besloten uw verzoek toe te wijzen.');
    if (decision.outcome) paragraphs.push(outcomeSentences[decision.outcome]);
  } else {
    paragraphs.push('Wij hebben besloten uw verzoek af te wijzen.');
    if (decision.ground) paragraphs.push(groundSentences[decision.ground]);
  }
  if (decision?.reasons) paragraphs.push(`Toelichting: ${decision.reasons}`);
  if (decision) paragraphs.push(`Dit besluit berust op ${ruleWords(decision.rule, profile)}.`);
  paragraphs.push(`Bent u het niet eens met dit besluit, laat het ons dan weten. ${authorityRoute(profile).nl}`);
  return {
    organisation: profile.organisation.name,
    title: `Besluit op uw verzoek om ${kind}`,
    facts: [['Kenmerk', request.ref], ['Datum', dutchDate(input.today)], ['Aan', recipient(request)], ...footageFacts(input)],
    paragraphs,
    declarations: [],
    rules: [decision?.rule, 'X-5'].filter((r): r is string => !!r),
    signature: { label: `Namens ${profile.organisation.name}`, name: decision?.decidedBy ?? null, role: decision?.decidedByRole ?? null },
  };
}

function receiptStatement(input: LetterInput): LetterModel {
  const { request, profile } = input;
  const carrier = request.details.deliveryManner ?? (profile.thirdParty.carrier.kind === 'encrypted_carrier' ? 'Versleutelde gegevensdrager' : 'Digitale gegevensdrager');
  return {
    organisation: profile.organisation.name,
    title: 'Ontvangstverklaring camerabeelden',
    facts: [
      ['Kenmerk', request.ref],
      ['Ontvanger', recipient(request)],
      ...(request.details.legalBasis ? [['Grondslag van het verzoek', request.details.legalBasis] as [string, string]] : []),
      ...footageFacts(input),
      ['Wijze van verstrekking', carrier],
    ],
    paragraphs: [`Ondergetekende verklaart de hierboven omschreven camerabeelden van ${profile.organisation.name} in ontvangst te hebben genomen.`],
    declarations: [
      'Ik heb mij vooraf gelegitimeerd bij de medewerker die de beelden verstrekte.',
      'Ik beveilig de beelden passend en gebruik ze alleen voor het doel waarvoor ik ze heb gevraagd.',
    ],
    rules: [...new Set(profile.requests[request.kind].rules.filter((rule) => ruleFamily(rule) !== null))].slice(0, 3),
    signature: { label: 'Handtekening ontvanger', name: recipient(request), role: null },
  };
}

function viewingDeclaration(input: LetterInput): LetterModel {
  const { request, profile } = input;
  return {
    organisation: profile.organisation.name,
    title: 'Inzageverklaring',
    facts: [['Kenmerk', request.ref], ['Naam', request.requester.name], ['Datum', dutchDate(input.today)], ...footageFacts(input)],
    paragraphs: [
      `Ondergetekende heeft bij ${profile.organisation.name}, in aanwezigheid van een medewerker, camerabeelden bekeken naar aanleiding van het verzoek met bovenstaand kenmerk. Zijn of haar identiteit is vooraf gecontroleerd aan de hand van een geldig identiteitsbewijs (het nummer daarvan is niet vastgelegd).`,
    ],
    declarations: [
      'Ik heb van de beelden geen foto\u2019s, opnamen of kopie\u00ebn gemaakt.',
      'Wat ik op de beelden over andere personen heb gezien, houd ik voor mij.',
      'Ik weet dat deze verklaring in het dossier en in het logboek wordt bewaard.',
    ],
    rules: profile.requests[request.kind].rules.filter((rule) => rule !== 'X-5').slice(0, 3),
    signature: { label: 'Handtekening', name: request.requester.name, role: null },
  };
}

function carefulUseDeclaration(input: LetterInput): LetterModel {
  const { request, profile } = input;
  return {
    organisation: profile.organisation.name,
    title: 'Verklaring zorgvuldig gebruik camerabeelden',
    facts: [['Kenmerk', request.ref], ['Ontvanger', recipient(request)], ['Datum', dutchDate(input.today)], ...footageFacts(input)],
    paragraphs: [`Ondergetekende ontvangt camerabeelden van ${profile.organisation.name} en verklaart daar als volgt mee om te gaan.`],
    declarations: [
      'Ik gebruik de beelden uitsluitend voor het doel dat in het verzoek is genoemd.',
      'Ik bewaar de beelden beveiligd en deel ze niet met onbevoegden; het wachtwoord van de gegevensdrager houd ik gescheiden van de drager.',
      'Ik vernietig de beelden zodra ik ze niet meer nodig heb.',
      'Met de overdracht gaat de verantwoordelijkheid voor de beelden op mij (en mijn organisatie) over.',
    ],
    rules: profile.requests[request.kind].rules.filter((rule) => rule !== 'X-5').slice(0, 3),
    signature: { label: 'Handtekening ontvanger', name: recipient(request), role: null },
  };
}

export function composeLetter(input: LetterInput): LetterModel {
  switch (input.kind) {
    case 'decision_letter': return decisionLetter(input);
    case 'receipt_statement': return receiptStatement(input);
    case 'viewing_declaration': return viewingDeclaration(input);
    case 'careful_use_declaration': return carefulUseDeclaration(input);
  }
}
