import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from './scenario.js';

/** The scenario modules of bench/scenarios/ (all, or those named), in file order. */
export async function loadScenarios(wanted: string[]): Promise<Scenario[]> {
  const dir = fileURLToPath(new URL('./scenarios/', import.meta.url));
  const scenarios: Scenario[] = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.ts')).sort()) {
    const module = (await import(join(dir, file))) as Partial<Scenario> & Record<string, unknown>;
    if (typeof module.name !== 'string' || (!('setup' in module) && !('run' in module))) continue; // a helper
    if (wanted.length === 0 || wanted.includes(module.name)) scenarios.push(module as Scenario);
  }
  const unknown = wanted.filter((name) => !scenarios.some((s) => s.name === name));
  if (unknown.length > 0) throw new Error(`No scenario named ${unknown.join(', ')}`);
  return scenarios;
}
