import fs from 'node:fs';
import path from 'node:path';
import { segmentListFile } from './ffmpeg-args.js';
import { assertSafeId, isSegmentFile, parseSegmentList, refineAnchor, type SegmentListEntry } from './segment.js';

/** Segments that close within this much stream time of a run's start refine its time anchor. */
const anchorWindowSeconds = 30;

/**
 * The spool: where ffmpeg writes, before the ingester encrypts and stores. Layout:
 *   <spool>/<camera id>/<run id>/000000.mp4 …, segments.csv, run.json (pid, start, time anchor)
 * A run directory belongs to one ffmpeg process. A segment file leaves the spool only after its
 * index row has committed, so whatever a crash leaves behind here is simply ingested again.
 *
 * The run's time anchor (where its stream time 0 lies in UTC) comes from the files themselves:
 * ffmpeg closes segment k when the packet at its end time arrives, so the file's modification time
 * minus that end time is the anchor plus a small lag; the least of the first segments' values is
 * kept. The heartbeat (is ffmpeg still writing?) is the growth of the run's current file. No output
 * of ffmpeg is parsed while it runs.
 */
export interface SpooledSegment {
  cameraId: string;
  runId: string;
  file: string;
  path: string;
  rawStartMs: number;
  /** From the segment list; null for a file ffmpeg never finished (the probe decides its length). */
  listedDurationMs: number | null;
  /**
   * The run was started by this process (SpoolRun.create), so no predecessor can have indexed its
   * files: the ingester skips the "indexed already?" query. Absent for leftover runs.
   */
  freshRun?: boolean;
}

export interface RunMeta {
  pid: number | null;
  startedAt: string;
  /** Wall-clock instant (ms) of the run's stream time 0 (segment.ts refineAnchor); null until known. */
  anchorMs: number | null;
}

export class SpoolRun {
  private offset = 0;
  private anchor: number | null = null;
  private meta: RunMeta | null = null;
  private lastListedEnd: number | null = null;
  private readonly listed = new Set<string>();
  private readonly waiting: SegmentListEntry[] = [];
  private pending = '';
  /** Entries read from the list so far: ffmpeg is writing file number `read` now. */
  private read = 0;
  private lastLook = { read: -1, size: -1 };

  constructor(
    readonly cameraId: string,
    readonly runId: string,
    readonly dir: string,
    /** Made by this process (create), not found in the spool. */
    readonly fresh = false,
  ) {}

  /** A new run directory (its id must be new: made with segment.ts runId). */
  static create(spoolDir: string, cameraId: string, runId: string): SpoolRun {
    const dir = path.join(spoolDir, assertSafeId(cameraId), assertSafeId(runId, 'run id'));
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return new SpoolRun(cameraId, runId, dir, true);
  }

