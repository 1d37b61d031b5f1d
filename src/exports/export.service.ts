import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Executor } from '../auth/user.repository.js';
import type { CaseRequest } from '../cases/request.js';
import type { Logbook } from '../logbook/logbook.service.js';
import type { Clock } from '../platform/clock.js';
import type { Schema } from '../platform/db/schema.js';
import { conflict, DomainError, forbidden, invalid, notFound } from '../platform/errors.js';
import type { FfmpegBinaries } from '../recording/media-tools.js';
import type { Segment } from '../recording/segment.js';
import { assembleClip } from './clip-assembler.js';
import type { PrivacyMasks } from '../masks/masks.module.js';
import { NotConcatenable } from './fmp4-concat.js';
import { planClip } from './clip-plan.js';
import { exportableKinds, packageLifetimeDays, toExportSummary, windowProblem, type ExportSummary, type ExportWindow } from './export.js';
import type { ExportRepository } from './export.repository.js';
import { manifestFile, manifestSignatureFile, signManifest, type Manifest, type ManifestClip } from './manifest.js';
import { readmeText, receiptPdf } from './package.js';
import { generatePackagePassword, hashPackagePassword } from './password.js';
import { resolveDriveFolder } from './drive.js';
import { PackageBuilder } from './package-builder.js';
import { canonicalJson, sha256, type SigningKey } from './signing-key.js';
import type { Derivation, DerivedExportInput } from './derived-export.js';
import type { ExportJobs } from './export-jobs.js';

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
  /** The refusal when footage of the window is under a restriction of processing ("do not use" hold, AVG-18), else null. */
  restricted?(cameraId: string, from: Date, to: Date): Promise<DomainError | null>;
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
  /** Roots under which a package may be written to a removable drive (TOEZICHT_EXPORT_DRIVES). */
  driveRoots?: () => readonly string[];
  exportingSystem: string;
  /** Privacy masks (issue 9 item 4): burnt into a masked camera's segments unless the case has a logged lift. */
  masks?: Pick<PrivacyMasks, 'segment'> | null;
}

export interface CreateExportInput {
  requestId: string;
  windows?: { cameraId: string; from: string; to: string }[];
  recipient?: string;
  legalBasis?: string;
  /** Trim exactly to the windows (only the partial first and last GOP re-encoded); by default whole segments are copied (keyframe boundaries). */
  exact?: boolean;
  /** The package password, when a job generated it earlier (jobs: shown at creation); otherwise one is generated. */
  password?: string;
  /** A folder on a mounted removable drive (under the configured roots): the package is written there instead of kept on the server. */
  destination?: string;
}

export interface CreatedExport {
  export: ExportSummary;
  /** Shown once; never stored in clear. */
  password: string;
}

/** Where a running export is: phase and 0..1 (the assembling phase by bytes of footage). */
export interface ExportProgress {
  phase: 'assembling' | 'sealing' | 'done';
  progress: number;
}
export type ProgressListener = (p: ExportProgress) => void;

export interface RunOptions {
  id?: string;
  attempt?: number;
  onProgress?: ProgressListener;
}

interface PlannedClip {
  base: Omit<ManifestClip, 'bytes' | 'sha256'>;
  estimatedBytes: number;
  sourceCamera: { id: string; name: string };
  /** `remux`: stream copy through ffmpeg (after the segments turned out not to be concatenable in Node). */
  media: (remux: boolean) => AsyncIterable<Buffer>;
}

interface PackagePlan {
  id: string;
  request: CaseRequest;
  now: Date;
  by: ExportActor;
  clips: PlannedClip[];
  empty: ManifestClip[];
  cameras: Map<string, string>;
  windows: { cameraId: string; from: string; to: string }[];
  recipient: string | undefined;
  legalBasis: string | undefined;
  exact: boolean;
  derivation: Derivation | null;
  password: string | undefined;
  /** A resolved removable-drive folder, or null: the server's package directory. */
  destination: string | null;
  remux?: boolean;
  /** The caller's own writes, in the transaction that records the export (DerivedExportInput.onCommit). */
  onCommit?: (trx: Executor, exportId: string) => Promise<void>;
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
  /** The durable job queue in front of create() (set by exports.module.ts). */
  jobs!: ExportJobs;

  constructor(private readonly d: ExportServiceDeps) {}

