import type { ProtocolProfile } from '../profile.schema.js';
import { lawReferences, ruleFamily, type LawReference } from '../rules.js';
import { both, protocolRules, sayIn, type DocumentSection, type Language, type ProtocolDocument, type Say } from './document-model.js';
import type { PublicCamera } from './public-camera.js';
import { camerasSection, provisionSection, requestsSection } from './protocol-sections.js';
import { channelWords, dateWords, holdEndWords, holdTriggerWords, listWords } from './wording.js';

export interface DocumentInput {
  profile: ProtocolProfile;
  language: Language;
  cameras: readonly PublicCamera[];
  siteName?: string | null;
}

/** The public protocol composed from a profile: pure, the same data gives the same document. */
export function protocolDocument({ profile, language, cameras, siteName = null }: DocumentInput): ProtocolDocument {
  const say = sayIn(language);
  const org = profile.organisation.name;
  const effective = profile.version.effectiveFrom;
  const versionLine = effective
    ? say(both(`Versie ${profile.version.profile}, geldig vanaf ${dateWords(effective, 'nl')}.`, `Version ${profile.version.profile}, in force from ${dateWords(effective, 'en')}.`))
    : say(both(`Versie ${profile.version.profile}.`, `Version ${profile.version.profile}.`));
  return {
    language,
    organisation: org,
    title: profile.title,
    version: profile.version.profile,
    effectiveFrom: effective,
    siteName,
    summary: versionLine,
    sections: [
      aboutSection(profile, say, siteName),
      purposesSection(profile, say),
      viewersSection(profile, say),
      retentionSection(profile, say),
      requestsSection(profile, say),
      provisionSection(profile, say),
      camerasSection(profile, say, cameras),
      complaintsSection(profile, say),
    ],
  };
}

function aboutSection(profile: ProtocolProfile, say: Say, siteName: string | null): DocumentSection {
  const org = profile.organisation.name;
  const channels = profile.publication.channels.map((channel) => say(channelWords[channel]));
  const blocks: DocumentSection['blocks'] = [
    {
      kind: 'paragraph',
      text: say(
        both(
          `${org} gebruikt camera\u2019s en is verantwoordelijk voor de beelden. Deze pagina beschrijft de regels die daarvoor gelden. Zij wordt gemaakt uit dezelfde gegevens waarmee het camerasysteem die regels afdwingt.`,
          `${org} uses cameras and is responsible for the footage. This page describes the rules that apply. It is produced from the same data the camera system uses to enforce those rules.`,
        ),
      ),
    },
  ];
  if (siteName) {
    blocks.push({ kind: 'paragraph', text: say(both(`Deze versie geldt voor ${siteName}, met de aanscherpingen die daar gelden.`, `This version applies to ${siteName}, with the stricter rules that apply there.`)) });
  }
  if (channels.length > 0) blocks.push({ kind: 'paragraph', text: say(both(`${org} maakt dit protocol bekend ${listWords(channels, 'nl')}.`, `${org} makes this protocol known ${listWords(channels, 'en')}.`)) });
  return { id: 'about', title: say(both('Over dit protocol', 'About this protocol')), rules: protocolRules(profile.publication.rules, profile.version.rules), blocks };
}

function purposesSection(profile: ProtocolProfile, say: Say): DocumentSection {
  const basis = profile.legalBases.map((entry) => {
    const law = entry.rules.find((id): id is LawReference => ruleFamily(id) === 'law');
    return law ? `${say(entry.label)} (${say(lawReferences[law])})` : say(entry.label);
  });
  return {
    id: 'purposes',
    title: say(both('Doelen en grondslag', 'Purposes and legal basis')),
    rules: protocolRules(profile.purposes.rules, ...profile.purposes.items.map((item) => item.rules), ...profile.legalBases.map((entry) => entry.rules)),
    blocks: [
      { kind: 'paragraph', text: say(both('De camera\u2019s hangen voor deze doelen:', 'The cameras serve these purposes:')) },
      { kind: 'list', items: profile.purposes.items.map((item) => say(item.label)) },
      ...(profile.purposes.perCamera
        ? [{ kind: 'paragraph' as const, text: say(both('Van elke camera is vastgelegd voor welk doel zij hangt; beelden worden niet voor een ander doel gebruikt.', 'Each camera\u2019s purpose is on record; footage is not used for any other purpose.')) }]
        : []),
      { kind: 'paragraph', text: say(both('De verwerking steunt op:', 'The processing rests on:')) },
      { kind: 'list', items: basis },
    ],
  };
}

