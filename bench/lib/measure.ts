/** What the benchmarks measure besides their own requests: a process's CPU from /proc, pgbench on the same machine. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** CPU time (user + system) a process has used so far, from /proc (Linux); 0 when it has gone. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

/** pgbench -N (the simple-update TPC-B) on a scratch database of its own: the database's own rate on this machine. */
export function pgbenchTps(url: string, seconds = 15, clients = 1): number {
  const bin = ['pgbench', '/usr/lib/postgresql/15/bin/pgbench'].find((b) => {
    try {
      execFileSync(b, ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  if (!bin) throw new Error('pgbench not found');
  execFileSync(bin, ['-i', '-q', url], { stdio: ['ignore', 'ignore', 'ignore'] });
  const out = execFileSync(bin, ['-N', '-T', String(seconds), '-c', String(clients), '-j', String(Math.min(clients, 2)), url], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const m = /tps = ([\d.]+)/.exec(out);
  if (!m) throw new Error(`could not read pgbench output:\n${out}`);
  return Number(m[1]);
}
