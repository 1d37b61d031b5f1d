import { activationDecision, requiredApprovals, type Approval } from '../protocol/camera-approvals.js';
import type { ProtocolProfile } from '../protocol/profile.schema.js';
import type { Text } from '../protocol/provenance.schema.js';
import type { PlacementLimit } from '../protocol/vocabulary.js';
import { approvalsOnRecord, cameraFacts, type ApprovalRecord, type Camera, type Site } from './camera.js';

/**
 * Activation gating (INV-8): whether a camera may be set active — and recorded — now. The approvals
 * come from the profile through activationDecision (src/protocol); the register adds the facts a
 * camera must have on record under the same profile: its purpose (WEL-1), the person responsible
 * (WEL-10), the view checklist (DOM-2, WEL-3, WEL-4…) and a secured connection (WEL-9).
 */
export interface Requirement {
  /** An approval kind, 'purpose', 'responsible', 'view:<limit>' or 'connection'. */
  key: Approval | 'purpose' | 'responsible' | 'connection' | `view:${string}`;
  rule: string | null;
  met: boolean;
}

export interface ActivationCheck {
  allowed: boolean;
  /** The rule that refuses activation (null when allowed, or when no protocol rule applies). */
  rule: string | null;
  /** 'forbidden' when the protocol never allows it; 'missing' while something is not on record. */
  refusal: 'forbidden' | 'missing' | null;
  code: string;
  message: Text;
  requirements: Requirement[];
}

const text = (nl: string, en: string): Text => ({ nl, en });

const registerMessages = {
  purpose: text('Leg eerst het doel van de camera vast', 'Record the camera\u2019s purpose first'),
  responsible: text('Leg eerst vast wie (welke afdeling) verantwoordelijk is voor de camera', 'Record the person or department responsible for the camera first'),
  connectionSecured: text('Een netwerkcamera heeft een wachtwoord en een beveiligde verbinding nodig', 'A networked camera needs a password and a secure connection'),
  connection: text('Leg eerst het camera-adres (RTSP) vast', 'Record the camera\u2019s (RTSP) address first'),
} as const;

export function activationCheck(profile: ProtocolProfile, site: Pick<Site, 'vveApplies'>, camera: Camera, approvals: readonly ApprovalRecord[], today: string): ActivationCheck {
  const onRecord = approvalsOnRecord(approvals, camera, today);
  const facts = cameraFacts(site, camera);
  const requirements: Requirement[] = camera.dummy
    ? []
    : [
        ...requiredApprovals(profile, facts).map((r) => ({ key: r.approval, rule: r.rule, met: onRecord.has(r.approval) })),
        ...registerRequirements(profile, camera),
      ];
  if (camera.dummy) {
    // A dummy records nothing: no personal data, so no approvals; the profile allowed it on creation (MOZ-3.3).
    const rule = profile.cameras.dummies.rules[0] ?? null;
    return { allowed: true, rule, refusal: null, code: 'dummy', message: text('Dummycamera: neemt niets op.', 'Dummy camera: records nothing.'), requirements };
  }
  const decision = activationDecision(profile, facts, onRecord);
  if (!decision.allowed) {
    const forbidden = facts.hidden && profile.cameras.hidden.allowed === 'never';
    return { allowed: false, rule: decision.rule, refusal: forbidden ? 'forbidden' : 'missing', code: forbidden ? 'hidden_camera_forbidden' : 'approval_missing', message: decision.message, requirements };
  }
  const unmet = requirements.find((r) => !r.met);
  if (unmet) {
    const message = unmet.key.startsWith('view:')
      ? viewMessage(unmet.key.slice(5) as PlacementLimit)
      : unmet.key === 'connection' && unmet.rule !== null
        ? registerMessages.connectionSecured
        : registerMessages[unmet.key as 'purpose' | 'responsible' | 'connection'];
    const suffix = unmet.rule ? ` (${unmet.rule})` : '';
    return {
      allowed: false,
      rule: unmet.rule,
      refusal: 'missing',
      code: unmet.key.startsWith('view:') ? 'view_checklist' : `${unmet.key}_missing`,
      message: text(`${message.nl}${suffix}.`, `${message.en}${suffix}.`),
      requirements,
    };
  }
  return { allowed: true, rule: decision.rule, refusal: null, code: 'allowed', message: decision.message, requirements };
}

const placementLabels: Record<PlacementLimit, Text> = {
  not_into_homes: text('filmt niet in woningen', 'does not film into homes'),
  not_at_front_doors: text('is niet gericht op voordeuren van woningen', 'is not aimed at the front doors of homes'),
  not_at_fixed_workplace: text('is niet gericht op een vaste werkplek', 'is not aimed at a fixed workplace'),
  public_road_minimal: text('toont de openbare weg alleen waar onvermijdelijk', 'shows the public road only where unavoidable'),
  others_property_minimal: text('toont zo min mogelijk eigendommen van anderen', 'shows as little of others\u2019 property as possible'),
  common_areas_only: text('toont alleen gemeenschappelijke ruimten', 'shows common areas only'),
  not_for_staff_monitoring: text('dient niet om medewerkers te controleren', 'is not used to monitor staff'),
  no_audio: text('neemt geen geluid op', 'records no sound'),
};

function viewMessage(limit: PlacementLimit): Text {
  const label = placementLabels[limit];
  return text(`Bevestig eerst in de beeldcontrole dat de camera ${label.nl}`, `Confirm in the view checklist first that the camera ${label.en}`);
}

function registerRequirements(profile: ProtocolProfile, camera: Camera): Requirement[] {
  const cameras = profile.cameras;
  const out: Requirement[] = [];
  if (cameras.purposeRecorded.required) out.push({ key: 'purpose', rule: cameras.purposeRecorded.rules[0] ?? null, met: camera.purposes.length > 0 });
  if (cameras.responsibleRecorded.required) {
    out.push({ key: 'responsible', rule: cameras.responsibleRecorded.rules[0] ?? null, met: !!camera.responsible?.trim() });
  }
  for (const placement of cameras.placement) {
    out.push({ key: `view:${placement.limit}`, rule: placement.rules[0] ?? null, met: camera.viewChecklist[placement.limit]?.compliant === true });
  }
  const secured = profile.security.measures.find((m) => m.measure === 'network_cameras_secured');
  const connected = camera.streamUrl !== null;
  out.push(
    secured
      ? { key: 'connection', rule: secured.rules[0] ?? null, met: connected && camera.hasCredentials && camera.secureConnection }
      : { key: 'connection', rule: null, met: connected },
  );
  return out;
}
