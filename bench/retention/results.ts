import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

/** The machine in one line (as the logboek bench writes it). */
export function machine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  let pg = '';
  try {
    pg = `, ${execSync('psql --version', { encoding: 'utf8' }).trim()}`;
  } catch {
    pg = '';
  }
  return `${os.cpus().length} CPUs (nproc), ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, Linux ${os.release()}${pg}`;
}

/** Rewrites only the given "## …" section of bench/RESULTS.md (creating it when needed), leaving the others as they are. */
export function recordSection(file: string, heading: string, body: string): void {
  const section = `${heading}\n\n${body.trimEnd()}\n`;
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
