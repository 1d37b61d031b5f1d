import type { Insertable, Selectable, Updateable } from 'kysely';

/**
 * The register's tables. As everywhere: booleans are 0/1 integers, times ISO-8601 UTC text,
 * dates YYYY-MM-DD text, lists and small structures JSON text; ids are UUIDs.
 */
export interface SiteTable {
  id: string;
  name: string;
  address: string;
  organisation: string;
  /** A shipped protocol profile id (domijn, welwonen, …). */
  profile_id: string;
  /** DOM-12: JSON of the site's tightening of the profile (siteOverrideSchema), or null. */
  site_override: string | null;
  /** MOZ-2.2: contact person and the team or region (rayon) they belong to. */
  contact_name: string | null;
  contact_team: string | null;
  /** WEL-6: the building has an owners' association (VvE) whose consent applies. */
  vve_applies: number;
  /** WEL-16, MOZ-2.7, WCP-3: the maintenance partner and its processor agreement. */
  maintenance_partner: string | null;
  processor_agreement_document_id: string | null;
  processor_agreement_from: string | null;
  processor_agreement_until: string | null;
  /** MOZ-6.2, SOE-4, WEL-11: where recorder and viewing station stand and how they are secured (facts). */
  recorder_location: string | null;
  recorder_security: string | null;
  viewing_location: string | null;
  viewing_security: string | null;
  security_evidence_document_id: string | null;
  /** MOZ-2.3, WCP-3: days between periodic checks; null when the site has no schedule. */
  check_interval_days: number | null;
  created_at: string;
  updated_at: string;
}

export interface CameraTable {
  id: string;
  site_id: string;
  name: string;
  location: string;
  area_type: string;
  /** JSON array of the profile's purpose ids (WEL-1). */
  purposes: string;
  legal_basis: string | null;
  /** WEL-10: responsible person or department. */
  responsible: string | null;
  /** JSON object: placement limit → { compliant, photoDocumentId } (DOM-2, WEL-3, WEL-4). */
  view_checklist: string;
  signage_location: string | null;
  signage_photo_document_id: string | null;
  /** The RTSP/RTSPS URL without credentials. */
  stream_url: string | null;
  /** Username and password, sealed with the data directory's SecretBox; never returned by the API. */
  credentials_sealed: string | null;
  secure_connection: number;
  recording_mode: string;
  status: string;
  dummy: number;
  hidden: number;
  staff_in_view: number;
  systematic_public: number;
  activated_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ApprovalTable {
  id: string;
  camera_id: string;
  kind: string;
  outcome: string;
  decider: string;
  decided_on: string;
  valid_until: string | null;
  /** JSON array of { question, answer } (WEL-2 questions a–d). */
  answers: string;
  notes: string | null;
  document_id: string | null;
  recorded_by: string | null;
  recorded_by_role: string | null;
  recorded_at: string;
}

export interface DocumentTable {
  id: string;
  sha256: string;
  media_type: string;
  size: number;
  original_name: string;
  /** Path under the data directory (documents/…). */
  stored_path: string;
  uploaded_by: string | null;
  uploaded_at: string;
}

export interface CheckTable {
  id: string;
  camera_id: string;
  checked_at: string;
  checked_by: string;
  image_ok: number;
  time_ok: number;
  signage_ok: number;
  view_ok: number;
  notes: string | null;
}

export interface DefectTable {
  id: string;
  camera_id: string;
  check_id: string | null;
  reported_at: string;
  reported_by: string;
  description: string;
  repaired_at: string | null;
  repaired_by: string | null;
  repair_notes: string | null;
}

export type SiteRow = Selectable<SiteTable>;
export type NewSiteRow = Insertable<SiteTable>;
export type SiteUpdate = Updateable<SiteTable>;
export type CameraRow = Selectable<CameraTable>;
export type NewCameraRow = Insertable<CameraTable>;
export type CameraUpdate = Updateable<CameraTable>;
export type ApprovalRow = Selectable<ApprovalTable>;
export type DocumentRow = Selectable<DocumentTable>;
export type CheckRow = Selectable<CheckTable>;
export type DefectRow = Selectable<DefectTable>;
