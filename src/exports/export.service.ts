import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Executor } from '../auth/user.repository.js';
import type { CaseRequest } from '../cases/request.js';
import type { Logbook } from '../logbook/logbook.service.js';
import type { Clock } from '../platform/clock.js';
import type { Schema } from '../platform/db/schema.js';
import { conflict, forbidden, invalid, notFound } from '../platform/errors.js';
import type { FfmpegBinaries } from '../recording/media-tools.js';
import type { Segment } from '../recording/segment.js';
import { assembleClip } from './clip-assembler.js';
import { planClip } from './clip-plan.js';
import { exportableKinds, packageLifetimeDays, toExportSummary, windowProblem, type ExportSummary, type ExportWindow } from './export.js';
import type { ExportRepository } from './export.repository.js';
import { manifestFile, manifestSignatureFile, signManifest, type Manifest, type ManifestClip } from './manifest.js';
import { encryptedZip, readmeText, receiptPdf, type PackageEntry } from './package.js';
import { generatePackagePassword, hashPackagePassword } from './password.js';
import { sealMp4 } from './seal.js';
import { sha256, type SigningKey } from './signing-key.js';
import { sealZip } from './zip-seal.js';

export interface ExportActor {
  id: string | null;
  name: string;
  role: string | null;
}

/** What the export service needs from the recorder: the index, decrypted reads and camera names. */
export interface FootageSource {
  between(cameraId: string, from: Date, to: Date): Promise<Segment[]>;
  read(segment: Segment): Promise<Buffer>;
  cameraName(cameraId: string): Promise<string | null>;
}

export interface ExportServiceDeps {
  db: Kysely<Schema>;
  exports: ExportRepository;
  logbook: Logbook;
  clock: Clock;
  footage: FootageSource;
  requests: { get(id: string): Promise<CaseRequest> };
  binaries: () => Promise<FfmpegBinaries>;
  signingKey: () => SigningKey;
  /** Where packages wait for their download (encrypted ZIPs only). */
  packageDir: string;
  exportingSystem: string;
}

export interface CreateExportInput {
  requestId: string;
  windows?: { cameraId: string; from: string; to: string }[];
  recipient?: string;
  legalBasis?: string;
  /** Trim exactly to the windows (re-encodes); by default whole segments are copied (keyframe boundaries). */
  exact?: boolean;
}

const legalBasisOf = (r: CaseRequest): string => {
  if (r.kind === 'police') return r.details.legalBasis || 'vordering art. 126nd/126nda Sv';
  if (r.kind === 'access') return `art. 15 lid 3 AVG (kopie voor betrokkene), besluit ${r.decision?.rule ?? ''}`.trim();
  return `besluit ${r.decision?.rule ?? ''} (verstrekking aan derde)`.trim();
};

/**
 * Evidence exports (issue 8): assembles the clips of an allowed request, seals each MP4, signs the
 * manifest, packs an AES-256 ZIP and records the provision in the logboek (DOM-6, INV-3). The
 * password is returned once and only its hash is kept.
 */
export class ExportService {
  constructor(private readonly d: ExportServiceDeps) {}

