import fs from 'node:fs';

interface Recorded {
  command: string;
  machine: string;
  load: string;
  markdown: string;
  figures: { dialect: string; chainPerSec: number; plainPerSec: number; verifyPerSec: number; slowestVerifyPerSec: number; pureVerifyPerSec: number }[];
}

const heading = '## Logboek';

/** Rewrites only the "## Logboek" section of bench/RESULTS.md (creating the file when needed). */
export function recordResults(file: string, r: Recorded): void {
  const verdicts = r.figures.flatMap((f) => {
    const cost = f.plainPerSec / f.chainPerSec;
    return [
      `- ${f.dialect}: chain cost ${cost.toFixed(2)}× plain — target ≤ 1.3×: **${cost <= 1.3 ? 'met' : 'missed'}**.`,
      `- ${f.dialect}: verification ${Math.round(f.verifyPerSec).toLocaleString('en-US')} entries/s from the database (slowest run ` +
        `${Math.round(f.slowestVerifyPerSec).toLocaleString('en-US')}/s) — target ≥ 200,000/s: ` +
        `**${f.slowestVerifyPerSec >= 200_000 ? 'met' : f.verifyPerSec >= 200_000 ? 'met in the best run only' : 'missed'}** ` +
        `(the pure verifier alone: ${Math.round(f.pureVerifyPerSec).toLocaleString('en-US')}/s).`,
    ];
  });
  const section = [
    heading,
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on: ${r.machine}.`,
    '',
    'Command:',
    '',
    '```',
    r.command,
    '```',
    '',
    r.markdown,
    '',
    ...verdicts,
    '',
    'What is measured: "chain" is `Logbook.append` with a transaction of its own: the entry is hashed onto the head this',
    'process last committed and written with one `insert … on conflict (seq) do nothing` (the lock and a head read only',
    'follow a lost race); "plain" inserts the same precomputed rows, built the same way (an sql template), into an identical',
    'table (same columns, primary key and indexes), also one transaction each. Chain and plain run interleaved in blocks of',
    '1,000. "100 per txn" appends inside one caller transaction: there every append after the first checks its predecessor',
    'in the insert itself (the guess may belong to a transaction that can still roll back), which costs an index probe.',
    '"Verify" is `Logbook.verify()`: checkpoints read first, entries streamed in batches of 5,000 (the next batch fetched',
    'while the current one is hashed), every hash recomputed and every checkpoint signature checked; three runs.',
    '"In memory" is the pure verifier over the same rows already loaded, i.e. the hashing alone.',
    '',
    `Load average (1/5/15 min, the benchmark itself included) at the end: ${r.load}. The machine is shared, so figures vary by ±25% between runs; verification`,
    'from the database is bounded by reading the rows (driver and row objects, about as costly as hashing them), all on',
    'one thread.',
    ''  ].join('\n');
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmark results\n\nEach section is written by its benchmark program.\n';
  const start = existing.indexOf(`\n${heading}\n`);
  let next: string;
  if (start < 0) next = `${existing.trimEnd()}\n\n${section}`;
  else {
    const after = existing.indexOf('\n## ', start + heading.length + 1);
    next = `${existing.slice(0, start + 1)}${section}${after < 0 ? '' : `\n${existing.slice(after + 1)}`}`;
  }
  fs.writeFileSync(file, `${next.trimEnd()}\n`);
}
