/**
 * deploy/Dockerfile and .dockerignore, read statically (no Docker engine here): a pinned
 * Node 24 base, a production-only dependency install, a non-root user, no health check
 * (Kubernetes probes do that), labels, and a build context that carries what the services
 * read at run time and nothing they must not ship.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Workload } from './manifest-types.js';
import { DEPLOY, ROOT, Rendered, withoutKubectl } from './rendered.js';

interface Stage {
  name: string;
  from: string;
  lines: { keyword: string; args: string }[];
}

const dockerfile = readFileSync(join(DEPLOY, 'Dockerfile'), 'utf8');
const { globalArgs, stages } = parseDockerfile(dockerfile);
const final = stages.at(-1)!;
const run = (stage: Stage) => stage.lines.filter((l) => l.keyword === 'RUN').map((l) => l.args);

test('the base image is Node 24 LTS, pinned to a release', () => {
  assert.match(
    globalArgs.get('NODE_IMAGE') ?? '',
    /^node:24\.\d+\.\d+-(bookworm-slim|alpine[\d.]*)(@sha256:[0-9a-f]{64})?$/,
  );
  const names = new Set<string>();
  for (const stage of stages) {
    assert.ok(stage.from === '${NODE_IMAGE}' || names.has(stage.from), `${stage.name} FROM ${stage.from}`);
    names.add(stage.name);
  }
});

test('dependencies come from the lockfile, and the final stage holds production ones only', () => {
  for (const stage of stages) {
    for (const command of run(stage))
      assert.doesNotMatch(command, /npm (install|i) /, `${stage.name}: npm ci, not install`);
  }
  const copiedFrom = final.lines
    .filter((l) => l.keyword === 'COPY')
    .map((l) => /--from=(\S+)/.exec(l.args)?.[1])
    .filter(Boolean);
  const deps = stages.filter(
    (s) => copiedFrom.includes(s.name) && run(s).some((c) => /npm ci --omit=dev/.test(c)),
  );
  assert.equal(deps.length, 1, 'the final stage copies node_modules from an `npm ci --omit=dev` stage');
  assert.ok(
    stages.some((s) => run(s).some((c) => /tsc -b/.test(c))),
    'compiled with tsc -b',
  );
  assert.ok(
    run(final).every((c) => !/\bnpm (ci|install|run)\b/.test(c)),
    'no npm in the final stage',
  );
  assert.ok(
    run(final).some((c) => c.includes('/usr/local/bin/npm')),
    'npm, npx and corepack removed',
  );
});

test('the image runs as a numeric non-root user, the compiled entry point, with labels and no HEALTHCHECK', () => {
  const user = final.lines.filter((l) => l.keyword === 'USER').at(-1)?.args ?? '';
  assert.match(user, /^[1-9]\d*(:[1-9]\d*)?$/, 'USER uid:gid, not root');
  assert.ok(!dockerfile.split('\n').some((line) => /^\s*HEALTHCHECK/i.test(line)), 'no HEALTHCHECK');
  assert.deepEqual(
    final.lines.filter((l) => l.keyword === 'CMD').map((l) => JSON.parse(l.args)),
    [['node', 'dist/src/main.js']],
  );
  assert.equal(final.lines.filter((l) => l.keyword === 'WORKDIR').at(-1)?.args, '/app/services/${SERVICE}');
  const labels = final.lines
    .filter((l) => l.keyword === 'LABEL')
    .map((l) => l.args)
    .join(' ');
  for (const label of ['title', 'version', 'revision', 'created', 'licenses'])
    assert.match(labels, new RegExp(`org\\.opencontainers\\.image\\.${label}=`), label);
});

test(
  'every deployed image has a compiled entry point and its migrations command',
  { skip: withoutKubectl },
  () => {
    const dev = new Rendered('dev');
    for (const workload of dev.workloads()) {
      for (const container of [
        ...(workload.spec.template.spec.initContainers ?? []),
        ...workload.spec.template.spec.containers,
      ]) {
        const service = /^shop\/([\w-]+):/.exec(container.image)?.[1];
        if (!service) continue; // PostgreSQL, NATS
        const entry = container.command?.[1] ?? 'dist/src/main.js';
        const source = entry.replace(/^dist\//, '').replace(/\.js$/, '.ts');
        assert.ok(
          existsSync(join(ROOT, 'services', service, source)),
          `${service}: ${source} builds ${entry}`,
        );
      }
    }
    assert.ok(
      (dev.find<Workload>('Deployment', 'users')?.spec.template.spec.initContainers ?? []).length > 0,
    );
  },
);

test('the build context carries sources and run-time files, not dependencies, builds or secrets', () => {
  const ignore = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map(globToRegExp);
  const ignored = (path: string) => ignore.some((pattern) => pattern.test(path));
  for (const path of [
    'node_modules/x/index.js',
    'services/users/node_modules/x',
    'services/users/dist/src/main.js',
    '.git/HEAD',
    '.env',
    '.data/users/keys/k.json',
  ])
    assert.ok(ignored(path), `${path} stays out`);
  for (const path of [
    'package.json',
    'package-lock.json',
    'tsconfig.base.json',
    'packages/platform/src/index.ts',
  ])
    assert.ok(!ignored(path), `${path} is sent`);

  // What the build stage copies beside dist/src: every entry of a service folder but these.
  const excluded = [...dockerfile.matchAll(/! -name '?([^'\s]+)'?/g)].map((m) => globToRegExp(m[1]!));
  for (const service of readdirSync(join(ROOT, 'services'))) {
    const entries = readdirSync(join(ROOT, 'services', service)).filter(
      (e) => !ignored(`services/${service}/${e}`),
    );
    const copied = entries.filter((e) => !excluded.some((pattern) => pattern.test(e)));
    assert.ok(copied.includes('package.json'), `${service}: package.json`);
    assert.ok(!copied.includes('src') && !copied.includes('test'), `${service}: no sources in the image`);
    for (const folder of ['migrations', 'public'])
      if (entries.includes(folder))
        assert.ok(copied.includes(folder), `${service}: ${folder}/ is in the image`);
  }
});

function parseDockerfile(text: string) {
  const globalArgs = new Map<string, string>();
  const stages: Stage[] = [];
  const logical = text
    .replace(/\\\n(\s*#[^\n]*\n)*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  for (const line of logical) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const [from = '', , name = `stage${stages.length}`] = rest;
      stages.push({ name, from, lines: [] });
    } else if (stages.length === 0 && keyword.toUpperCase() === 'ARG') {
      const [key = '', value = ''] = args.split('=');
      globalArgs.set(key, value);
    } else stages.at(-1)?.lines.push({ keyword: keyword.toUpperCase(), args });
  }
  return { globalArgs, stages };
}

/** .dockerignore / find -name globs: `**` any folders, `*` within a name. */
function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*\//g, '\u0000')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]')
    .replaceAll('\u0000', '(.*/)?');
  return new RegExp(`^${body}(/.*)?$`);
}
