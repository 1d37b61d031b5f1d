import type { Deadline, Text } from '../provenance.schema.js';
import type { Condition, DocumentKind, HoldEnd, HoldTrigger, Outcome, PlacementLimit, RefusalGround } from '../vocabulary.js';

/**
 * The words the public protocol page is written in, in Dutch and English. The page is composed
 * from the profile's data with these words: no sentence is taken from a seed text, so the page
 * says exactly what the system enforces and changes when the profile changes.
 */
const t = (nl: string, en: string): Text => ({ nl, en });

export const conditionWords: Record<Condition, Text> = {
  written_request: t('het verzoek is schriftelijk gedaan', 'the request is made in writing'),
  motivated_request: t('het verzoek is gemotiveerd', 'the request states its reasons'),
  legal_basis_cited: t('het verzoek noemt de wettelijke grondslag', 'the request cites its legal basis'),
  legal_basis_cited_or_public_task: t('het verzoek noemt de wettelijke grondslag, of de beelden zijn nodig voor de publieke taak', 'the request cites its legal basis, or the footage is needed for the public task'),
  police_order: t('er ligt een bevel of vordering van politie of justitie', 'there is an order from the police or prosecutor'),
  identity_check: t('u laat zien wie u bent', 'you prove who you are'),
  identity_check_in_person: t('u laat persoonlijk een geldig identiteitsbewijs zien', 'you show a valid ID in person'),
  time_and_place_given: t('u noemt de plaats en het tijdstip', 'you state the place and the time'),
  time_and_duration_given: t('u noemt het tijdstip en de duur zo precies mogelijk', 'you state the time and duration as precisely as you can'),
  plausible_interest: t('u maakt uw belang aannemelijk', 'you show that you have an interest'),
  own_images_only: t('het gaat alleen om beelden van uzelf', 'only footage of yourself is concerned'),
  balancing_of_interests: t('uw belang wordt afgewogen tegen de privacy van anderen', 'your interest is weighed against the privacy of others'),
  compatible_with_purpose: t('het gebruik past bij het doel van de camera', 'the use fits the purpose of the camera'),
  overriding_interest: t('het belang van de ontvanger weegt zwaarder dan de privacy van wie in beeld is', 'the recipient\u2019s interest outweighs the privacy of the people on camera'),
  weighty_interest_or_legal_duty: t('er is een zwaarwegend belang of een wettelijke plicht', 'there is a weighty interest or a legal duty'),
  demonstrable_legitimate_interest: t('de ontvanger toont een gerechtvaardigd belang aan', 'the recipient demonstrates a legitimate interest'),
  proportionality_and_subsidiarity: t('verstrekken is evenredig en er is geen lichter middel', 'providing footage is proportionate and no lighter means will do'),
  needed_for_incident_handling: t('de beelden zijn nodig om een incident af te handelen', 'the footage is needed to handle an incident'),
  needed_for_proceedings: t('de beelden zijn nodig in een procedure', 'the footage is needed in proceedings'),
  signed_receipt: t('de ontvanger tekent voor ontvangst', 'the recipient signs for receipt'),
  careful_use_declaration: t('de ontvanger tekent een verklaring van zorgvuldig gebruik', 'the recipient signs a declaration of careful use'),
  viewing_declaration: t('u tekent een inzageverklaring', 'you sign a viewing declaration'),
  staff_present: t('een medewerker is aanwezig', 'a member of staff is present'),
  privacy_officer_in_doubt: t('bij twijfel beslist de privacy officer', 'in case of doubt the privacy officer decides'),
};

