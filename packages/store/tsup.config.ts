import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  // the embedded database's process runs as plain JavaScript beside the bundle (src/db/db.ts)
  onSuccess: 'cp src/db/pgliteServer.mjs dist/pgliteServer.mjs',
});
