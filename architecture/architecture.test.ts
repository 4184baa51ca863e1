// The layout holds: no import cycle inside a package (type-only imports count), workspace packages
// depend on each other only downwards (the table below, which the README's diagram draws), the
// printing library has no web server in it, and the page's bundle takes only core's
// dependency-free entries. Read from the sources with dependency-cruiser.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const packages = readdirSync(join(root, 'packages')).filter((p) => existsSync(join(root, 'packages', p, 'package.json')));
const manifest = (dir: string) => JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { name: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };

/** Which workspace packages each may use at run time (its `dependencies`), lowest layer first. */
const ALLOWED: Record<string, readonly string[]> = {
  '@cakupan/core': [],
  '@cakupan/print': ['@cakupan/core'],
  '@cakupan/store': ['@cakupan/core'],
  '@cakupan/contract': ['@cakupan/core'],
  '@cakupan/monitoring': ['@cakupan/core', '@cakupan/print', '@cakupan/store'],
  '@cakupan/cli': ['@cakupan/core', '@cakupan/store'],
  '@cakupan/dashboard': ['@cakupan/core'],
  '@cakupan/print-service': ['@cakupan/core', '@cakupan/print', '@cakupan/store', '@cakupan/contract', '@cakupan/monitoring', '@cakupan/dashboard'],
};

let result: ICruiseResult;
beforeAll(async () => {
  const cruised = await cruise(
    packages.map((p) => `packages/${p}/src`),
    {
      tsPreCompilationDeps: true,
      exclude: { path: ['node_modules', '\\.test\\.ts$', '\\.testutil\\.ts$'] },
      ruleSet: { forbidden: [{ name: 'no-circular', severity: 'error', from: {}, to: { circular: true } }] },
      validate: true,
      baseDir: root,
    },
  );
  result = cruised.output as ICruiseResult;
});

describe('architecture', () => {
  it('has no import cycle in any package', () => {
    expect(result.summary.totalCruised).toBeGreaterThan(150);
    const cycles = result.summary.violations.filter((v) => v.rule.name === 'no-circular').map((v) => `${v.from} → ${(v.cycle ?? []).map((c) => (typeof c === 'string' ? c : c.name)).join(' → ')}`);
    expect(cycles).toEqual([]);
  });

  it('has each workspace package depend only on the layers below it', () => {
    for (const dir of packages) {
      const { name, dependencies = {} } = manifest(`packages/${dir}`);
      expect(Object.keys(ALLOWED), `${name} is missing from the layer table`).toContain(name);
      const workspace = Object.keys(dependencies).filter((d) => d.startsWith('@cakupan/'));
      expect(workspace.filter((d) => !ALLOWED[name]!.includes(d)), `${name} depends on`).toEqual([]);
    }
  });

  it('imports between packages only what each package.json declares, and nothing of Fastify in print', () => {
    let checked = 0;
    for (const mod of result.modules) {
      const dir = /^packages\/([^/]+)\//.exec(mod.source)?.[1];
      if (!dir) continue;
      const { name, dependencies = {}, devDependencies = {} } = manifest(`packages/${dir}`);
      for (const dep of mod.dependencies) {
        const target = /^(@[^/]+\/[^/]+|[^@./][^/]*)/.exec(dep.module)?.[1];
        if (!target || dep.module.startsWith('node:') || dep.coreModule) continue;
        const declared = target in dependencies || (dep.dependencyTypes.includes('type-only') && target in devDependencies);
        expect(declared, `${mod.source} imports ${dep.module}, which ${name} does not declare`).toBe(true);
        checked++;
        if (name === '@cakupan/print') expect(target, `${mod.source}`).not.toMatch(/fastify/);
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('gives the page only core’s dependency-free entries', () => {
    const fromDashboard = result.modules.filter((m) => m.source.startsWith('packages/dashboard/src/')).flatMap((m) => m.dependencies.filter((d) => d.module.startsWith('@cakupan/')).map((d) => ({ module: d.module, typeOnly: d.dependencyTypes.includes('type-only') })));
    expect(fromDashboard.length).toBeGreaterThan(0);
    for (const d of fromDashboard) expect(d.typeOnly || ['@cakupan/core/lite', '@cakupan/core/legend'].includes(d.module), d.module).toBe(true);
    // and the built lite entry imports nothing but its own chunks
    const lite = readFileSync(join(root, 'packages/core/dist/lite.js'), 'utf8');
    const imports = [...lite.matchAll(/from\s*["']([^"']+)["']/g)].map((m) => m[1]!);
    expect(imports.filter((i) => !i.startsWith('./'))).toEqual([]);
  });
});
