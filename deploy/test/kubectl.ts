/**
 * The overlays rendered by the real kustomize, `kubectl kustomize <overlay>`: exactly what
 * `kubectl apply -k` would send, generated names (`<name>-<content hash>`) included. Needs a
 * kubectl (Debian's kubernetes-client; KUBECTL_BIN names another). Without one, the checks that
 * read rendered manifests are skipped, loudly, unless REQUIRE_EXTERNAL_SERVICES=1 or CI=true
 * (.ci/run installs it), where a missing kubectl fails the run.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Manifest } from './manifest-types.js';

const binary = process.env.KUBECTL_BIN ?? 'kubectl';
const version = kubectlVersion();
const required = process.env.REQUIRE_EXTERNAL_SERVICES === '1' || process.env.CI === 'true';
if (!version && required)
  throw new Error(
    `REQUIRE_EXTERNAL_SERVICES=1 or CI=true but ${binary} does not run: install kubectl (Debian: kubernetes-client)`,
  );

/** `skip` for the tests that read rendered manifests: false, or why they cannot run here. */
export const withoutKubectl: false | string = version
  ? false
  : `no kubectl (${binary}): the rendered manifests are not checked; install kubernetes-client`;
if (withoutKubectl) console.warn(`\n*** SKIPPED deploy checks: ${withoutKubectl} ***\n`);

const rendered = new Map<string, Manifest[]>();

/**
 * `kubectl kustomize k8s/overlays/<overlay>`, parsed. It renders a copy of `k8sDir` in which
 * each overlay's `secrets/*.env` is its committed `*.env.example` (production's real secrets are
 * never in git, and the checks must judge the committed placeholders, not a local file).
 */
export function kustomize(k8sDir: string, overlay: string): Manifest[] {
  if (withoutKubectl) throw new Error(withoutKubectl);
  const cached = rendered.get(`${k8sDir}\0${overlay}`);
  if (cached) return structuredClone(cached);
  const copy = mkdtempSync(join(tmpdir(), 'shop-kustomize-'));
  try {
    cpSync(k8sDir, join(copy, 'k8s'), { recursive: true });
    for (const name of readdirSync(join(copy, 'k8s/overlays'))) {
      const secrets = join(copy, 'k8s/overlays', name, 'secrets');
      if (!existsSync(secrets)) continue;
      for (const example of readdirSync(secrets).filter((file) => file.endsWith('.env.example')))
        cpSync(join(secrets, example), join(secrets, example.replace(/\.example$/, '')));
    }
    const output = execFileSync(binary, ['kustomize', join(copy, 'k8s/overlays', overlay)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    const manifests = parseManifests(output, `kubectl kustomize ${overlay}`);
    rendered.set(`${k8sDir}\0${overlay}`, manifests);
    return structuredClone(manifests);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/**
 * A multi-document YAML stream, read as YAML 1.1, the way kubectl reads what it applies
 * (unquoted on/off/yes/no are booleans, 0555 is octal).
 */
export function parseManifests(text: string, source: string): Manifest[] {
  return parseAllDocuments(text, { version: '1.1' })
    .map((document) => {
      if (document.errors.length > 0) throw new Error(`${source}: ${document.errors[0]?.message}`);
      return document.toJS() as Manifest | null;
    })
    .filter((manifest): manifest is Manifest => manifest !== null);
}

/**
 * The name a ConfigMap or Secret generator gave, without the content hash kustomize appends
 * (`users-db-app-5895dkmk42` → `users-db-app`). The hash is 10 characters of kustomize's
 * alphabet (hex digits with 0, 1, 3, a, e replaced by g, h, k, m, t: api/hasher's `encode`).
 */
export function generatorName(name: string): string {
  return name.replace(/-[2456789bcdfghkmt]{10}$/, '');
}

function kubectlVersion(): string | undefined {
  try {
    return execFileSync(binary, ['version', '--client'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .trim()
      .replace(/\n/g, ', ');
  } catch {
    return undefined;
  }
}