  async create(input: CreateExportInput, by: ExportActor): Promise<{ export: ExportSummary; password: string }> {
    const request = await this.d.requests.get(input.requestId);
    if (!(exportableKinds as readonly string[]).includes(request.kind)) {
      throw invalid('export_kind', `Footage is provided only for a police vordering, a third-party request or a data subject's copy, not for ${request.kind}`, 'requestId');
    }
    if (request.decision?.decision !== 'allow' || !['allowed', 'carried_out'].includes(request.state)) {
      throw forbidden('export_not_allowed', 'Footage is provided only after the request was allowed', request.decision?.rule ?? 'DOM-6');
    }
    const windows: ExportWindow[] = (input.windows ?? (request.details.window?.cameraIds ?? []).map((cameraId) => ({ cameraId, from: request.details.window!.from, to: request.details.window!.to })))
      .map((w) => ({ cameraId: w.cameraId, from: new Date(w.from), to: new Date(w.to) }));
    const problem = windowProblem(windows);
    if (problem) throw invalid('export_windows', problem, 'windows');

    const now = this.d.clock.now();
    const id = crypto.randomUUID();
    const key = this.d.signingKey();
    const binaries = await this.d.binaries();
    const recipient = (input.recipient ?? [request.requester.name, request.requester.organisation].filter(Boolean).join(', ')).slice(0, 300);
    const legalBasis = (input.legalBasis ?? legalBasisOf(request)).slice(0, 300);
    const cameras = new Map<string, string>();
    for (const w of windows) cameras.set(w.cameraId, (await this.d.footage.cameraName(w.cameraId)) ?? w.cameraId);

    const entries: PackageEntry[] = [];
    const clips: ManifestClip[] = [];
    for (const [i, w] of windows.entries()) {
      const plan = planClip(await this.d.footage.between(w.cameraId, w.from, w.to), w.from, w.to);
      const file = `${String(i + 1).padStart(2, '0')}-${w.cameraId}-${w.from.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z.mp4`;
      const base = { file, cameraId: w.cameraId, from: w.from.toISOString(), to: w.to.toISOString(), actualStart: plan.actualStart?.toISOString() ?? null, actualEnd: plan.actualEnd?.toISOString() ?? null, gaps: plan.gaps, segments: plan.segments.length };
      if (plan.segments.length === 0) {
        // No footage at all: reported in the manifest (the whole window is a gap), no file.
        clips.push({ ...base, file: '', bytes: 0, sha256: '' });
        continue;
      }
      // Exact: from max(window start, first footage) to min(window end, last footage), re-encoded.
      const exactFrom = input.exact ? new Date(Math.max(w.from.getTime(), plan.actualStart!.getTime())) : null;
      const exactTo = input.exact ? new Date(Math.min(w.to.getTime(), plan.actualEnd!.getTime())) : null;
      if (exactFrom && exactTo) Object.assign(base, { actualStart: exactFrom.toISOString(), actualEnd: exactTo.toISOString() });
      const mp4 = await assembleClip(
        binaries,
        plan.segments.map((s) => ({ start: s.start, read: () => this.d.footage.read(s) })),
        plan.actualStart!,
        { creationTime: exactFrom ?? plan.actualStart!, cameraName: cameras.get(w.cameraId)!, cameraId: w.cameraId, comment: `${request.ref} / export ${id}` },
        exactFrom && exactTo ? { startSeconds: (exactFrom.getTime() - plan.actualStart!.getTime()) / 1000, durationSeconds: (exactTo.getTime() - exactFrom.getTime()) / 1000 } : null,
      );
      const sealed = sealMp4(mp4, {
        exportingSystem: this.d.exportingSystem, operator: by.name, exportTime: now.toISOString(), sourceCamera: { id: w.cameraId, name: cameras.get(w.cameraId)! },
        window: { from: base.from, to: base.to }, caseRef: request.ref,
      }, key);
      entries.push({ name: file, data: sealed });
      clips.push({ ...base, bytes: sealed.length, sha256: sha256(sealed) });
    }
    if (entries.length === 0) throw conflict('export_no_footage', 'There is no footage of these cameras in these windows (deleted after retention, or never recorded)', 'windows');

    const body: Omit<Manifest, 'signing' | 'documents'> = {
      format: 'toezicht-export-manifest/1', exportId: id, exportingSystem: this.d.exportingSystem, createdAt: now.toISOString(), operator: by.name,
      case: { ref: request.ref, kind: request.kind }, legalBasis, recipient,
      cameras: [...cameras].map(([cid, name]) => ({ id: cid, name })), windows: windows.map((w) => ({ cameraId: w.cameraId, from: w.from.toISOString(), to: w.to.toISOString() })),
      clips: clips.filter((c) => c.file !== ''),
    };
    // Windows without any footage stay in the manifest's windows and as a clip-less gap entry.
    const emptyWindows = clips.filter((c) => c.file === '');
    const readme = Buffer.from(readmeText(body, key.fingerprint), 'utf8');
    const receipt = await receiptPdf(body, now);
    const documents = [{ name: 'LEESMIJ.txt', data: readme }, { name: 'ontvangstbevestiging.pdf', data: receipt }];
    const signed = signManifest({
      ...body,
      clips: [...body.clips, ...emptyWindows],
      documents: documents.map((doc) => ({ file: doc.name, bytes: doc.data.length, sha256: sha256(doc.data) })),
    }, key);
    const password = generatePackagePassword();
    const zip = sealZip(await encryptedZip([...entries, ...documents, { name: manifestFile, data: signed.json }, { name: manifestSignatureFile, data: signed.signature }], password, now), key);
    const packageSha256 = sha256(zip);

    await fs.promises.mkdir(this.d.packageDir, { recursive: true, mode: 0o700 });
    const packageFile = path.join(this.d.packageDir, `${id}.zip`);
    await fs.promises.writeFile(packageFile, zip, { mode: 0o600, flag: 'wx' });
    try {
      await this.d.db.transaction().execute(async (trx) => {
        await this.d.exports.insert({
          id, case_ref: request.ref, request_id: request.id, request_kind: request.kind, recipient, legal_basis: legalBasis,
          windows: JSON.stringify(body.windows), clips: JSON.stringify([...body.clips, ...emptyWindows]), package_file: path.basename(packageFile),
          package_bytes: zip.length, package_sha256: packageSha256, certificate_sha256: key.fingerprint, password_hash: hashPackagePassword(password),
          created_at: now.toISOString(), created_by_id: by.id, created_by_name: by.name, downloaded_at: null, downloaded_by_name: null,
          handed_over_at: null, handed_over_by_name: null, handed_over_to: null, handed_over_identification: null, package_deleted_at: null,
        }, trx);
        // DOM-6, INV-3: the provision, with cameras, windows, recipient and the package's hash. Never the password.
        await this.d.logbook.append(trx, {
          actor: by, action: 'export.created', caseRef: request.ref, reason: legalBasis,
          subject: {
            exportId: id, requestId: request.id, kind: request.kind, recipient, legalBasis, cameras: [...cameras.keys()], windows: body.windows, exact: input.exact === true,
            gaps: clips.reduce((n, c) => n + c.gaps.length, 0), files: clips.filter((c) => c.file).map((c) => ({ file: c.file, sha256: c.sha256 })),
            packageSha256, certificateSha256: key.fingerprint,
          },
        });
      });
    } catch (err) {
      await fs.promises.rm(packageFile, { force: true });
      throw err;
    }
    const row = await this.d.exports.get(id);
    return { export: toExportSummary(row!), password };
  }

