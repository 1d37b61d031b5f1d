import { evaluate } from '../evaluate.js';
import { recipientLabels, requestKindLabels } from '../labels.js';
import type { ProtocolProfile } from '../profile.schema.js';
import { recipientCategories, type RequestKind } from '../vocabulary.js';
import { both, protocolRules, type DocumentSection, type Say } from './document-model.js';
import type { PublicCamera } from './public-camera.js';
import { conditionWords, deadlineWords, listWords, outcomeWords, placementWords, recipientCondition, recordingWords, refusalWords } from './wording.js';

/** The requests a person on camera can make, in the order the page lists them. */
const publicRequestKinds: readonly RequestKind[] = ['access', 'erasure', 'restriction', 'objection', 'retention-extension'];

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function requestsSection(profile: ProtocolProfile, say: Say): DocumentSection {
  const org = profile.organisation.name;
  const language = say(both('nl', 'en')) as 'nl' | 'en';
  const notPossible = say(both('niet mogelijk', 'not possible'));
  const rows = publicRequestKinds.map((kind) => {
    const request = profile.requests[kind];
    if (!request.allowed) return [capitalise(say(requestKindLabels[kind])), notPossible, '\u2014', '\u2014'];
    const conditions = request.conditions.map((condition) => say(conditionWords[condition]));
    const outcomes = request.outcomes.map((outcome) => say(outcomeWords[outcome]));
    return [
      capitalise(say(requestKindLabels[kind])),
      say(deadlineWords(request.deadline)),
      conditions.length > 0 ? capitalise(listWords(conditions, language)) : say(both('geen bijzondere', 'none in particular')),
      capitalise(listWords(outcomes, language)),
    ];
  });
  const access = profile.requests.access;
  const grounds = access.allowed ? access.refusalGrounds.map((entry) => say(refusalWords[entry.ground])) : [];
  const usesWorkingDays = publicRequestKinds.some((kind) => profile.requests[kind].deadline?.kind === 'working_days');
  return {
    id: 'rights',
    title: say(both('Uw rechten: inzage, verwijdering en meer', 'Your rights: access, erasure and more')),
    rules: protocolRules(...publicRequestKinds.flatMap((kind) => [profile.requests[kind].rules, profile.requests[kind].deadline?.rules ?? []])),
    blocks: [
      {
        kind: 'paragraph',
        text: say(
          both(
            `Staat u op beeld, dan kunt u ${org} vragen om de beelden van uzelf te zien of om ze te laten verwijderen. Richt uw verzoek aan ${org}. U krijgt binnen de termijn hieronder een besluit; de termijn begint op de dag na ontvangst.`,
            `If you are on camera, you can ask ${org} to see the footage of yourself or to have it erased. Address your request to ${org}. You receive a decision within the term below, counted from the day after receipt.`,
          ),
        ),
      },
      {
        kind: 'table',
        caption: say(both('Verzoeken en beslistermijnen', 'Requests and decision terms')),
        columns: [say(both('Verzoek', 'Request')), say(both('Besluit', 'Decision')), say(both('Voorwaarden', 'Conditions')), say(both('Mogelijke uitkomst', 'Possible outcome'))],
        rows,
      },
      ...(usesWorkingDays
        ? [{ kind: 'paragraph' as const, text: say(both('Zaterdagen, zondagen en algemeen erkende feestdagen tellen niet als werkdag.', 'Saturdays, Sundays and public holidays do not count as working days.')) }]
        : []),
      ...(grounds.length > 0
        ? [
            { kind: 'paragraph' as const, text: say(both('Een verzoek om inzage kan worden afgewezen als:', 'A request for access may be refused when:')) },
            { kind: 'list' as const, items: grounds.map(capitalise) },
          ]
        : []),
    ],
  };
}

