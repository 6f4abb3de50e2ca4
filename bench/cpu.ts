import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of the processes this benchmark started, grouped by what they are (a service, the
 * embedded PostgreSQL with its backends, a baseline server). CPU per request stays meaningful
 * on a machine shared with other work, where req/s swings with the neighbours' load.
 */
export class CpuMeter {
  private readonly tick = 100; // USER_HZ: /proc reports CPU time in 1/100 s on Linux

  /** CPU milliseconds so far per group; empty where /proc is unavailable. */
  read(): Map<string, number> {
    const groups = new Map<string, number>();
    let processes: { pid: number; ppid: number; ms: number; command: string }[];
    try {
      processes = readdirSync('/proc')
        .filter((entry) => /^\d+$/.test(entry))
        .flatMap((entry) => {
          const info = this.stat(Number(entry));
          return info ? [info] : [];
        });
    } catch {
      return groups;
    }
    const children = new Map<number, typeof processes>();
    for (const p of processes) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
    const treeMs = (pid: number): number =>
      (children.get(pid) ?? []).reduce((sum, child) => sum + child.ms + treeMs(child.pid), 0);

    groups.set('bench', (process.cpuUsage().user + process.cpuUsage().system) / 1000);
    for (const child of children.get(process.pid) ?? []) {
      const group = groupOf(child.command);
      if (group) groups.set(group, (groups.get(group) ?? 0) + child.ms + treeMs(child.pid));
    }
    return groups;
  }

  private stat(pid: number) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name is in parentheses and may contain spaces: fields start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      return {
        pid,
        ppid: Number(fields[1]),
        ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / this.tick,
        command,
      };
    } catch {
      return undefined; // it exited meanwhile
    }
  }
}

function groupOf(command: string): string | undefined {
  const service = /services\/([^/]+)\/src\/main\.ts( baseline)?/.exec(command);
  if (service) return service[2] ? `baseline ${service[1]}` : service[1];
  const baseline = /baselines\/servers\.ts (\S+)/.exec(command)?.[1];
  if (baseline) return `baseline ${baseline}`;
  if (/\bpostgres\b/.test(command)) return 'postgres';
  return undefined;
}

/** CPU microseconds per request per group between two readings (groups that did some work). */
export function cpuPerRequest(
  before: Map<string, number>,
  after: Map<string, number>,
  requests: number,
): Record<string, number> {
  const perRequest: Record<string, number> = {};
  for (const [group, ms] of after) {
    const used = ms - (before.get(group) ?? 0);
    if (requests > 0 && used >= 20) perRequest[group] = Math.round((used * 1000) / requests);
  }
  return perRequest;
}
