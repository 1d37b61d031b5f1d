import type { Approval, CameraFacts } from '../protocol/camera-approvals.js';
import type { PlacementLimit } from '../protocol/vocabulary.js';

/** Domain types of the camera register and the pure rules about them (no I/O). */
export const areaTypes = ['common_area', 'entrance', 'outdoor', 'public_hall', 'staff_area'] as const;
export type AreaType = (typeof areaTypes)[number];

export const cameraStatuses = ['planned', 'awaiting_approval', 'active', 'defect', 'retired'] as const;
export type CameraStatus = (typeof cameraStatuses)[number];

export const recordingModes = ['continuous', 'motion'] as const;
export type RecordingMode = (typeof recordingModes)[number];

/** The approvals a person records; signage is on record through the camera's own signage fields. */
export const approvalKinds = ['proportionality_assessment', 'dpia', 'vve_consent', 'works_council_approval', 'hidden_camera_suspicion'] as const;
export type ApprovalKind = (typeof approvalKinds)[number];

export const approvalOutcomes = ['approved', 'rejected'] as const;
export type ApprovalOutcome = (typeof approvalOutcomes)[number];

export interface ViewAnswer {
  /** True: the view keeps this limit (e.g. does not film into homes). */
  compliant: boolean;
  photoDocumentId: string | null;
}

export type ViewChecklist = Partial<Record<PlacementLimit, ViewAnswer>>;

export interface Site {
  id: string;
  name: string;
  address: string;
  organisation: string;
  profileId: string;
  siteOverride: Record<string, unknown> | null;
  contactName: string | null;
  contactTeam: string | null;
  vveApplies: boolean;
  maintenancePartner: string | null;
  processorAgreementDocumentId: string | null;
  processorAgreementFrom: string | null;
  processorAgreementUntil: string | null;
  recorderLocation: string | null;
  recorderSecurity: string | null;
  viewingLocation: string | null;
  viewingSecurity: string | null;
  securityEvidenceDocumentId: string | null;
  checkIntervalDays: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface Camera {
  id: string;
  siteId: string;
  name: string;
  location: string;
  areaType: AreaType;
  purposes: string[];
  legalBasis: string | null;
  responsible: string | null;
  viewChecklist: ViewChecklist;
  signageLocation: string | null;
  signagePhotoDocumentId: string | null;
  streamUrl: string | null;
  /** Whether sealed credentials are stored; the credentials themselves never leave the service. */
  hasCredentials: boolean;
  secureConnection: boolean;
  recordingMode: RecordingMode;
  status: CameraStatus;
  dummy: boolean;
  hidden: boolean;
  staffInView: boolean;
  systematicPublic: boolean;
  activatedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ApprovalRecord {
  id: string;
  cameraId: string;
  kind: ApprovalKind;
  outcome: ApprovalOutcome;
  decider: string;
  /** YYYY-MM-DD */
  decidedOn: string;
  /** YYYY-MM-DD, inclusive; null when the approval does not lapse. */
  validUntil: string | null;
  answers: { question: string; answer: string }[];
  notes: string | null;
  documentId: string | null;
  recordedBy: string | null;
  recordedByRole: string | null;
  recordedAt: string;
}

/**
 * The facts the profile's approval rules ask about. A public hall counts as systematic monitoring
 * of a publicly accessible area and a staff area as staff in view, whatever the flags say: the
 * register errs on the side of asking for the DPIA (AVG art. 35(3)(c)) and the works council (SOE-11).
 */
export function cameraFacts(site: Pick<Site, 'vveApplies'>, camera: Pick<Camera, 'areaType' | 'hidden' | 'staffInView' | 'systematicPublic'>): CameraFacts {
  return {
    systematicLargeScalePublic: camera.systematicPublic || camera.areaType === 'public_hall',
    staffInView: camera.staffInView || camera.areaType === 'staff_area',
    vveApplies: site.vveApplies,
    hidden: camera.hidden,
  };
}

/**
 * What is on record today: per kind, the latest decision counts, and only an approval that has
 * taken effect and not lapsed. Signage is on record once the camera says where the signs hang.
 */
export function approvalsOnRecord(approvals: readonly ApprovalRecord[], camera: Pick<Camera, 'signageLocation'>, today: string): Set<Approval> {
  const latest = new Map<ApprovalKind, ApprovalRecord>();
  for (const approval of approvals) {
    if (approval.decidedOn > today) continue;
    const current = latest.get(approval.kind);
    const newer = !current || approval.decidedOn > current.decidedOn || (approval.decidedOn === current.decidedOn && approval.recordedAt > current.recordedAt);
    if (newer) latest.set(approval.kind, approval);
  }
  const onRecord = new Set<Approval>();
  for (const [kind, approval] of latest) {
    if (approval.outcome === 'approved' && (approval.validUntil === null || approval.validUntil >= today)) onRecord.add(kind);
  }
  if (camera.signageLocation?.trim()) onRecord.add('signage');
  return onRecord;
}

/** The status changes a person may make; activation (to active) is gated separately (INV-8). */
const transitions: Record<CameraStatus, readonly CameraStatus[]> = {
  planned: ['awaiting_approval', 'active', 'retired'],
  awaiting_approval: ['planned', 'active', 'retired'],
  active: ['awaiting_approval', 'defect', 'retired'],
  defect: ['active', 'retired'],
  retired: [],
};

export function canMove(from: CameraStatus, to: CameraStatus): boolean {
  return transitions[from].includes(to);
}

/** Today's date (YYYY-MM-DD) in the Netherlands, where approval dates are meant. */
export function dutchDate(at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(at);
}