function viewersSection(profile: ProtocolProfile, say: Say): DocumentSection {
  const holders = (permission: string) => profile.grants.find((grant) => grant.permission === permission)?.roles ?? [];
  const live = holders('view_live');
  const recordings = holders('view_recordings');
  const yes = say(both('ja', 'yes'));
  const no = say(both('nee', 'no'));
  const rows = profile.roles.items
    .filter((role) => live.includes(role.id) || recordings.includes(role.id))
    .map((role) => [say(role.label), live.includes(role.id) ? yes : no, recordings.includes(role.id) ? yes : no]);
  const grants = profile.grants.filter((grant) => grant.permission === 'view_live' || grant.permission === 'view_recordings');
  return {
    id: 'viewers',
    title: say(both('Wie de beelden mag zien', 'Who may see the footage')),
    rules: protocolRules(...grants.map((grant) => grant.rules), profile.viewing.rules),
    blocks: [
      {
        kind: 'paragraph',
        text: say(
          both(
            'Alleen deze functies mogen beelden bekijken. Iedere keer dat iemand beelden bekijkt, wordt vastgelegd wie dat deed, wanneer, welke camera\u2019s en waarom.',
            'Only these roles may view footage. Every time someone views footage, the system records who did, when, which cameras and why.',
          ),
        ),
      },
      { kind: 'table', caption: say(both('Toegang tot beelden per functie', 'Access to footage by role')), columns: [say(both('Functie', 'Role')), say(both('Live meekijken', 'Live view')), say(both('Opnamen terugkijken', 'Recordings'))], rows },
      {
        kind: 'paragraph',
        text: say(both('Beelden worden niet zomaar bekeken: er moet een reden zijn die hoort bij een incident of een verzoek.', 'Footage is not viewed without cause: there must be a reason tied to an incident or a request.')),
      },
    ],
  };
}

function retentionSection(profile: ProtocolProfile, say: Say): DocumentSection {
  const retention = profile.retention;
  const days = retention.limitDays;
  return {
    id: 'retention',
    title: say(both('Hoe lang beelden bewaard blijven', 'How long footage is kept')),
    rules: protocolRules(retention.rules, ...retention.holds.map((hold) => hold.rules)),
    blocks: [
      {
        kind: 'paragraph',
        text: say(
          both(
            `Beelden worden na ten hoogste ${days} ${days === 1 ? 'dag' : 'dagen'} automatisch en onherstelbaar verwijderd.`,
            `Footage is deleted automatically and irrecoverably after at most ${days} day${days === 1 ? '' : 's'}.`,
          ),
        ),
      },
      ...(retention.holds.length > 0
        ? [
            { kind: 'paragraph' as const, text: say(both('Alleen in deze gevallen worden beelden langer bewaard:', 'Footage is kept longer only in these cases:')) },
            { kind: 'list' as const, items: retention.holds.map((hold) => `${say(holdTriggerWords[hold.trigger])}: ${say(holdEndWords[hold.until])}.`) },
          ]
        : []),
    ],
  };
}

function complaintsSection(profile: ProtocolProfile, say: Say): DocumentSection {
  const org = profile.organisation.name;
  const ap = say(both('de Autoriteit Persoonsgegevens', 'the Dutch Data Protection Authority (Autoriteit Persoonsgegevens)'));
  const text = profile.complaints.toOrganisation
    ? say(both(`Bent u het niet eens met hoe ${org} met camerabeelden omgaat? Dien dan eerst een klacht in bij ${org}. Komt u er samen niet uit, dan kunt u een klacht indienen bij ${ap}.`, `If you disagree with how ${org} handles camera footage, first complain to ${org}. If that does not resolve it, you can complain to ${ap}.`))
    : say(both(`Bent u het niet eens met hoe ${org} met camerabeelden omgaat? Dan kunt u een klacht indienen bij ${ap} (AVG art. 77). U kunt ook eerst contact opnemen met ${org}.`, `If you disagree with how ${org} handles camera footage, you can complain to ${ap} (GDPR art. 77). You may also contact ${org} first.`));
  return {
    id: 'complaints',
    title: say(both('Klachten', 'Complaints')),
    rules: protocolRules(profile.complaints.rules),
    blocks: [{ kind: 'paragraph', text }, { kind: 'paragraph', text: 'autoriteitpersoonsgegevens.nl' }],
  };
}
