/**
 * Derived exports — the entry point for packaging an already-rendered derivative (a redacted
 * copy made by the redaction feature) as a case export. STABLE CONTRACT: other features call
 *
 *   createDerivedExport(exports: ExportService, input: DerivedExportInput, by: ExportActor)
 *     → Promise<{ export: ExportSummary; password: string }>
 *
 * - `input.requestId`: the case request (police / third-party / access) whose decision is *allow*
 *   (otherwise 403 `export_not_allowed`, as for ordinary exports).
 * - `input.file`: absolute path of the rendered MP4 (H.264 in an MP4 container, must start with an
 *   `ftyp` box). It is read as a stream and not modified or deleted: the caller removes it.
 * - `input.derivation`: `{ kind: 'redaction', originals: [{ cameraId, from, to, sha256? }],
 *   settings, operator }` — the source footage windows (ISO instants, ≤ 24 h each, ≤ 8), the
 *   render settings (any JSON; goes into the manifest verbatim, its SHA-256 into the logboek) and
 *   who made the derivative.
 * - `input.recipient` / `input.legalBasis`: optional, default from the request as for exports.
 * - `input.onCommit(trx, exportId)`: optional; the caller's own writes (e.g. marking its job done),
 *   run inside the transaction that records the export, so both commit together or not at all. If
 *   it throws, the export is rolled back (no row, no logboek entry) and its package file removed.
 *
 * The file goes through the same path as an ordinary export (ExportService.writePackage): sealed
 * (seal box with export unit and RSASSA-PSS signature), listed with its SHA-256 in the signed
 * manifest, which also carries the `derivation` object; README, receipt PDF; AES-256 ZIP signed as
 * a whole; the password returned once and stored only as a hash; the `exports` row and the
 * `export.created` logboek entry (with `derivation`: kind, originals, operator, settingsSha256).
 * `verify` (CLI, API, public page) checks such a package like any other. Download, hand-over and
 * expiry are the ordinary export endpoints.
 */
import type { Executor } from '../auth/user.repository.js';
import type { ExportActor, ExportService, CreatedExport, ProgressListener } from './export.service.js';

export interface DerivationOriginal {
  cameraId: string;
  from: string;
  to: string;
  /** SHA-256 of the original clip the derivative was rendered from, when known. */
  sha256?: string;
}

/** What the manifest says about how the file was derived from recorded footage. */
export interface Derivation {
  kind: 'redaction';
  originals: DerivationOriginal[];
  settings: unknown;
  operator: string;
}

export interface DerivedExportInput {
  requestId: string;
  /** Absolute path of the rendered MP4. */
  file: string;
  derivation: Derivation;
  recipient?: string;
  legalBasis?: string;
  /** A password shown earlier (export jobs); normally left out and generated. */
  password?: string;
  /** Runs inside the export's own transaction (after its row and `export.created` entry); throwing rolls the export back. */
  onCommit?: (trx: Executor, exportId: string) => Promise<void>;
}

export function createDerivedExport(exports: ExportService, input: DerivedExportInput, by: ExportActor, onProgress?: ProgressListener): Promise<CreatedExport> {
  return exports.createDerived(input, by, onProgress);
}
