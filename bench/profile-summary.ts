/** The parts of a V8 .cpuprofile (as `node --cpu-prof` writes it) that the summary reads. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** The service the profile belongs to, told by the source files it ran. */
  service: string | undefined;
  totalMs: number;
  packages: [string, number][];
  functions: { name: string; where: string; ms: number }[];
}

/** Self time per function and per package (node_modules package, project folder, or node internals). */
export function summarise(profile: CpuProfile, root: string, top: number): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) =>
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000),
  );

  const functions = new Map<string, { name: string; where: string; ms: number }>();
  const packages = new Map<string, number>();
  const services = new Map<string, number>();
  let totalMs = 0;
  for (const [id, ms] of selfMs) {
    const frame = byId.get(id)!.callFrame;
    const url = frame.url.replace(/^file:\/\//, '').replace(`${root}/`, '');
    const where = url ? `${url}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName}@${where}`;
    const entry = functions.get(key) ?? { name: frame.functionName || '(anonymous)', where, ms: 0 };
    entry.ms += ms;
    functions.set(key, entry);
    const pkg = packageOf(url, frame.functionName);
    packages.set(pkg, (packages.get(pkg) ?? 0) + ms);
    const service = /^services\/([^/]+)\//.exec(url)?.[1];
    if (service) services.set(service, (services.get(service) ?? 0) + ms);
    totalMs += ms;
  }
  const sorted = <T>(entries: Iterable<T>, ms: (t: T) => number) =>
    [...entries].sort((a, b) => ms(b) - ms(a));
  return {
    service: sorted(services, ([, ms]) => ms)[0]?.[0],
    totalMs,
    packages: sorted(packages, ([, ms]) => ms).slice(0, 15),
    functions: sorted(functions.values(), (f) => f.ms).slice(0, top),
  };
}

function packageOf(url: string, functionName: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [scope = '', name = ''] = url.slice(modules + 'node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  if (url.startsWith('node:')) return 'node internals';
  if (url === '') return functionName.startsWith('(') ? functionName : 'native';
  const project = /^(services\/[^/]+|packages\/[^/]+|launcher|bench)\//.exec(url);
  return project?.[1] ?? url;
}