/** The same conditions, said of a recipient of footage rather than of the person asking to see it. */
const recipientConditionWords: Partial<Record<Condition, Text>> = {
  identity_check: t('de ontvanger laat zien wie hij is', 'the recipient proves their identity'),
  identity_check_in_person: t('de ontvanger laat persoonlijk een geldig identiteitsbewijs zien', 'the recipient shows a valid ID in person'),
  viewing_declaration: t('de ontvanger tekent een inzageverklaring', 'the recipient signs a viewing declaration'),
  time_and_place_given: t('het verzoek noemt de plaats en het tijdstip', 'the request states the place and the time'),
  time_and_duration_given: t('het verzoek noemt het tijdstip en de duur', 'the request states the time and duration'),
  own_images_only: t('het gaat alleen om beelden van de ontvanger zelf', 'only footage of the recipient themselves is concerned'),
  balancing_of_interests: t('het belang van de ontvanger wordt afgewogen tegen de privacy van anderen', 'the recipient\u2019s interest is weighed against the privacy of others'),
  plausible_interest: t('de ontvanger maakt zijn belang aannemelijk', 'the recipient shows an interest'),
};

export const recipientCondition = (condition: Condition): Text => recipientConditionWords[condition] ?? conditionWords[condition];

export const outcomeWords: Record<Outcome, Text> = {
  viewing: t('de beelden bekijken', 'viewing the footage'),
  supervised_viewing_at_office: t('de beelden bekijken op kantoor, onder begeleiding', 'viewing the footage at the office, accompanied'),
  digital_copy: t('een digitale kopie', 'a digital copy'),
  digital_medium: t('de beelden op een digitale drager', 'the footage on a digital medium'),
  encrypted_carrier: t('de beelden op een versleutelde drager met wachtwoord', 'the footage on an encrypted, password-protected carrier'),
  erasure: t('verwijdering van de beelden', 'erasure of the footage'),
  restriction: t('beperking van het gebruik', 'restriction of use'),
  processing_stopped: t('stoppen met het gebruik', 'processing stopped'),
  extended_retention: t('langer bewaren', 'longer retention'),
  refusal_with_reasons: t('een gemotiveerde weigering', 'a refusal with reasons'),
};

export const refusalWords: Record<RefusalGround, Text> = {
  unspecified_request: t('het verzoek is niet specifiek genoeg', 'the request is not specific enough'),
  manifestly_abusive: t('het verzoek is kennelijk misbruik', 'the request is manifestly abusive'),
  footage_no_longer_exists: t('de beelden bestaan niet meer', 'the footage no longer exists'),
  rights_of_others: t('de rechten van anderen gaan voor', 'the rights of others prevail'),
  crime_prevention_or_investigation: t('het voorkomen of opsporen van strafbare feiten gaat voor', 'preventing or investigating crime prevails'),
  not_own_images: t('het gaat niet om beelden van uzelf', 'the footage is not of yourself'),
  incompatible_purpose: t('het gebruik past niet bij het doel van de camera', 'the use does not fit the purpose of the camera'),
};

export const holdTriggerWords: Record<HoldTrigger, Text> = {
  incident: t('Na een (vermoed) incident', 'After a (suspected) incident'),
  request: t('Bij een verzoek om beelden', 'On a request concerning the footage'),
  police_request: t('Op verzoek van de politie', 'On a police request'),
  police_report: t('Na een aangifte bij de politie', 'After a crime is reported to the police'),
  proceedings: t('Bij een gerechtelijke procedure', 'In legal proceedings'),
};

export const holdEndWords: Record<HoldEnd, Text> = {
  incident_handled: t('tot het incident is afgehandeld', 'until the incident is handled'),
  request_handled: t('tot op het verzoek is beslist', 'until the request is decided'),
  police_consulted: t('tot na overleg met de politie', 'until the police have been consulted'),
  irrevocable_judgment: t('uiterlijk tot er een onherroepelijke uitspraak is', 'at the latest until there is a final judgment'),
};

export const documentWords: Record<DocumentKind, Text> = {
  receipt_statement: t('ontvangstverklaring', 'receipt statement'),
  viewing_declaration: t('inzageverklaring', 'viewing declaration'),
  careful_use_declaration: t('verklaring van zorgvuldig gebruik', 'declaration of careful use'),
  decision_letter: t('besluit', 'decision letter'),
};

