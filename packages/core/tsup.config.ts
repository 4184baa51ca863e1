import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', synthetic: 'src/synthetic.ts', node: 'src/node.ts', regions: 'src/regions.ts', legend: 'src/legend.ts', lite: 'src/lite.ts', residentsWorker: 'src/node/residentsWorker.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
});
