/**
 * Logboek benchmark: what the hash chain costs per append, and how fast verification runs.
 *
 *   npx tsx bench/logbook/logbook.bench.ts [--n 20000] [--verify-n 200000] [--dialects sqlite,postgres] [--no-record]
 *
 * (a) appends/s through Logbook.append (hash onto the known head, guarded insert), each entry in
 *     its own transaction, against plain inserts of the same precomputed rows into an identical
 *     table (same columns and indexes), also one transaction each; then both with 100 per transaction.
 * (b) verification: Logbook.verify() over --verify-n entries (streamed from the database), and
 *     the pure verifier alone over the same rows held in memory.
 * SQLite runs on a temporary file (WAL); PostgreSQL in a temporary database dropped at the end.
 * Results go to bench/RESULTS.md under "## Logboek" (only that section is rewritten).
 */
import { execSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ManualClock } from '../../src/platform/clock.js';
import type { Dialect } from '../../src/platform/db/database.js';
import { CheckpointKey } from '../../src/logbook/checkpoint-key.js';
import { ChainVerifier } from '../../src/logbook/logbook.js';
import { Logbook } from '../../src/logbook/logbook.service.js';
import type { LogbookEntryRow } from '../../src/logbook/logbook.table.js';
import { bulkAppend, createPlainTable, insertPlain, openBenchDatabase, sampleInput, type BenchDatabase } from './bench-support.js';
import { recordResults } from './results.js';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '20000' },
    'verify-n': { type: 'string', default: '200000' },
    dialects: { type: 'string', default: 'sqlite,postgres' },
    'no-record': { type: 'boolean', default: false },
  },
});
const n = Number(args.n);
const verifyN = Number(args['verify-n']);
const dialects = args.dialects.split(',') as Dialect[];
const block = 1000;
const batch = 100;

interface Figures {
  dialect: Dialect;
  chainPerSec: number;
  plainPerSec: number;
  chainBatchedPerSec: number;
  plainBatchedPerSec: number;
  verifyEntries: number;
  verifyPerSec: number;
  slowestVerifyPerSec: number;
  pureVerifyPerSec: number;
}

const rate = (count: number, ms: number) => (count * 1000) / ms;

