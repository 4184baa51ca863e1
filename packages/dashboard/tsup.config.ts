import { defineConfig } from 'tsup';

// One script for the browser with everything in it (Observable Plot, d3, core's legend): the page
// loads nothing from anywhere but the service. `public/` (the HTML, styles, village boundaries and
// their licence) is copied beside it; `src/index.ts` tells the service where the folder is.
export default defineConfig([
  {
    entry: { app: 'src/main.ts' },
    format: ['esm'],
    platform: 'browser',
    target: 'es2022',
    noExternal: [/.*/],
    minify: true,
    sourcemap: true,
    clean: true,
    publicDir: 'public',
    outDir: 'dist/www',
  },
  {
    entry: { index: 'src/index.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    dts: true,
    outDir: 'dist',
  },
]);
