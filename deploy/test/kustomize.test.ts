/**
 * The checks render overlays with kustomize-lite.ts; here its output is compared, object by
 * object, with the real kustomize (`kubectl kustomize`) wherever kubectl is installed, so
 * the checks never judge something other than what `kubectl apply -k` would apply.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { Manifest } from './manifest-types.js';
import { DEPLOY, OVERLAYS, Rendered } from './rendered.js';

const kubectl = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe(
  'kustomize-lite renders what kustomize renders',
  { skip: !kubectl && 'kubectl is not installed' },
  () => {
    // A copy, where the production secrets are the committed examples.
    const copy = mkdtempSync(join(tmpdir(), 'shop-deploy-'));
    cpSync(join(DEPLOY, 'k8s'), join(copy, 'k8s'), { recursive: true });
    const secrets = join(copy, 'k8s/overlays/production/secrets');
    for (const example of readdirSync(secrets).filter((f) => f.endsWith('.example')))
      cpSync(join(secrets, example), join(secrets, example.replace(/\.example$/, '')));
    after(() => rmSync(copy, { recursive: true, force: true }));

    for (const overlay of OVERLAYS) {
      test(overlay, () => {
        const output = execFileSync('kubectl', ['kustomize', join(copy, 'k8s/overlays', overlay)], {
          encoding: 'utf8',
        });
        const real = normalized(
          parseAllDocuments(output, { version: '1.1' }).map((d) => d.toJS() as Manifest),
        );
        const lite = new Rendered(overlay).manifests;
        const key = (m: Manifest) => `${m.kind}/${m.metadata.name}`;
        assert.deepEqual(real.map(key).sort(), lite.map(key).sort());
        for (const manifest of lite)
          assert.deepEqual(
            real.find((m) => key(m) === key(manifest)),
            manifest,
            key(manifest),
          );
      });
    }
  },
);

/**
 * kustomize names generated ConfigMaps and Secrets <name>-<10-character hash> everywhere, and
 * wraps long base64 values at 76 characters (which Kubernetes ignores when decoding).
 */
function normalized(manifests: Manifest[]): Manifest[] {
  for (const secret of manifests.filter((m) => m.kind === 'Secret')) {
    const data = (secret.data ?? {}) as Record<string, string>;
    for (const key of Object.keys(data)) data[key] = data[key]!.replace(/\s/g, '');
  }
  let text = JSON.stringify(manifests);
  for (const { kind, metadata } of manifests) {
    const hashed = /^(.+)-[a-z0-9]{10}$/.exec(metadata.name);
    if ((kind === 'ConfigMap' || kind === 'Secret') && hashed)
      text = text.replaceAll(`"${metadata.name}"`, `"${hashed[1]}"`);
  }
  return JSON.parse(text) as Manifest[];
}
