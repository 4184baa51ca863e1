// Checks the built package as a consumer sees it: both module systems, types, no Node built-ins
// in the browser-safe entry. Needs `pnpm build` first (the root `pnpm test` does it).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url);

describe('the built package', () => {
  it('loads with require and import alike', async () => {
    const require = createRequire(import.meta.url);
    const cjs = require('@cakupan/core');
    const esm = await import('@cakupan/core');
    expect(typeof cjs.computeCoverage).toBe('function');
    expect(typeof esm.computeCoverage).toBe('function');
    expect(cjs.coverageFromAggregates({ participants: { PU: 1 }, eligible: 2 }).ratio).toBe(0.5);
  });

  it('imports no Node built-in from its main entry, nor from the chunks it loads', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(new URL(`dist/${file}`, root), 'utf8');
      expect(code, file).not.toMatch(/from ["']node:|require\(["']node:|from ["'](fs|path|crypto|os|stream)["']|require\(["'](fs|path|crypto|os|stream)["']\)/);
      for (const m of code.matchAll(/(?:from\s*|require\()["']\.\/([^"']+)["']/g)) visit(m[1]!);
    };
    visit('index.js');
    visit('index.cjs');
    expect(seen.size).toBeGreaterThan(2);
  });

  it('passes arethetypeswrong for node16 (CJS and ESM) and bundlers (subpaths need exports maps, so node10 is out of scope)', () => {
    // exits non-zero (and execFileSync throws) when it finds a problem outside the ignored node10
    const out = execFileSync('pnpm', ['exec', 'attw', '--pack', '.', '--profile', 'node16', '--format', 'json'], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const problems: { resolutionKind?: string }[] = Object.values(JSON.parse(out).problems ?? {}).flat() as never;
    expect(problems.filter((p) => p.resolutionKind !== 'node10')).toEqual([]);
  }, 60_000);
});
