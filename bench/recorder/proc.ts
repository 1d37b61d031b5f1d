import fs from 'node:fs';

/** CPU seconds of this process (self) and of its waited-for children, from /proc/self/stat (Linux). */
export function cpuSeconds(pid: number | 'self' = 'self'): { self: number; children: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields after the command: state(3) ppid(4) … utime(14) stime(15) cutime(16) cstime(17), numbered from 1.
  const tick = 100; // USER_HZ on Linux
  const at = (n: number) => Number(fields[n - 3]);
  return { self: (at(14) + at(15)) / tick, children: (at(16) + at(17)) / tick };
}

/** Every live descendant of a process (walks /proc once). */
export function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const [child, ppid] of parent) if (ppid === pid) (out.push(child), walk(child));
  };
  walk(root);
  return out;
}

/** Resident memory (MB) of a process and, optionally, its descendants. */
export function rssMb(pids: number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      kb += m ? Number(m[1]) : 0;
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

/** CPU seconds (utime+stime) of the given live processes. */
export function liveCpuSeconds(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      total += cpuSeconds(pid).self;
    } catch {
      // gone
    }
  }
  return total;
}