async function benchDialect(dialect: Dialect): Promise<Figures> {
  const bench: BenchDatabase = await openBenchDatabase(dialect);
  try {
    const { db } = bench;
    const clock = new ManualClock('2026-01-05T09:00:00Z');
    const key = CheckpointKey.generate();
    const logbook = new Logbook(db, clock, key);
    await createPlainTable(bench);

    // (a) one transaction per entry; chain and plain interleaved in blocks so that both see the same machine state.
    let chainMs = 0;
    let plainMs = 0;
    for (let done = 0; done < n; done += block) {
      const count = Math.min(block, n - done);
      let t = performance.now();
      for (let i = 0; i < count; i++) {
        clock.advance(7);
        await logbook.append(db, sampleInput(done + i));
      }
      chainMs += performance.now() - t;
      const rows = await db.selectFrom('logbook_entries').selectAll().where('seq', '>', done).orderBy('seq').limit(count).execute();
      t = performance.now();
      for (const row of rows) await db.transaction().execute((trx) => insertPlain(trx, row));
      plainMs += performance.now() - t;
    }

    // Batched: `batch` entries per transaction.
    const batches = Math.max(1, Math.floor(n / batch / 2));
    let t = performance.now();
    for (let b = 0; b < batches; b++) {
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < batch; i++) {
          clock.advance(7);
          await logbook.append(trx, sampleInput(i));
        }
      });
    }
    const chainBatchedMs = performance.now() - t;
    const batchedRows = await db.selectFrom('logbook_entries').selectAll().where('seq', '>', n).orderBy('seq').execute();
    t = performance.now();
    for (let b = 0; b < batches; b++) {
      const slice = batchedRows.slice(b * batch, (b + 1) * batch);
      await db.transaction().execute(async (trx) => {
        for (const row of slice) await insertPlain(trx, row);
      });
    }
    const plainBatchedMs = performance.now() - t;

    // (b) verification over verifyN entries: extend the chain in bulk, sign the head, verify.
    const head = await db.selectFrom('logbook_entries').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    await bulkAppend(bench, head, verifyN - head.seq);
    await logbook.writeCheckpoint();
    let verifyMs = Infinity;
    let slowestVerifyMs = 0;
    let verifyEntries = 0;
    for (let run = 0; run < 3; run++) {
      t = performance.now();
      const result = await logbook.verify();
      verifyMs = Math.min(verifyMs, performance.now() - t);
      slowestVerifyMs = Math.max(slowestVerifyMs, performance.now() - t);
      if (!result.ok) throw new Error(`benchmark chain does not verify: #${result.seq} ${result.problem}`);
      verifyEntries = result.entries;
    }
    const all: LogbookEntryRow[] = [];
    for (let after = 0; ; ) {
      const rows = await db.selectFrom('logbook_entries').selectAll().where('seq', '>', after).orderBy('seq').limit(20_000).execute();
      if (rows.length === 0) break;
      for (const row of rows) all.push(row);
      after = rows[rows.length - 1]!.seq;
    }
    let pureMs = Infinity;
    for (let run = 0; run < 3; run++) {
      t = performance.now();
      const verifier = new ChainVerifier(await db.selectFrom('logbook_checkpoints').selectAll().execute(), key.publicKeys);
      for (const row of all) verifier.push(row);
      if (!verifier.finish().ok) throw new Error('pure verification failed');
      pureMs = Math.min(pureMs, performance.now() - t);
    }

    return {
      dialect,
      chainPerSec: rate(n, chainMs),
      plainPerSec: rate(n, plainMs),
      chainBatchedPerSec: rate(batches * batch, chainBatchedMs),
      plainBatchedPerSec: rate(batches * batch, plainBatchedMs),
      verifyEntries,
      verifyPerSec: rate(verifyEntries, verifyMs),
      slowestVerifyPerSec: rate(verifyEntries, slowestVerifyMs),
      pureVerifyPerSec: rate(all.length, pureMs),
    };
  } finally {
    await bench.drop();
  }
}

function table(figures: Figures[]): string {
  const f = (x: number) => Math.round(x).toLocaleString('en-US');
  const lines = [
    '| Database | Chain appends/s (1 per txn) | Plain inserts/s (1 per txn) | Chain cost (plain ÷ chain) | Chain appends/s (100 per txn) | Plain inserts/s (100 per txn) | Verify entries/s from DB, best (worst) of 3 | Verify entries/s in memory |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of figures) {
    lines.push(
      `| ${r.dialect === 'sqlite' ? 'SQLite (WAL, file)' : 'PostgreSQL'} | ${f(r.chainPerSec)} | ${f(r.plainPerSec)} | ${(r.plainPerSec / r.chainPerSec).toFixed(2)}× | ` +
        `${f(r.chainBatchedPerSec)} | ${f(r.plainBatchedPerSec)} | ${f(r.verifyPerSec)} (${f(r.slowestVerifyPerSec)}) over ${f(r.verifyEntries)} entries | ${f(r.pureVerifyPerSec)} |`,
    );
  }
  return lines.join('\n');
}

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  let pgVersion = 'n/a';
  try {
    pgVersion = execSync('psql --version', { encoding: 'utf8' }).trim();
  } catch {
    /* psql not installed */
  }
  return `${os.availableParallelism()} CPUs (nproc), ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}, ${pgVersion}`;
}

const figures: Figures[] = [];
for (const dialect of dialects) {
  process.stderr.write(`${dialect}: ${n} appends, ${verifyN} entries to verify…\n`);
  figures.push(await benchDialect(dialect));
}
const markdown = table(figures);
console.log(markdown);
if (!args['no-record']) {
  const command = `npx tsx bench/logbook/logbook.bench.ts --n ${n} --verify-n ${verifyN} --dialects ${dialects.join(',')}`;
  recordResults(path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'RESULTS.md'), { command, machine: machine(), load: os.loadavg().map((l) => l.toFixed(2)).join(' / '), markdown, figures });
  console.log('\nRecorded in bench/RESULTS.md (## Logboek).');
}
