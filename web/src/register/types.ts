/** The register's API shapes (src/register/*.schema.ts on the server). Credentials are write-only: never in these types. */
export interface Text {
  nl: string;
  en: string;
}

export const areaTypes = ['common_area', 'entrance', 'outdoor', 'public_hall', 'staff_area'] as const;
export type AreaType = (typeof areaTypes)[number];
export const cameraStatuses = ['planned', 'awaiting_approval', 'active', 'defect', 'retired'] as const;
export type CameraStatus = (typeof cameraStatuses)[number];
export const approvalKinds = ['proportionality_assessment', 'dpia', 'vve_consent', 'works_council_approval', 'hidden_camera_suspicion'] as const;
export type ApprovalKind = (typeof approvalKinds)[number];
export const placementLimits = [
  'not_into_homes', 'not_at_front_doors', 'not_at_fixed_workplace', 'public_road_minimal', 'others_property_minimal', 'common_areas_only',
  'not_for_staff_monitoring', 'no_audio',
] as const;
export type RecordingMode = 'continuous' | 'motion';

export interface RegisterProfile {
  id: string;
  organisation: string;
  title: string;
  purposes: { id: string; label: Text }[];
  legalBases: { basis: string; label: Text }[];
  placement: { limit: string; rule: string }[];
  proportionalityQuestions: Text[];
  proportionalityBy: string | null;
  hiddenAllowed: boolean;
  dummiesAllowed: boolean;
  recordingMode: string;
  periodicChecks: boolean;
  perSiteProtocol: boolean;
  active: boolean;
}

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
}

export interface ViewAnswer {
  compliant: boolean;
  photoDocumentId: string | null;
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
  viewChecklist: Record<string, ViewAnswer>;
  signageLocation: string | null;
  signagePhotoDocumentId: string | null;
  streamUrl: string | null;
  hasCredentials: boolean;
  secureConnection: boolean;
  recordingMode: RecordingMode;
  status: CameraStatus;
  dummy: boolean;
  hidden: boolean;
  staffInView: boolean;
  systematicPublic: boolean;
  activatedAt: string | null;
}

export interface ActivationSummary {
  allowed: boolean;
  rule: string | null;
  code: string;
  message: Text;
}

export interface Requirement {
  key: string;
  rule: string | null;
  met: boolean;
}

export interface Activation extends ActivationSummary {
  refusal: 'forbidden' | 'missing' | null;
  requirements: Requirement[];
}

export interface CameraSummary extends Camera {
  siteName: string;
  activation: ActivationSummary;
}

export interface Approval {
  id: string;
  kind: ApprovalKind;
  outcome: 'approved' | 'rejected';
  decider: string;
  decidedOn: string;
  validUntil: string | null;
  answers: { question: string; answer: string }[];
  notes: string | null;
  documentId: string | null;
  recordedAt: string;
}

export interface Check {
  id: string;
  checkedAt: string;
  checkedBy: string;
  imageOk: boolean;
  timeOk: boolean;
  signageOk: boolean;
  viewOk: boolean;
  notes: string | null;
}

export interface Defect {
  id: string;
  cameraId: string;
  reportedAt: string;
  reportedBy: string;
  description: string;
  repairedAt: string | null;
  repairedBy: string | null;
  repairNotes: string | null;
}

export interface CameraDetail {
  camera: Camera;
  site: Site;
  approvals: Approval[];
  activation: Activation;
  checks: Check[];
  defects: Defect[];
}

export interface StoredDocument {
  id: string;
  mediaType: string;
  size: number;
  name: string;
}

/** POST /api/register/onvif/discover (src/register/onvif.schema.ts). */
export interface DiscoveredDevice {
  endpoint: string;
  host: string;
  port: number;
  name: string | null;
  hardware: string | null;
  location: string | null;
  xaddrs: string[];
}

/** POST /api/register/onvif/probe: stream URLs never carry credentials. */
export interface OnvifProbeResult {
  host: string;
  port: number;
  device: { manufacturer: string | null; model: string | null; firmwareVersion: string | null; serialNumber: string | null; hardwareId: string | null };
  clockOffsetSeconds: number | null;
  profiles: { token: string; name: string; encoding: string | null; width: number | null; height: number | null; frameRate: number | null; streamUrl: string | null }[];
}

/** POST /api/register/cameras/{id}/connection-test. */
export interface ConnectionTestResult {
  ok: true;
  width: number;
  height: number;
  codec: string | null;
  /** data:image/jpeg;base64,… */
  thumbnail: string;
  ms: number;
}
