import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { packageRoot } from '@shop/platform';

test('a module finds its package folder from the sources and from the build alike', (t) => {
  const pkg = mkdtempSync(join(tmpdir(), 'package-root-'));
  t.after(() => rmSync(pkg, { recursive: true, force: true }));
  writeFileSync(join(pkg, 'package.json'), '{}');
  for (const folder of ['src/data', 'dist/src/data']) mkdirSync(join(pkg, folder), { recursive: true });
  assert.equal(packageRoot(pathToFileURL(join(pkg, 'src/data/database.ts')).href), pkg);
  assert.equal(packageRoot(pathToFileURL(join(pkg, 'dist/src/data/database.js')).href), pkg);
  assert.equal(packageRoot(import.meta.url), join(import.meta.dirname, '..'));
});

test('a module outside any package is an error, not a guess', () => {
  assert.throws(() => packageRoot('file:///module.js'), /No package.json in \/ or above it/);
});
