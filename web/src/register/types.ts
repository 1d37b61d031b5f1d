/**
 * The register's API shapes, derived with type-only imports from the server's zod response schemas
 * (src/register/*.schema.ts) and its domain vocabulary (src/register/camera.ts). Credentials are
 * write-only on the server: the schemas, and so these types, never carry them.
 */
import type { z } from '@hono/zod-openapi';
import type {
  ApprovalKind as ServerApprovalKind, AreaType as ServerAreaType, CameraStatus as ServerCameraStatus, RecordingMode as ServerRecordingMode,
} from '../../../src/register/camera';
import type {
  ActivationSchema, ApprovalSchema, CameraDetailSchema, CameraSchema, CameraSummarySchema, CheckSchema, DefectSchema, OverdueSchema,
} from '../../../src/register/camera.schema';
import type { ConnectionTestSchema, DiscoveredDeviceSchema, ProbeResultSchema } from '../../../src/register/onvif.schema';
import type { DocumentSchema, RegisterProfileSchema, SiteSchema } from '../../../src/register/site.schema';
import type { PlacementLimit } from '../../../src/protocol/vocabulary';
import type { Assert, Covers } from '../api/derive';

export interface Text {
  nl: string;
  en: string;
}

// The lists the forms offer stay in the UI (no server module in the bundle); `satisfies` and `Covers`
// tie each one to the server's type both ways, so a value added or dropped there fails `tsc` here.
export const areaTypes = ['common_area', 'entrance', 'outdoor', 'public_hall', 'staff_area'] as const satisfies readonly ServerAreaType[];
export type AreaType = ServerAreaType;
type _AreaTypes = Assert<Covers<typeof areaTypes, AreaType>>;

export const cameraStatuses = ['planned', 'awaiting_approval', 'active', 'defect', 'retired'] as const satisfies readonly ServerCameraStatus[];
export type CameraStatus = ServerCameraStatus;
type _CameraStatuses = Assert<Covers<typeof cameraStatuses, CameraStatus>>;

export const approvalKinds = [
  'proportionality_assessment', 'dpia', 'vve_consent', 'works_council_approval', 'hidden_camera_suspicion',
] as const satisfies readonly ServerApprovalKind[];
export type ApprovalKind = ServerApprovalKind;
type _ApprovalKinds = Assert<Covers<typeof approvalKinds, ApprovalKind>>;

export const placementLimits = [
  'not_into_homes', 'not_at_front_doors', 'not_at_fixed_workplace', 'public_road_minimal', 'others_property_minimal', 'common_areas_only',
  'not_for_staff_monitoring', 'no_audio',
] as const satisfies readonly PlacementLimit[];
type _PlacementLimits = Assert<Covers<typeof placementLimits, PlacementLimit>>;

export type RecordingMode = ServerRecordingMode;

export type RegisterProfile = z.infer<typeof RegisterProfileSchema>;
export type Site = z.infer<typeof SiteSchema>;
export type Camera = z.infer<typeof CameraSchema>;
export type ViewAnswer = Camera['viewChecklist'][string];
export type CameraSummary = z.infer<typeof CameraSummarySchema>;
export type ActivationSummary = CameraSummary['activation'];
export type Activation = z.infer<typeof ActivationSchema>;
export type Requirement = Activation['requirements'][number];
export type Approval = z.infer<typeof ApprovalSchema>;
export type Check = z.infer<typeof CheckSchema>;
export type Defect = z.infer<typeof DefectSchema>;
export type CameraDetail = z.infer<typeof CameraDetailSchema>;
export type OverdueCheck = z.infer<typeof OverdueSchema>;
export type StoredDocument = z.infer<typeof DocumentSchema>;

/** POST /api/register/onvif/discover. */
export type DiscoveredDevice = z.infer<typeof DiscoveredDeviceSchema>;
/** POST /api/register/onvif/probe: stream URLs never carry credentials. */
export type OnvifProbeResult = z.infer<typeof ProbeResultSchema>;
/** POST /api/register/cameras/{id}/connection-test. */
export type ConnectionTestResult = z.infer<typeof ConnectionTestSchema>;