  /**
   * Builds the export now (the job worker calls this; so do tests and the benchmark). `run.id` is
   * the export's id (a job's id), `run.attempt` tells retries apart, `run.onProgress` hears the
   * phase and 0..1 and may throw to abort. With `input.destination` the package goes to that
   * removable-drive folder (validated again now: the drive may have gone since the job was queued).
   */
  async create(input: CreateExportInput, by: ExportActor, run: RunOptions = {}): Promise<CreatedExport> {
    const id = run.id ?? crypto.randomUUID();
    const { request, clips, empty, cameras, windows } = await this.plan(input, id);
    const destination = input.destination === undefined ? null : await this.driveFolder(input.destination, clips);
    const plan: PackagePlan = {
      id, request, now: this.d.clock.now(), by, clips, empty, cameras, windows, destination,
      recipient: input.recipient, legalBasis: input.legalBasis, exact: input.exact === true, derivation: null, password: input.password,
    };
    try {
      return await this.writePackage(plan, run);
    } catch (e) {
      // A segment of another format midway (camera settings changed): the package is removed; start over with ffmpeg's remux.
      if (!(e instanceof NotConcatenable) || e.beforeOutput) throw e;
      return this.writePackage({ ...plan, remux: true }, run);
    }
  }

  /** Validates an export before it is queued: allowed request, windows, footage there. Returns the case reference. */
  async check(input: CreateExportInput): Promise<{ caseRef: string }> {
    const { request, clips } = await this.plan(input, 'check');
    if (input.destination !== undefined) await this.driveFolder(input.destination, clips);
    return { caseRef: request.ref };
  }

  private driveFolder(requested: string, clips: readonly PlannedClip[]): Promise<string> {
    // The package is about the size of the footage (stream copy) plus small documents; an exact trim re-encodes at a similar rate.
    return resolveDriveFolder(requested, this.d.driveRoots?.() ?? [], clips.reduce((n, c) => n + c.estimatedBytes, 0) + 4 * 1024 * 1024);
  }

  private async plan(input: CreateExportInput, id: string) {
    const request = await this.allowedRequest(input.requestId);
    const windows: ExportWindow[] = (input.windows ?? (request.details.window?.cameraIds ?? []).map((cameraId) => ({ cameraId, from: request.details.window!.from, to: request.details.window!.to })))
      .map((w) => ({ cameraId: w.cameraId, from: new Date(w.from), to: new Date(w.to) }));
    const problem = windowProblem(windows);
    if (problem) throw invalid('export_windows', problem, 'windows');
    for (const w of windows) {
      const refusal = await this.d.footage.restricted?.(w.cameraId, w.from, w.to);
      if (refusal) throw refusal;
    }

    const binaries = await this.d.binaries();
    const cameras = new Map<string, string>();
    for (const w of windows) cameras.set(w.cameraId, (await this.d.footage.cameraName(w.cameraId)) ?? w.cameraId);

    const clips: PlannedClip[] = [];
    const empty: ManifestClip[] = [];
    for (const [i, w] of windows.entries()) {
      const plan = planClip(await this.d.footage.between(w.cameraId, w.from, w.to), w.from, w.to);
      const file = `${String(i + 1).padStart(2, '0')}-${w.cameraId}-${w.from.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z.mp4`;
      const base = { file, cameraId: w.cameraId, from: w.from.toISOString(), to: w.to.toISOString(), actualStart: plan.actualStart?.toISOString() ?? null, actualEnd: plan.actualEnd?.toISOString() ?? null, gaps: plan.gaps, segments: plan.segments.length };
      if (plan.segments.length === 0) {
        // No footage at all: reported in the manifest (the whole window is a gap), no file.
        empty.push({ ...base, file: '', bytes: 0, sha256: '' });
        continue;
      }
      // Exact: from max(window start, first footage) to min(window end, last footage), the partial GOPs at both ends re-encoded (exact-trim.ts).
      const exactFrom = input.exact ? new Date(Math.max(w.from.getTime(), plan.actualStart!.getTime())) : null;
      const exactTo = input.exact ? new Date(Math.min(w.to.getTime(), plan.actualEnd!.getTime())) : null;
      if (exactFrom && exactTo) Object.assign(base, { actualStart: exactFrom.toISOString(), actualEnd: exactTo.toISOString() });
      clips.push({
        base,
        estimatedBytes: plan.segments.reduce((n, s) => n + s.bytes, 0),
        sourceCamera: { id: w.cameraId, name: cameras.get(w.cameraId)! },
        media: (remux) => assembleClip(
          binaries,
          // Privacy masks (issue 9 item 4): a masked camera's segments are re-encoded with the masks burnt in, unless the case has a logged lift.
          plan.segments.map((s) => ({ start: s.start, read: () => (this.d.masks ? this.d.masks.segment(w.cameraId, s.id, { caseRef: request.ref }, () => this.d.footage.read(s)) : this.d.footage.read(s)) })),
          plan.actualStart!,
          { creationTime: exactFrom ?? plan.actualStart!, cameraName: cameras.get(w.cameraId)!, cameraId: w.cameraId, comment: `${request.ref} / export ${id}` },
          exactFrom && exactTo ? { startSeconds: (exactFrom.getTime() - plan.actualStart!.getTime()) / 1000, durationSeconds: (exactTo.getTime() - exactFrom.getTime()) / 1000 } : null,
          undefined, remux,
        ),
      });
    }
    if (clips.length === 0) throw conflict('export_no_footage', 'There is no footage of these cameras in these windows (deleted after retention, or never recorded)', 'windows');
    return { request, clips, empty, cameras, windows: windows.map((w) => ({ cameraId: w.cameraId, from: w.from.toISOString(), to: w.to.toISOString() })) };
  }

