/**
 * Tests run on the TypeScript sources, but worker threads cannot: the render worker is compiled
 * from the current sources once per run (esbuild, dependencies left external) into `.test-build/`,
 * and the pool is pointed at it. The tests therefore exercise the real worker-thread path.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export default async function setup(): Promise<() => void> {
  const outdir = join(import.meta.dirname, '..', '.test-build');
  await build({
    entryPoints: { renderWorker: join(import.meta.dirname, '..', 'src', 'render', 'renderWorker.ts') },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  process.env.CAKUPAN_RENDER_WORKER = join(outdir, 'renderWorker.js');
  return () => rmSync(outdir, { recursive: true, force: true });
}