export const channelWords: Record<'website' | 'letter_to_tenants' | 'at_tenancy_start' | 'signs', Text> = {
  website: t('op de website', 'on the website'),
  letter_to_tenants: t('per brief aan huurders', 'by letter to tenants'),
  at_tenancy_start: t('bij het begin van de huur', 'at the start of the tenancy'),
  signs: t('met borden bij de camera\u2019s', 'with signs near the cameras'),
};

/** A decision deadline in words ("binnen 5 werkdagen"). */
export function deadlineWords(deadline: Deadline | null): Text {
  if (deadline === null) return t('niet van toepassing', 'not applicable');
  switch (deadline.kind) {
    case 'working_days':
      return t(`binnen ${deadline.n} ${deadline.n === 1 ? 'werkdag' : 'werkdagen'}`, `within ${deadline.n} working day${deadline.n === 1 ? '' : 's'}`);
    case 'weeks':
      return t(`binnen ${deadline.n} ${deadline.n === 1 ? 'week' : 'weken'}`, `within ${deadline.n} week${deadline.n === 1 ? '' : 's'}`);
    case 'months':
      return t(`binnen ${deadline.n} ${deadline.n === 1 ? 'maand' : 'maanden'}`, `within ${deadline.n} month${deadline.n === 1 ? '' : 's'}`);
    case 'avg_default':
      return t('binnen een maand (AVG art. 12 lid 3)', 'within one month (GDPR art. 12(3))');
    case 'immediately':
      return t('direct, op de dag van het verzoek', 'immediately, on the day of the request');
    case 'none':
      return deadline.setBy === 'requester'
        ? t('op de datum die in de vordering staat', 'by the date the order states')
        : t('geen termijn vastgesteld', 'no term set');
  }
}

/** A Dutch date in words (2 augustus 2025 / 2 August 2025), read as a calendar date. */
export function dateWords(date: string, language: 'nl' | 'en'): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** A list in words: "a, b en c" / "a, b and c". */
export function listWords(items: readonly string[], language: 'nl' | 'en'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${language === 'nl' ? 'en' : 'and'} ${items.at(-1)}`;
}

export const placementWords: Record<PlacementLimit, Text> = {
  not_into_homes: t('Camera\u2019s kijken niet in woningen.', 'Cameras do not look into homes.'),
  not_at_front_doors: t('Camera\u2019s zijn niet op voordeuren van woningen gericht.', 'Cameras are not aimed at the front doors of homes.'),
  not_at_fixed_workplace: t('Camera\u2019s zijn niet op een vaste werkplek gericht.', 'Cameras are not aimed at a fixed workplace.'),
  public_road_minimal: t('De openbare weg komt zo min mogelijk in beeld.', 'As little of the public road as possible is in view.'),
  others_property_minimal: t('Eigendom van anderen komt zo min mogelijk in beeld.', 'As little of other people\u2019s property as possible is in view.'),
  common_areas_only: t('Camera\u2019s filmen alleen gemeenschappelijke ruimten.', 'Cameras film common areas only.'),
  not_for_staff_monitoring: t('Camera\u2019s worden niet gebruikt om medewerkers te controleren.', 'Cameras are not used to monitor staff.'),
  no_audio: t('Er wordt geen geluid opgenomen.', 'No sound is recorded.'),
};

export const recordingWords: Record<'continuous' | 'motion' | 'either', Text> = {
  continuous: t('De camera\u2019s nemen doorlopend op.', 'The cameras record continuously.'),
  motion: t('De camera\u2019s nemen op wanneer zij beweging zien.', 'The cameras record when they detect motion.'),
  either: t('Per camera is vastgelegd of zij doorlopend of bij beweging opneemt.', 'For each camera it is recorded whether it records continuously or on motion.'),
};
