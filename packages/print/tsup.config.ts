import { defineConfig } from 'tsup';

export default defineConfig({
  // the render worker is its own entry: the pool loads dist/renderWorker.js beside the library's chunks
  entry: { index: 'src/index.ts', renderWorker: 'src/render/renderWorker.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
});