  /**
   * A derived export (redaction): one already-rendered MP4 packaged like any other export. See
   * derived-export.ts for the contract; call it through createDerivedExport there.
   */
  async createDerived(input: DerivedExportInput, by: ExportActor, onProgress?: ProgressListener): Promise<CreatedExport> {
    const request = await this.allowedRequest(input.requestId);
    const originals = input.derivation?.originals ?? [];
    if (input.derivation?.kind !== 'redaction') throw invalid('export_derivation', 'derivation.kind must be "redaction"', 'derivation');
    if (typeof input.derivation.operator !== 'string' || !input.derivation.operator.trim()) throw invalid('export_derivation', 'derivation.operator names who made the derivative', 'derivation.operator');
    const windows: ExportWindow[] = originals.map((o) => ({ cameraId: o.cameraId, from: new Date(o.from), to: new Date(o.to) }));
    const problem = windowProblem(windows);
    if (problem) throw invalid('export_derivation', `derivation.originals: ${problem}`, 'derivation.originals');
    for (const o of originals) if (o.sha256 !== undefined && !/^[0-9a-f]{64}$/.test(o.sha256)) throw invalid('export_derivation', 'derivation.originals[].sha256 is a hex SHA-256', 'derivation.originals');
    const stat = await fs.promises.stat(input.file).catch(() => null);
    if (!path.isAbsolute(input.file) || !stat?.isFile() || stat.size < 8) throw invalid('export_derived_file', 'file must be the absolute path of a rendered MP4', 'file');
    const head = Buffer.alloc(8);
    const fh = await fs.promises.open(input.file, 'r');
    try {
      await fh.read(head, 0, 8, 0);
    } finally {
      await fh.close();
    }
    if (head.toString('latin1', 4, 8) !== 'ftyp') throw invalid('export_derived_file', 'file is not an MP4 (no ftyp box at its start)', 'file');

    const now = this.d.clock.now();
    const id = crypto.randomUUID();
    const cameras = new Map<string, string>();
    for (const w of windows) cameras.set(w.cameraId, (await this.d.footage.cameraName(w.cameraId)) ?? w.cameraId);
    const from = new Date(Math.min(...windows.map((w) => w.from.getTime())));
    const to = new Date(Math.max(...windows.map((w) => w.to.getTime())));
    const first = windows[0]!;
    const file = `01-${input.derivation.kind}-${first.cameraId}-${from.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z.mp4`;
    const derivation: Derivation = {
      kind: 'redaction',
      originals: originals.map((o) => ({ cameraId: o.cameraId, from: new Date(o.from).toISOString(), to: new Date(o.to).toISOString(), ...(o.sha256 ? { sha256: o.sha256 } : {}) })),
      settings: input.derivation.settings ?? null,
      operator: input.derivation.operator.trim().slice(0, 200),
    };
    return this.writePackage({
      id, request, now, by, empty: [], cameras, derivation, destination: null,
      windows: windows.map((w) => ({ cameraId: w.cameraId, from: w.from.toISOString(), to: w.to.toISOString() })),
      clips: [{
        base: { file, cameraId: first.cameraId, from: from.toISOString(), to: to.toISOString(), actualStart: null, actualEnd: null, gaps: [], segments: 0 },
        estimatedBytes: stat.size,
        sourceCamera: { id: first.cameraId, name: cameras.get(first.cameraId)! },
        media: () => fs.createReadStream(input.file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>,
      }],
      recipient: input.recipient, legalBasis: input.legalBasis, exact: false, password: input.password, onCommit: input.onCommit,
    }, { onProgress });
  }

  private async allowedRequest(requestId: string): Promise<CaseRequest> {
    const request = await this.d.requests.get(requestId);
    if (!(exportableKinds as readonly string[]).includes(request.kind)) {
      throw invalid('export_kind', `Footage is provided only for a police vordering, a third-party request or a data subject's copy, not for ${request.kind}`, 'requestId');
    }
    if (request.decision?.decision !== 'allow' || !['allowed', 'carried_out'].includes(request.state)) {
      throw forbidden('export_not_allowed', 'Footage is provided only after the request was allowed', request.decision?.rule ?? 'DOM-6');
    }
    return request;
  }

  /**
   * Seal, manifest, encrypt, store, record (DOM-6, INV-3): streams every clip through the seal
   * into the encrypted ZIP (PackageBuilder), then the README, receipt and signed manifest; the
   * package appears under its final name only when complete, and the row and logboek entry are
   * written in one transaction after it. On any failure the partial file is removed.
   */
  private async writePackage(p: PackagePlan, run: RunOptions): Promise<CreatedExport> {
    const { id, request, now, by } = p;
    const onProgress = run.onProgress ?? (() => undefined);
    const key = this.d.signingKey();
    const recipient = (p.recipient ?? [request.requester.name, request.requester.organisation].filter(Boolean).join(', ')).slice(0, 300);
    const legalBasis = (p.legalBasis ?? legalBasisOf(request)).slice(0, 300);
    const password = p.password ?? generatePackagePassword();
    const packageFile = p.destination
      ? path.join(p.destination, `toezicht-export-${request.ref.replace(/[^A-Za-z0-9-]/g, '_')}-${id.slice(0, 8)}.zip`)
      : path.join(this.d.packageDir, `${id}.zip`);
    const total = Math.max(1, p.clips.reduce((n, c) => n + c.estimatedBytes, 0));
    let done = 0;
    onProgress({ phase: 'assembling', progress: 0 });
    const builder = await PackageBuilder.open(packageFile, password, now, run.attempt ?? 1);
    let finished: { bytes: number; sha256: string } | null = null;
    try {
      const clips: ManifestClip[] = [];
      for (const c of p.clips) {
        const sealed = await builder.addSealedMp4(c.base.file, c.media(p.remux === true), {
          exportingSystem: this.d.exportingSystem, operator: by.name, exportTime: now.toISOString(), sourceCamera: c.sourceCamera,
          window: { from: c.base.from, to: c.base.to }, caseRef: request.ref,
        }, key, (n) => onProgress({ phase: 'assembling', progress: Math.min(0.97, (0.97 * (done + n)) / total) }));
        done += c.estimatedBytes;
        clips.push({ ...c.base, bytes: sealed.bytes, sha256: sealed.sha256 });
      }
      onProgress({ phase: 'sealing', progress: 0.97 });
      const body: Omit<Manifest, 'signing' | 'documents'> = {
        format: 'toezicht-export-manifest/1', exportId: id, exportingSystem: this.d.exportingSystem, createdAt: now.toISOString(), operator: by.name,
        case: { ref: request.ref, kind: request.kind }, legalBasis, recipient,
        cameras: [...p.cameras].map(([cid, name]) => ({ id: cid, name })), windows: p.windows, clips,
        ...(p.derivation ? { derivation: p.derivation } : {}),
      };
      const readme = Buffer.from(readmeText(body, key.fingerprint), 'utf8');
      const receipt = await receiptPdf(body, now);
      const documents = [];
      for (const [name, data] of [['LEESMIJ.txt', readme], ['ontvangstbevestiging.pdf', receipt]] as const) documents.push({ file: name, ...(await builder.addDocument(name, data)) });
      // Windows without any footage stay in the manifest's windows and as a clip-less gap entry.
      const signed = signManifest({ ...body, clips: [...clips, ...p.empty], documents }, key);
      await builder.addDocument(manifestFile, signed.json);
      await builder.addDocument(manifestSignatureFile, signed.signature);
      finished = await builder.finish(key);
      const allClips = [...clips, ...p.empty];

      await this.d.db.transaction().execute(async (trx) => {
        await this.d.exports.insert({
          id, case_ref: request.ref, request_id: request.id, request_kind: request.kind, recipient, legal_basis: legalBasis,
          windows: JSON.stringify(p.windows), clips: JSON.stringify(allClips), package_file: p.destination ? packageFile : path.basename(packageFile),
          package_bytes: finished!.bytes, package_sha256: finished!.sha256, certificate_sha256: key.fingerprint, password_hash: hashPackagePassword(password),
          created_at: now.toISOString(), created_by_id: by.id, created_by_name: by.name, downloaded_at: null, downloaded_by_name: null,
          handed_over_at: null, handed_over_by_name: null, handed_over_to: null, handed_over_identification: null, package_deleted_at: null,
        }, trx);
        // DOM-6, INV-3: the provision, with cameras, windows, recipient and the package's hash. Never the password.
        await this.d.logbook.append(trx, {
          actor: by, action: 'export.created', caseRef: request.ref, reason: legalBasis,
          subject: {
            exportId: id, requestId: request.id, kind: request.kind, recipient, legalBasis, cameras: [...p.cameras.keys()], windows: p.windows, exact: p.exact,
            gaps: allClips.reduce((n, c) => n + c.gaps.length, 0), files: clips.map((c) => ({ file: c.file, sha256: c.sha256 })),
            packageSha256: finished!.sha256, certificateSha256: key.fingerprint, ...(p.destination ? { destination: packageFile } : {}),
            ...(p.derivation ? { derivation: { kind: p.derivation.kind, originals: p.derivation.originals, operator: p.derivation.operator, settingsSha256: sha256(Buffer.from(canonicalJson(p.derivation.settings), 'utf8')) } } : {}),
          },
        });
        // The caller's writes commit with the export or not at all; if they throw, the export is rolled back and its package removed.
        await p.onCommit?.(trx, id);
      });
    } catch (err) {
      if (finished) await fs.promises.rm(packageFile, { force: true });
      else await builder.abort();
      throw err;
    }
    onProgress({ phase: 'done', progress: 1 });
    const row = await this.d.exports.get(id);
    return { export: toExportSummary(row!), password };
  }

  /** Whether an export with this id was committed (a job retried after a crash checks this first). */
  async exists(id: string): Promise<boolean> {
    return (await this.d.exports.get(id)) !== undefined;
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

  /**
   * The package, once (logged with its hash); a second download is refused. Streamed from disk: an
   * hour's package (≈ 2 GB) is never held in memory. The file is opened before the download is
   * recorded, so a package missing on disk is an error, not a spent download.
   */
  async download(id: string, by: ExportActor, ip: string | null = null): Promise<{ fileName: string; bytes: number; body: ReadableStream<Uint8Array> }> {
    const row = await this.d.exports.get(id);
    if (!row) throw notFound('export_not_found', `No export ${id}`);
    if (row.package_deleted_at) throw conflict('export_package_deleted', `The package was deleted from the server (${row.package_deleted_at}); create a new export`);
    if (path.isAbsolute(row.package_file)) throw conflict('export_on_drive', `This package was written to a removable drive (${row.package_file}); it is not kept on the server`);
    if (row.downloaded_at) throw conflict('export_already_downloaded', `This package was downloaded already (${row.downloaded_at}, by ${row.downloaded_by_name}); create a new export`);
    const handle = await fs.promises.open(path.join(this.d.packageDir, row.package_file), 'r');
    let bytes: number;
    try {
      bytes = (await handle.stat()).size;
      await this.d.db.transaction().execute(async (trx) => {
        if (!(await this.d.exports.markDownloaded(id, this.d.clock.now().toISOString(), by.name, trx))) throw conflict('export_already_downloaded', 'This package was downloaded already');
        await this.d.logbook.append(trx, {
          actor: by, action: 'export.downloaded', caseRef: row.case_ref, ip,
          subject: { exportId: id, packageSha256: row.package_sha256, bytes, recipient: row.recipient },
        });
      });
    } catch (err) {
      await handle.close();
      throw err;
    }
    const body = Readable.toWeb(handle.createReadStream({ highWaterMark: 1024 * 1024 })) as ReadableStream<Uint8Array>;
    return { fileName: `toezicht-export-${row.case_ref.replace(/[^A-Za-z0-9-]/g, '_')}-${id.slice(0, 8)}.zip`, bytes, body };
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
