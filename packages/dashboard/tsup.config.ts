import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig, type Options } from 'tsup';

// The dashboard and the field app, each one script for the browser with everything in it
// (Observable Plot, d3, core's legend; idb and the QR decoder): the pages load nothing from anywhere
// but the service. `public/` (the HTML, styles, village boundaries and their licence, the field
// app's page and manifest) is copied beside them; `src/index.ts` tells the service where the folder
// is. The field app's service worker is its own script (Workbox), and the QR decoder's WebAssembly
// (zxing-wasm, for browsers without a BarcodeDetector) is copied from its package.
const require = createRequire(import.meta.url);
const browser: Options = { format: ['esm'], platform: 'browser', target: 'es2022', noExternal: [/.*/], minify: true, sourcemap: true };

export default defineConfig([
  { ...browser, entry: { app: 'src/main.ts' }, publicDir: 'public', outDir: 'dist/www' },
  {
    ...browser,
    entry: { 'lapangan/app': 'src/field/main.ts', 'lapangan/sw': 'src/field/sw.ts' },
    splitting: false,
    outDir: 'dist/www',
    onSuccess: async () => {
      mkdirSync('dist/www/lapangan', { recursive: true });
      const barcodeDetector = require.resolve('barcode-detector/ponyfill');
      const zxing = createRequire(barcodeDetector).resolve('zxing-wasm/reader/zxing_reader.wasm');
      copyFileSync(zxing, 'dist/www/lapangan/zxing_reader.wasm');
    },
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