  async forCase(caseRef: string): Promise<ExportSummary[]> {
    return (await this.d.exports.forCase(caseRef)).map(toExportSummary);
  }

  /** The port the case workflows use at delivery (carry_out), inside their transaction. */
  readonly casePort = {
    forCase: async (caseRef: string, ex: Executor) => (await this.d.exports.forCase(caseRef, ex)).map((row) => ({ id: row.id, packageSha256: row.package_sha256, downloadedAt: row.downloaded_at })),
  };

  async get(id: string): Promise<ExportSummary> {
    const row = await this.d.exports.get(id);
    if (!row) throw notFound('export_not_found', `No export ${id}`);
    return toExportSummary(row);
  }

  /** The package, once (logged with its hash); a second download is refused. */
  async download(id: string, by: ExportActor, ip: string | null = null): Promise<{ fileName: string; data: Buffer }> {
    const row = await this.d.exports.get(id);
    if (!row) throw notFound('export_not_found', `No export ${id}`);
    if (row.package_deleted_at) throw conflict('export_package_deleted', `The package was deleted from the server (${row.package_deleted_at}); create a new export`);
    if (row.downloaded_at) throw conflict('export_already_downloaded', `This package was downloaded already (${row.downloaded_at}, by ${row.downloaded_by_name}); create a new export`);
    const data = await fs.promises.readFile(path.join(this.d.packageDir, row.package_file));
    await this.d.db.transaction().execute(async (trx) => {
      if (!(await this.d.exports.markDownloaded(id, this.d.clock.now().toISOString(), by.name, trx))) throw conflict('export_already_downloaded', 'This package was downloaded already');
      await this.d.logbook.append(trx, {
        actor: by, action: 'export.downloaded', caseRef: row.case_ref, ip,
        subject: { exportId: id, packageSha256: row.package_sha256, bytes: data.length, recipient: row.recipient },
      });
    });
    return { fileName: `toezicht-export-${row.case_ref.replace(/[^A-Za-z0-9-]/g, '_')}-${id.slice(0, 8)}.zip`, data };
  }

  /** Chain of custody: the package was handed to a person, identified in a stated way (logged with its hash). */
  async handOver(id: string, h: { to: string; identification: string }, by: ExportActor, ip: string | null = null): Promise<ExportSummary> {
    const row = await this.d.exports.get(id);
    if (!row) throw notFound('export_not_found', `No export ${id}`);
    if (!row.downloaded_at) throw conflict('export_not_downloaded', 'Download the package before recording its hand-over');
    const at = this.d.clock.now().toISOString();
    await this.d.db.transaction().execute(async (trx) => {
      if (!(await this.d.exports.markHandedOver(id, { at, by: by.name, ...h }, trx))) throw conflict('export_already_handed_over', 'The hand-over of this package is recorded already');
      await this.d.logbook.append(trx, {
        actor: by, action: 'export.handed_over', caseRef: row.case_ref, ip,
        subject: { exportId: id, packageSha256: row.package_sha256, to: h.to, identification: h.identification },
      });
    });
    return this.get(id);
  }

  /**
   * Deletes packages older than their lifetime from the server, each with a logboek entry carrying
   * its hash (issue 8 item 5). The row, the hashes and the logboek entries stay. Returns how many.
   */
  async expire(now = this.d.clock.now()): Promise<number> {
    const before = new Date(now.getTime() - packageLifetimeDays * 86_400_000).toISOString();
    let deleted = 0;
    for (const row of await this.d.exports.packagesCreatedBefore(before)) {
      await fs.promises.rm(path.join(this.d.packageDir, row.package_file), { force: true });
      await this.d.db.transaction().execute(async (trx) => {
        if (!(await this.d.exports.markPackageDeleted(row.id, now.toISOString(), trx))) return;
        await this.d.logbook.append(trx, {
          actor: { id: null, name: 'system', role: null }, action: 'export.package_deleted', caseRef: row.case_ref, reason: `package lifetime of ${packageLifetimeDays} days ended`,
          subject: { exportId: row.id, packageSha256: row.package_sha256, createdAt: row.created_at, downloaded: row.downloaded_at !== null },
        });
        deleted++;
      });
    }
    return deleted;
  }

  /** Whether a package with this SHA-256 was issued here (the verification pages say so). */
  async issued(packageSha256: string): Promise<{ exportId: string; caseRef: string; createdAt: string } | null> {
    const row = await this.d.exports.byPackageHash(packageSha256);
    return row ? { exportId: row.id, caseRef: row.case_ref, createdAt: row.created_at } : null;
  }
}
