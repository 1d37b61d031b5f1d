import type { ExportRow } from './export.table.js';
import type { ManifestClip } from './manifest.js';

/** An export as the API shows it (never the password, never footage). */
export interface ExportSummary {
  id: string;
  caseRef: string;
  requestId: string;
  requestKind: string;
  recipient: string;
  legalBasis: string;
  windows: { cameraId: string; from: string; to: string }[];
  clips: Omit<ManifestClip, never>[];
  packageBytes: number;
  packageSha256: string;
  certificateSha256: string;
  createdAt: string;
  createdBy: string;
  downloadedAt: string | null;
  downloadedBy: string | null;
  handedOver: { at: string; by: string; to: string; identification: string } | null;
  packageDeletedAt: string | null;
  /** Where the package was written when it went straight to a removable drive (then it is not on the server). */
  destination: string | null;
}

export function toExportSummary(row: ExportRow): ExportSummary {
  return {
    id: row.id, caseRef: row.case_ref, requestId: row.request_id, requestKind: row.request_kind, recipient: row.recipient, legalBasis: row.legal_basis,
    windows: JSON.parse(row.windows) as ExportSummary['windows'], clips: JSON.parse(row.clips) as ManifestClip[], packageBytes: Number(row.package_bytes),
    packageSha256: row.package_sha256, certificateSha256: row.certificate_sha256, createdAt: row.created_at, createdBy: row.created_by_name,
    downloadedAt: row.downloaded_at, downloadedBy: row.downloaded_by_name,
    handedOver: row.handed_over_at
      ? { at: row.handed_over_at, by: row.handed_over_by_name ?? '', to: row.handed_over_to ?? '', identification: row.handed_over_identification ?? '' }
      : null,
    packageDeletedAt: row.package_deleted_at,
    destination: row.package_file.startsWith('/') ? row.package_file : null,
  };
}

/** How long a package waits on the server for its download before it is deleted (logged). */
export const packageLifetimeDays = 14;

/** Request kinds whose allowed decision may lead to a provision of footage (issue 8). */
export const exportableKinds = ['police', 'third-party', 'access'] as const;

/** Limits that keep one export within memory and reason: at most 8 windows, each at most 24 hours. */
export const maxWindows = 8;
export const maxWindowMs = 24 * 3_600_000;

export interface ExportWindow {
  cameraId: string;
  from: Date;
  to: Date;
}

/** Validates requested windows (pure); returns the problem or null. */
export function windowProblem(windows: readonly ExportWindow[]): string | null {
  if (windows.length === 0) return 'name at least one camera and time window';
  if (windows.length > maxWindows) return `at most ${maxWindows} camera windows per export`;
  for (const w of windows) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(w.cameraId)) return `not a camera id: ${w.cameraId}`;
    if (Number.isNaN(w.from.getTime()) || Number.isNaN(w.to.getTime()) || w.to.getTime() <= w.from.getTime()) return 'each window ends after it starts';
    if (w.to.getTime() - w.from.getTime() > maxWindowMs) return 'each window spans at most 24 hours';
  }
  return null;
}
