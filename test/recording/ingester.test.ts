import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/platform/clock.js';
import { createLogger } from '../../src/platform/logger.js';
import { Ingester } from '../../src/recording/ingester.js';
import { Sealer } from '../../src/recording/sealer.js';
import { decryptSegment } from '../../src/recording/footage-crypto.js';
import { defaultMotionThreshold } from '../../src/recording/motion.js';
import { SpoolRun } from '../../src/recording/spool.js';
import { dialects } from '../support/databases.js';
import { makeSpoolRun } from './media.js';
import { createRecordingFixture, type RecordingFixture } from './support.js';

/** The ingester (in-process box walk, no child process) on spool runs made by ffmpeg's segment muxer. */
describe.each(dialects)('ingester on %s', (dialect) => {
  let f: RecordingFixture;
  let ingester: Ingester;
  let spool: string;
  let runs = 0;
  beforeAll(async () => {
    f = await createRecordingFixture(dialect, { clock: systemClock });
    spool = path.join(f.dataDir, 'spool');
    ingester = new Ingester({
      db: f.database.db, segments: f.recording.segments, cameras: f.recording.cameras, store: f.recording.store, keys: f.recording.keys,
      logbook: f.logbook, clock: systemClock, logger: createLogger('silent'),
      quarantineDir: path.join(f.dataDir, 'quarantine'),
    });
  });
  afterAll(() => f.close());

  async function run(camera: string, o: Parameters<typeof makeSpoolRun>[1]) {
    await f.camera(camera, 28);
    const r = SpoolRun.create(spool, camera, `run-${++runs}`);
    makeSpoolRun(r.dir, o);
    return r;
  }

  it('indexes a finished run: contiguous UTC times, codec and size from the box walk, encrypted copies that open to the same bytes', async () => {
    const r = await run('cam-ingest', { seconds: 8, segmentSeconds: 2, motionSecondsPerMinute: 60 });
    const spooled = await r.poll(true);
    expect(spooled).toHaveLength(4);
    const originals = spooled.map((s) => fs.readFileSync(s.path));
    const outcomes = [];
    for (const s of spooled) outcomes.push(await ingester.ingest(s, 28));
    expect(outcomes.map((o) => o.kind)).toEqual(['indexed', 'indexed', 'indexed', 'indexed']);
    const segments = await f.recording.segments.between('cam-ingest', new Date(0), new Date(Date.now() + 60_000));
    expect(segments).toHaveLength(4);
    for (let i = 1; i < segments.length; i++) expect(segments[i]!.start.getTime()).toBe(segments[i - 1]!.end.getTime());
    expect(segments.map((s) => s.durationMs)).toEqual([2000, 2000, 2000, 2000]);
    expect(segments[0]!.start.getTime()).toBe(r.anchorMs);
    for (const [i, s] of segments.entries()) {
      expect((await f.recording.footage.read(s)).equals(originals[i]!)).toBe(true);
      expect((await f.recording.store.get(s.storageKey)).includes(originals[i]!.subarray(0, 64))).toBe(false);
      // A person walks through all the time: every segment (a keyframe and 19 predicted frames) scores motion.
      expect(s.motion).toBeGreaterThan(defaultMotionThreshold);
    }
    const row = await f.database.db.selectFrom('recording_segments').selectAll().where('id', '=', segments[0]!.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ codec: 'h264', width: 160, height: 120, day: new Date(r.anchorMs!).toISOString().slice(0, 10) });
    expect(fs.readdirSync(r.dir).filter((x) => x.endsWith('.mp4'))).toEqual([]);
    expect(await r.removeIfDone()).toBe(true);
    expect(await f.recording.cameras.get('cam-ingest')).toMatchObject({ segmentCount: 4 });
  });

  it('with the sealing worker (as the recorder runs it): the same encrypted objects, and a failed write leaves nothing', async () => {
    const sealer = new Sealer();
    const sealed = new Ingester({
      db: f.database.db, segments: f.recording.segments, cameras: f.recording.cameras, store: f.recording.store, keys: f.recording.keys,
      logbook: f.logbook, clock: systemClock, logger: createLogger('silent'), quarantineDir: path.join(f.dataDir, 'quarantine'), sealer,
    });
    try {
      const r = await run('cam-sealer', { seconds: 6, segmentSeconds: 2, motionSecondsPerMinute: 60 });
      const spooled = await r.poll(true);
      expect(spooled).toHaveLength(3);
      const originals = spooled.map((s) => fs.readFileSync(s.path));
      for (const s of spooled.slice(0, 2)) expect((await sealed.ingest(s, 28)).kind).toBe('indexed');
      // The camera's directory in the store removed by hand: that attempt fails (the queue retries), the next makes it again.
      fs.rmSync(path.join(f.dataDir, 'footage', 'cam-sealer'), { recursive: true, force: true });
      await expect(sealed.ingest(spooled[2]!, 28)).rejects.toThrow(/ENOENT/);
      expect((await sealed.ingest(spooled[2]!, 28)).kind).toBe('indexed');
      const segments = (await f.recording.segments.between('cam-sealer', new Date(0), new Date(Date.now() + 60_000))).slice(2);
      expect(segments).toHaveLength(1);
      originals.splice(0, 2);
      for (const [i, s] of segments.entries()) {
        expect((await f.recording.footage.read(s)).equals(originals[i]!)).toBe(true);
        expect(s.storedBytes).toBe(originals[i]!.length + 34);
      }
      // A write that fails in the worker (here: the temporary name is taken) rejects; nothing is stored or indexed.
      const plain = crypto.randomBytes(400_000); // several of the worker's chunks
      const source = path.join(f.dataDir, 'plain.mp4');
      fs.writeFileSync(source, plain);
      const temp = path.join(f.dataDir, 'taken.tmp');
      fs.writeFileSync(temp, 'x');
      const job = { source, length: plain.length, dataKey: Buffer.alloc(32), storageKey: 'cam/2026-01-01/x.seg' };
      await expect(sealer.seal({ ...job, temp })).rejects.toThrow(/sealing failed/);
      expect(fs.readFileSync(temp, 'utf8')).toBe('x');
      // A spool file shorter than inspected fails too, and leaves no temporary file behind.
      const fresh = path.join(f.dataDir, 'fresh.tmp');
      await expect(sealer.seal({ ...job, length: job.length + 1, temp: fresh })).rejects.toThrow(/shorter than when it was inspected/);
      expect(fs.existsSync(fresh)).toBe(false);
      // The worker streams the file in chunks: what it seals opens to exactly the first `length` bytes.
      const part = path.join(f.dataDir, 'part.tmp');
      const storedBytes = await sealer.seal({ ...job, length: 300_001, temp: part });
      const blob = fs.readFileSync(part);
      expect(blob.length).toBe(storedBytes);
      expect(decryptSegment(Buffer.alloc(32), blob, job.storageKey).equals(plain.subarray(0, 300_001))).toBe(true);
    } finally {
      await sealer.close();
    }
  });

  it('a still scene scores no motion; a person walking through does', async () => {
    // The second segment: the first holds the encoder's start (see motion-calibration.test.ts).
    const still = await run('cam-still', { seconds: 12, segmentSeconds: 6, motionSecondsPerMinute: 0 });
    const stillSegments = await still.poll(true);
    expect(stillSegments).toHaveLength(2);
    const outcomes = [];
    for (const s of stillSegments) outcomes.push(await ingester.ingest(s, 28));
    expect(outcomes[1]!.kind === 'indexed' && outcomes[1]!.segment.motion).toBeLessThan(defaultMotionThreshold);
    const moving = await run('cam-moving', { seconds: 6, segmentSeconds: 6, motionSecondsPerMinute: 60 });
    const [m] = await moving.poll(true);
    const scored = await ingester.ingest(m!, 28);
    expect(scored.kind === 'indexed' && scored.segment.motion).toBeGreaterThan(defaultMotionThreshold);
  });

  it('a corrupt segment is quarantined and logged, not indexed', async () => {
    const r = await run('cam-corrupt', { seconds: 4, segmentSeconds: 2, motionSecondsPerMinute: 60 });
    const spooled = await r.poll(true);
    fs.writeFileSync(spooled[0]!.path, Buffer.from('this is not a video'));
    expect(await ingester.ingest(spooled[0]!, 28)).toMatchObject({ kind: 'quarantined' });
    expect(await ingester.ingest(spooled[1]!, 28)).toMatchObject({ kind: 'indexed' });
    expect(await f.recording.segments.between('cam-corrupt', new Date(0), new Date(Date.now() + 60_000))).toHaveLength(1);
    expect(fs.readdirSync(path.join(f.dataDir, 'quarantine', 'cam-corrupt'))).toEqual([`${r.runId}-000000.mp4`]);
    const logged = (await f.entries('recording.segment_quarantined')).filter((e) => e.subject.cameraId === 'cam-corrupt');
    expect(logged).toHaveLength(1);
    expect(logged[0]!.subject.reason).toMatch(/garbled box|not an MP4/);
  });

  it('a crash between storing the object and indexing it: the re-ingest writes the same object and one row, no orphan', async () => {
    const r = await run('cam-crash', { seconds: 2, segmentSeconds: 2, motionSecondsPerMinute: 60 });
    const [s] = await r.poll(true);
    const commit = ingester.index.commit.bind(ingester.index);
    ingester.index.commit = async () => {
      throw new Error('power cut');
    };
    await expect(ingester.ingest(s!, 28)).rejects.toThrow('power cut');
    ingester.index.commit = commit;
    const stored: string[] = [];
    for await (const key of f.recording.store.list('cam-crash/')) stored.push(key);
    expect(stored).toHaveLength(1); // written, not yet indexed
    expect(fs.existsSync(s!.path)).toBe(true); // so the spool file is still there

    const outcome = await ingester.ingest(s!, 28);
    expect(outcome.kind).toBe('indexed');
    const after: string[] = [];
    for await (const key of f.recording.store.list('cam-crash/')) after.push(key);
    expect(after).toEqual(stored);
    expect(outcome.kind === 'indexed' && outcome.segment.storageKey).toBe(stored[0]);
  });

  it('a day key destroyed by the sweep while the segment was being sealed: nothing indexed, the object removed', async () => {
    const r = await run('cam-race', { seconds: 2, segmentSeconds: 2, motionSecondsPerMinute: 60 });
    const [s] = await r.poll(true);
    const keys = f.recording.keys;
    const forWriting = keys.forWriting.bind(keys);
    keys.forWriting = async (cameraId, day) => {
      const key = await forWriting(cameraId, day);
      await keys.destroy(cameraId, day); // the sweep, between reading the key and the index commit
      return key;
    };
    try {
      expect(await ingester.ingest(s!, 28)).toEqual({ kind: 'expired' });
    } finally {
      keys.forWriting = forWriting;
    }
    expect(await f.recording.segments.between('cam-race', new Date(0), new Date(Date.now() + 60_000))).toEqual([]);
    const stored: string[] = [];
    for await (const key of f.recording.store.list('cam-race/')) stored.push(key);
    expect(stored).toEqual([]);
    expect(fs.existsSync(s!.path)).toBe(false);
    expect(await f.recording.cameras.get('cam-race')).toMatchObject({ segmentCount: 0 });
  });

  it('a crash after indexing but before the spool file went: the re-ingest only removes the file', async () => {
    const r = await run('cam-dup', { seconds: 2, segmentSeconds: 2, motionSecondsPerMinute: 60 });
    const [s] = await r.poll(true);
    const copy = `${s!.path}.keep`;
    fs.copyFileSync(s!.path, copy);
    expect((await ingester.ingest(s!, 28)).kind).toBe('indexed');
    fs.copyFileSync(copy, s!.path);
    // After a crash the run is a leftover (not started by this process): the row is found first.
    const leftover = { ...s!, freshRun: undefined };
    expect((await ingester.ingest(leftover, 28)).kind).toBe('duplicate');
    expect(fs.existsSync(s!.path)).toBe(false);
    // Within the process that started the run (a retry after the commit), the row is found by the
    // insert instead: the object is written again with the same plaintext, and nothing else changes.
    fs.renameSync(copy, s!.path);
    expect((await ingester.ingest(s!, 28)).kind).toBe('duplicate');
    expect(fs.existsSync(s!.path)).toBe(false);
    const rows = await f.recording.segments.between('cam-dup', new Date(0), new Date(Date.now() + 60_000));
    expect(rows).toHaveLength(1);
    expect(await f.recording.cameras.get('cam-dup')).toMatchObject({ segmentCount: 1 });
    expect((await f.recording.footage.read(rows[0]!)).length).toBe(rows[0]!.bytes);
  });

  it('a segment cut short by a kill is indexed with the length of its complete fragments; one with no complete fragment is quarantined', async () => {
    const r = await run('cam-cut', { seconds: 6, segmentSeconds: 6, motionSecondsPerMinute: 60, width: 320, height: 240 });
    const [whole] = await r.poll(true);
    const bytes = fs.readFileSync(whole!.path);
    // Pretend ffmpeg died mid-segment: the list never named the file, and it ends in the middle of a fragment.
    fs.rmSync(path.join(r.dir, 'segments.csv'));
    fs.writeFileSync(whole!.path, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const fresh = new SpoolRun('cam-cut', r.runId, r.dir);
    expect(await fresh.poll(true)).toEqual([]);
    const [unfinished] = await fresh.unfinished();
    expect(unfinished).toMatchObject({ file: '000000.mp4', listedDurationMs: null, rawStartMs: r.anchorMs });
    const outcome = await ingester.ingest(unfinished!, 28);
    expect(outcome.kind).toBe('indexed');
    if (outcome.kind === 'indexed') {
      expect(outcome.segment.durationMs).toBeGreaterThan(0);
      expect(outcome.segment.durationMs).toBeLessThan(6000);
      expect((await f.recording.footage.read(outcome.segment)).length).toBe(Math.floor(bytes.length * 0.6));
    }
    const r2 = await run('cam-cut2', { seconds: 2, segmentSeconds: 2, motionSecondsPerMinute: 60 });
    const [s2] = await r2.poll(true);
    fs.writeFileSync(s2!.path, fs.readFileSync(s2!.path).subarray(0, 200)); // header only
    expect(await ingester.ingest({ ...s2!, listedDurationMs: null }, 28)).toMatchObject({ kind: 'quarantined' });
  });

  it('a wall clock that jumped back between two runs does not make the index overlap', async () => {
    const now = Date.now();
    const first = await run('cam-jump', { seconds: 4, segmentSeconds: 2, motionSecondsPerMinute: 60, anchorMs: now - 10_000 });
    const second = await run('cam-jump', { seconds: 4, segmentSeconds: 2, motionSecondsPerMinute: 60, anchorMs: now - 30_000 });
    for (const s of [...(await first.poll(true)), ...(await second.poll(true))]) expect((await ingester.ingest(s, 28)).kind).toBe('indexed');
    const segments = await f.recording.segments.between('cam-jump', new Date(0), new Date(now + 60_000));
    expect(segments.map((s) => s.start.getTime() - (now - 10_000))).toEqual([0, 2000, 4000, 6000]);
    for (let i = 1; i < segments.length; i++) expect(segments[i]!.start.getTime()).toBe(segments[i - 1]!.end.getTime());
  });

  it('footage already past retention on arrival is not kept', async () => {
    const r = await run('cam-late', { seconds: 2, segmentSeconds: 2, motionSecondsPerMinute: 0, anchorMs: Date.now() - 3 * 86_400_000 });
    const [s] = await r.poll(true);
    expect(await ingester.ingest(s!, 1)).toEqual({ kind: 'expired' });
    expect(fs.existsSync(s!.path)).toBe(false);
  });
});
