// CPU time a process has used so far, read from /proc (Linux). Lets a benchmark tell the server's
// own work from the time a client kept it waiting: on a shared machine the server's speed drifts
// from run to run, and a wall-clock ratio alone cannot say which side moved.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

/** Milliseconds of CPU (user and system) that process `pid` has used; null where there is no /proc. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count the fields after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticksPerSecond ??= Number(execSync('getconf CLK_TCK').toString().trim()) || 100;
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return Number.isFinite(utime) && Number.isFinite(stime) ? ((utime + stime) * 1000) / ticksPerSecond : null;
  } catch {
    return null;
  }
}
