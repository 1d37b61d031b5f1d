import { requestKindLabels } from '../../protocol/labels.js';
import type { ProtocolProfile } from '../../protocol/profile.schema.js';
import type { Text } from '../../protocol/provenance.schema.js';
import { invalid } from '../../platform/errors.js';
import { profileAt, type CaseDeps } from '../case-context.js';
import { authorityRoute } from '../complaint.js';
import { dutchDate } from '../documents/letter-model.js';
import type { RequestService } from '../request.service.js';
import type { CaseRequest } from '../request.js';
import { amsterdamInstant } from './amsterdam-time.js';

/** What a resident may ask for on the public page, without an account. */
export const publicKinds = ['access', 'erasure', 'objection'] as const;
export type PublicKind = (typeof publicKinds)[number];

export interface PublicRequestInput {
  kind: PublicKind;
  name: string;
  contact: string;
  location: string;
  /** Amsterdam wall clock: the day and the window (e.g. 21:00–21:05). */
  date: string;
  startTime: string;
  endTime: string;
  description: string;
}

export interface PublicReceipt {
  reference: string;
  kind: PublicKind;
  receivedAt: string;
  due: string | null;
  rule: string;
  whatNext: Text[];
}

/** The longest window a resident may name: precise requests find footage and show few others (MOZ-4.1, WCP-7). */
export const maxPublicWindowMinutes = 4 * 60;
const publicFiler = { id: null, name: 'openbaar verzoekformulier', role: null } as const;

/** Files requests from the public page: validated, with a reference and what happens next. No identity documents. */
export class PublicRequestService {
  constructor(private readonly d: CaseDeps, private readonly requests: RequestService) {}

  /** What the page shows before anything is filed: the organisation, the kinds and their terms. */
  info(): { organisation: string; retentionDays: number; kinds: { kind: PublicKind; label: Text; term: Text }[] } {
    const profile = this.d.profile.current();
    return {
      organisation: profile.organisation.name,
      retentionDays: profile.retention.limitDays,
      kinds: publicKinds.filter((kind) => profile.requests[kind].allowed).map((kind) => ({ kind, label: requestKindLabels[kind], term: termWords(profile, kind) })),
    };
  }

  async file(input: PublicRequestInput): Promise<PublicReceipt> {
    const from = amsterdamInstant(input.date, input.startTime);
    const to = amsterdamInstant(input.date, input.endTime);
    if (!from) throw invalid('window_invalid', 'Give a valid date and start time', 'startTime');
    if (!to) throw invalid('window_invalid', 'Give a valid end time', 'endTime');
    const minutes = (Date.parse(to) - Date.parse(from)) / 60_000;
    if (minutes <= 0) throw invalid('window_order', 'The end time lies after the start time', 'endTime');
    if (minutes > maxPublicWindowMinutes) throw invalid('window_too_long', `Name a window of at most ${maxPublicWindowMinutes / 60} hours`, 'endTime');
    const now = this.d.clock.now();
    if (Date.parse(from) > now.getTime()) throw invalid('window_in_future', 'The time lies in the future', 'date');
    const request = await this.requests.file(
      {
        kind: input.kind,
        channel: 'public_form',
        requester: { category: 'data_subject', name: input.name, contact: input.contact },
        details: { window: { location: input.location.trim(), from, to }, description: input.description.trim() },
      },
      publicFiler,
      true,
    );
    return { reference: request.ref, kind: input.kind, receivedAt: request.receivedAt, due: request.deadline.due, rule: request.deadline.rule, whatNext: this.whatNext(request, from) };
  }

  private whatNext(request: CaseRequest, from: string): Text[] {
    const profile = profileAt(this.d.profile, new Date(request.receivedAt));
    const rule = profile.requests[request.kind];
    const out: Text[] = [
      { nl: `Wij hebben uw verzoek ontvangen op ${dutchDate(request.receivedAt)}. Uw kenmerk is ${request.ref}; noem het als u contact met ons opneemt.`, en: `We received your request on ${request.receivedAt.slice(0, 10)}. Your reference is ${request.ref}; please quote it when you contact us.` },
    ];
    if (request.deadline.due) {
      const due = dutchDate(`${request.deadline.due}T12:00:00Z`);
      out.push({ nl: `Wij beslissen uiterlijk op ${due} (${request.deadline.rule}).`, en: `We will decide by ${request.deadline.due} at the latest (${request.deadline.rule}).` });
    }
    if (rule.conditions.some((c) => c === 'identity_check' || c === 'identity_check_in_person')) {
      out.push({ nl: 'Stuur geen kopie van uw identiteitsbewijs. Wij controleren uw identiteit in persoon, met een geldig identiteitsbewijs, voordat u beelden ziet of krijgt.', en: 'Do not send a copy of your identity document. We check your identity in person, with a valid identity document, before you see or receive footage.' });
    }
    if (rule.outcomes.includes('supervised_viewing_at_office')) out.push({ nl: 'Wijzen wij het verzoek toe, dan bekijkt u de beelden op ons kantoor met een medewerker erbij en tekent u een inzageverklaring.', en: 'If we grant the request, you view the footage at our office with a member of staff present and sign a viewing declaration.' });
    if (rule.outcomes.includes('digital_copy')) out.push({ nl: 'Wijzen wij het verzoek toe, dan krijgt u een digitale kopie waarop anderen onherkenbaar zijn gemaakt.', en: 'If we grant the request, you receive a digital copy in which other people are made unrecognisable.' });
    const age = (Date.parse(request.receivedAt) - Date.parse(from)) / 86_400_000;
    if (age > profile.retention.limitDays) {
      out.push({ nl: `Let op: beelden worden ${profile.retention.limitDays} dagen bewaard. Het tijdstip dat u noemt is ouder; de beelden bestaan mogelijk niet meer.`, en: `Please note: footage is kept for ${profile.retention.limitDays} days. The time you name is older, so the footage may no longer exist.` });
    }
    out.push(authorityRoute(profile));
    return out;
  }
}

function termWords(profile: ProtocolProfile, kind: PublicKind): Text {
  const deadline = profile.requests[kind].deadline;
  const rule = deadline?.rules[0] ?? profile.requests[kind].rules[0] ?? '';
  switch (deadline?.kind) {
    case 'working_days': return { nl: `binnen ${deadline.n} werkdagen (${rule})`, en: `within ${deadline.n} working days (${rule})` };
    case 'weeks': return { nl: `binnen ${deadline.n} weken (${rule})`, en: `within ${deadline.n} weeks (${rule})` };
    case 'months': return { nl: `binnen ${deadline.n} maanden (${rule})`, en: `within ${deadline.n} months (${rule})` };
    case 'avg_default': return { nl: `binnen een maand (${rule})`, en: `within one month (${rule})` };
    default: return { nl: 'zo snel mogelijk', en: 'as soon as possible' };
  }
}