export function provisionSection(profile: ProtocolProfile, say: Say): DocumentSection {
  const language = say(both('nl', 'en')) as 'nl' | 'en';
  const rows = recipientCategories.map((recipient) => {
    const result = evaluate(profile, 'provide_to_third_party', { recipient });
    const conditions = result.conditions.map((condition) => say(recipientCondition(condition)));
    return [
      capitalise(say(recipientLabels[recipient])),
      result.allowed ? say(both('ja', 'yes')) : say(both('nee', 'no')),
      result.allowed && conditions.length > 0 ? capitalise(listWords(conditions, language)) : '\u2014',
    ];
  });
  const third = profile.thirdParty;
  return {
    id: 'provision',
    title: say(both('Wie beelden kan krijgen', 'Who can receive footage')),
    rules: protocolRules(third.rules, ...third.recipients.map((entry) => entry.rules), ...third.refused.map((entry) => entry.rules), third.others.rules),
    blocks: [
      {
        kind: 'paragraph',
        text: say(both('Beelden gaan alleen naar de ontvangers hieronder, en alleen onder de genoemde voorwaarden. Elke verstrekking wordt vastgelegd.', 'Footage goes only to the recipients below, and only on the conditions listed. Every provision is recorded.')),
      },
      { kind: 'table', caption: say(both('Verstrekking van beelden', 'Provision of footage')), columns: [say(both('Ontvanger', 'Recipient')), say(both('Toegestaan', 'Allowed')), say(both('Voorwaarden', 'Conditions'))], rows },
    ],
  };
}

export function camerasSection(profile: ProtocolProfile, say: Say, cameras: readonly PublicCamera[]): DocumentSection {
  const language = say(both('nl', 'en')) as 'nl' | 'en';
  const spec = profile.cameras;
  const shown = cameras.filter((camera) => !camera.dummy || spec.dummies.disclosed);
  const dummyMark = say(both(' (nepcamera)', ' (dummy camera)'));
  const blocks: DocumentSection['blocks'] = [];
  if (!profile.publication.cameraListPublic) {
    blocks.push({ kind: 'paragraph', text: say(both('Het overzicht van cameraplaatsen wordt niet openbaar gemaakt.', 'The list of camera locations is not published.')) });
  } else if (shown.length === 0) {
    blocks.push({ kind: 'paragraph', text: say(both('Er staan nog geen camera\u2019s in het openbare overzicht.', 'There are no cameras on the public list yet.')) });
  } else {
    blocks.push({
      kind: 'table',
      caption: say(both('Cameraplaatsen en hun doel', 'Camera locations and their purpose')),
      columns: [say(both('Plaats', 'Location')), say(both('Complex of gebouw', 'Site')), say(both('Doel', 'Purpose'))],
      rows: shown.map((camera) => [`${camera.location}${camera.dummy ? dummyMark : ''}`, camera.siteName, capitalise(listWords(camera.purposes.map((p) => say(p)), language))]),
    });
  }
  const facts = [
    spec.signage.required
      ? say(spec.signage.at === 'entrances'
          ? both('Bij de ingangen hangen borden die op de camera\u2019s wijzen.', 'Signs at the entrances point out the cameras.')
          : both('Waar camera\u2019s hangen, hangen ook borden die erop wijzen.', 'Wherever there are cameras, signs point them out.'))
      : null,
    spec.signage.namesOwner ? say(both(`De borden vermelden dat de camera\u2019s van ${profile.organisation.name} zijn.`, `The signs state that the cameras belong to ${profile.organisation.name}.`)) : null,
    say(spec.hidden.allowed === 'never'
      ? both('Er worden geen verborgen camera\u2019s gebruikt.', 'No hidden cameras are used.')
      : both('Een verborgen camera wordt alleen tijdelijk ingezet bij een concreet vermoeden van diefstal of fraude door een medewerker.', 'A hidden camera is used only temporarily, on a concrete suspicion of theft or fraud by an employee.')),
    spec.dummies.allowed && !spec.dummies.disclosed
      ? say(both('Er worden ook nepcamera\u2019s gebruikt. Welke camera\u2019s nep zijn, wordt niet bekendgemaakt; zij staan niet in het overzicht.', 'Dummy cameras are used as well. Which cameras are dummies is not disclosed; they are not on the list.'))
      : null,
    say(recordingWords[profile.retention.recording.mode]),
    ...spec.placement.map((entry) => say(placementWords[entry.limit])),
  ].filter((fact): fact is string => fact !== null);
  blocks.push({ kind: 'list', items: facts });
  return {
    id: 'cameras',
    title: say(both('Waar de camera\u2019s hangen', 'Where the cameras are')),
    rules: protocolRules(profile.publication.rules, spec.signage.rules, spec.dummies.rules, spec.hidden.rules, ...spec.placement.map((entry) => entry.rules)),
    blocks,
  };
}
