// Writes a brotli (.br) and a gzip (.gz) copy beside each text and WebAssembly file of the built
// pages (dist/www), where they are smaller: the service sends the one the browser accepts
// (@fastify/static's preCompressed), so a phone on a slow connection downloads a third of the bytes.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = new URL('../dist/www/', import.meta.url).pathname;
const COMPRESSIBLE = /\.(js|css|html|wasm|webmanifest|json|geojson|svg|txt)$/;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (COMPRESSIBLE.test(name)) yield path;
  }
}

let before = 0;
let after = 0;
for (const path of files(ROOT)) {
  const bytes = readFileSync(path);
  if (bytes.length < 1024) continue;
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
  const gz = gzipSync(bytes, { level: 9 });
  if (br.length < bytes.length) writeFileSync(`${path}.br`, br);
  if (gz.length < bytes.length) writeFileSync(`${path}.gz`, gz);
  before += bytes.length;
  after += Math.min(br.length, bytes.length);
}
console.log(`precompressed dist/www: ${(before / 1024).toFixed(0)} KiB as brotli ${(after / 1024).toFixed(0)} KiB`);
