import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of the package a module belongs to: the nearest one above it holding a
 * package.json. Files a service reads at run time (migrations/, public/) are then found the
 * same from src/ under tsx and from dist/src/ once compiled, where a fixed `../..` is one
 * level short: `join(packageRoot(import.meta.url), 'migrations')`.
 */
export function packageRoot(moduleUrl: string): string {
  const start = dirname(fileURLToPath(moduleUrl));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json in ${start} or above it`);
  }
}