  writeMeta(meta: RunMeta): void {
    this.meta = meta;
    this.anchor = meta.anchorMs;
    const file = path.join(this.dir, 'run.json');
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(meta), { mode: 0o600 });
    fs.renameSync(`${file}.tmp`, file);
  }

  readMeta(): RunMeta | null {
    if (this.meta) return this.meta;
    try {
      this.meta = JSON.parse(fs.readFileSync(path.join(this.dir, 'run.json'), 'utf8')) as RunMeta;
      this.anchor = this.meta.anchorMs ?? null;
    } catch {
      this.meta = null;
    }
    return this.meta;
  }

  /** Records a better estimate of the run's time anchor (kept in run.json for crash recovery). */
  setAnchor(anchorMs: number): void {
    if (this.anchor === anchorMs) return;
    this.writeMeta({ pid: this.meta?.pid ?? null, startedAt: this.meta?.startedAt ?? new Date(anchorMs).toISOString(), anchorMs });
  }

  get anchorMs(): number | null {
    return this.anchor;
  }

  /**
   * For a run that has ended without an anchor (a crash before the first progress report was
   * kept): the first segment file's creation time, else the run's recorded start.
   */
  private settleAnchor(): void {
    if (this.anchor !== null) return;
    this.readMeta();
    if (this.anchor !== null) return;
    const first = fs.readdirSync(this.dir).filter(isSegmentFile).sort()[0];
    const born = first ? fs.statSync(path.join(this.dir, first)).birthtimeMs : 0;
    this.anchor = born > 0 ? Math.round(born) : this.meta ? Date.parse(this.meta.startedAt) : Date.now();
  }

  /**
   * Segments ffmpeg has finished since the last call (those still in the spool). While the run's
   * time anchor is unknown they wait; `ended` settles the anchor (the run is over).
   */
  async poll(ended = false): Promise<SpooledSegment[]> {
    if (!this.meta) this.readMeta(); // a run read again after a restart: its recorded anchor first
    const fresh = await this.readList();
    this.read += fresh.length;
    const present: SegmentListEntry[] = [];
    for (const entry of fresh) {
      let closedAt: number;
      try {
        closedAt = fs.statSync(path.join(this.dir, entry.file)).mtimeMs;
      } catch {
        continue; // already ingested (a leftover run read again)
      }
      if (entry.end <= anchorWindowSeconds && closedAt > 0) {
        const anchor = refineAnchor(this.anchor, closedAt, Math.round(entry.end * 1_000_000));
        if (anchor !== this.anchor) this.setAnchor(anchor);
      }
      present.push(entry);
    }
    if (ended) this.settleAnchor();
    const entries = [...this.waiting.splice(0), ...present];
    if (this.anchor === null) {
      this.waiting.push(...entries);
      return [];
    }
    return entries.map((entry) => this.place(entry)).filter((s) => fs.existsSync(s.path));
  }

  /**
   * The heartbeat: whether ffmpeg wrote anything since the last look — a segment listed, or the file
   * it is writing now grew. One stat of one file.
   */
  wroteSinceLastLook(): boolean {
    let size = 0;
    try {
      size = fs.statSync(path.join(this.dir, `${String(this.read).padStart(6, '0')}.mp4`)).size;
    } catch {
      // not started yet (or just switched to the next file)
    }
    const wrote = this.read !== this.lastLook.read ? this.read > 0 || size > 0 : size > this.lastLook.size;
    this.lastLook = { read: this.read, size };
    return wrote;
  }

  /**
   * The list's new complete lines. Synchronous on purpose: a stat of a small file, and a read only
   * when it grew — each camera looks every second, and the promise API's file handles cost more CPU
   * than the system calls themselves.
   */
  private async readList(): Promise<SegmentListEntry[]> {
    const file = path.join(this.dir, segmentListFile);
    let chunk: string;
    let fd: number;
    try {
      const size = fs.statSync(file).size;
      if (size <= this.offset) return [];
      fd = fs.openSync(file, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    try {
      const size = fs.fstatSync(fd).size;
      const buffer = Buffer.alloc(size - this.offset);
      const read = fs.readSync(fd, buffer, 0, buffer.length, this.offset);
      this.offset += read;
      chunk = buffer.toString('utf8', 0, read);
    } finally {
      fs.closeSync(fd);
    }
    const text = this.pending + chunk;
    const { entries, consumed } = parseSegmentList(text);
    this.pending = text.slice(consumed);
    return entries;
  }

  private place(entry: SegmentListEntry): SpooledSegment {
    const anchor = this.anchor!;
    this.listed.add(entry.file);
    this.lastListedEnd = entry.end;
    return {
      cameraId: this.cameraId, runId: this.runId, file: entry.file, path: path.join(this.dir, entry.file),
      rawStartMs: anchor + Math.round(entry.start * 1000), listedDurationMs: Math.round((entry.end - entry.start) * 1000),
      ...(this.fresh ? { freshRun: true } : {}),
    };
  }

  /**
   * After the run has ended (ffmpeg exited or was killed): the files it never finished, starting
   * where the last listed one ended (the ingester then places each after the one before). Call
   * poll(true) first.
   */
  async unfinished(): Promise<SpooledSegment[]> {
    this.settleAnchor();
    const files = (await fs.promises.readdir(this.dir).catch(() => [] as string[])).filter((f) => isSegmentFile(f) && !this.listed.has(f)).sort();
    const rawStartMs = this.anchor! + Math.round((this.lastListedEnd ?? 0) * 1000);
    return files.map((file) => ({
      cameraId: this.cameraId, runId: this.runId, file, path: path.join(this.dir, file), rawStartMs, listedDurationMs: null, ...(this.fresh ? { freshRun: true } : {}),
    }));
  }

  /** Removes the run directory once no segment file is left in it. */
  async removeIfDone(): Promise<boolean> {
    const left = (await fs.promises.readdir(this.dir).catch(() => [] as string[])).filter(isSegmentFile);
    if (left.length) return false;
    await fs.promises.rm(this.dir, { recursive: true, force: true });
    return true;
  }
}

/** The run directories left in the spool (after a crash or a stop), per camera, oldest first. */
export function leftoverRuns(spoolDir: string): SpoolRun[] {
  const runs: SpoolRun[] = [];
  for (const cameraId of safeReaddir(spoolDir)) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(cameraId)) continue;
    for (const runId of safeReaddir(path.join(spoolDir, cameraId)).sort()) {
      if (/^[A-Za-z0-9_-]{1,64}$/.test(runId)) runs.push(new SpoolRun(cameraId, runId, path.join(spoolDir, cameraId, runId)));
    }
  }
  return runs;
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return [];
  }
}
