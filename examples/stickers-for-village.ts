// A sticker job for one village's unregistered employers: pick them from the employer export with
// core's stickerStatus (the one rule for a sticker's colour), then ask the print service for a
// print-ready PDF of red stickers, N-up on A4.
//
// Run: pnpm --filter cakupan-examples stickers-for-village [village-code] [out.pdf]
// It prints through the service `pnpm start` runs (http://127.0.0.1:3000, its development API key
// from packages/print-service/.data), so that every sticker verifies where its QR code points. When
// that service is not running, it starts the same service in-process: same data folder, so the same
// signing key and serial counter, on the same address. Set CAKUPAN_URL and CAKUPAN_API_KEY for another.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseRegionCode, regionName, stickerStatus } from '@cakupan/core';
import { readEmployersCsv } from '@cakupan/core/node';
import { loadKeyRing } from '@cakupan/print';
import { buildApp, fileSerials, loadConfig } from '@cakupan/print-service';

const employersCsv = fileURLToPath(new URL('../packages/print-service/sample/employers.csv', import.meta.url));
const { records } = await readEmployersCsv(employersCsv);
const village = process.argv[2] ?? String(records.find((e) => !e.npp)?.villageCode ?? '3271011001');
const out = process.argv[3] ?? 'unregistered-employers.pdf';
const villageCode = parseRegionCode(village);
if (!villageCode.success) throw new Error(`not a village code: ${village}`);

const unregistered = records.filter(
  (e) =>
    parseRegionCode(String(e.villageCode)).success &&
    (parseRegionCode(String(e.villageCode)) as { data: { code: string } }).data.code === villageCode.data.code &&
    stickerStatus({ kind: 'employer', npp: e.npp ?? undefined, status: e.status ?? undefined }).colour === 'red',
);
console.log(`${regionName(villageCode.data.code) ?? villageCode.data.code}: ${unregistered.length} unregistered employer(s)`);
if (unregistered.length === 0) process.exit(0);

const serviceData = fileURLToPath(new URL('../packages/print-service/.data', import.meta.url));
let url = process.env.CAKUPAN_URL ?? 'http://127.0.0.1:3000';
let apiKey = process.env.CAKUPAN_API_KEY;
let close = async () => {};
const running = await fetch(`${url}/health`).then((r) => r.ok, () => false);
if (running) {
  apiKey ??= readFileSync(`${serviceData}/dev-api-key`, 'utf8').trim();
} else if (!process.env.CAKUPAN_URL) {
  // what `pnpm start` would run: development defaults, its data folder, its address
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'warn', DATA_DIR: serviceData });
  const { keyRing } = loadKeyRing({ dataDir: config.dataDir, create: true });
  const app = await buildApp({ config, keyRing, serials: fileSerials(config.dataDir) });
  await app.listen({ port: config.port, host: config.host });
  url = config.publicBaseUrl;
  apiKey = config.devApiKey ?? config.apiKeys[0];
  close = () => app.close();
} else {
  throw new Error(`no print service answers at ${url}`);
}

const response = await fetch(`${url}/v1/stickers`, {
  method: 'POST',
  headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
  body: JSON.stringify({
    subjects: unregistered.map((e) => ({ kind: 'employer', id: e.id, name: e.name, villageCode: e.villageCode, rw: e.rw, rt: e.rt })),
    options: { layout: 'sheet', paper: 'A4' },
  }),
});
if (!response.ok) throw new Error(`${response.status}: ${await response.text()}`);
writeFileSync(out, Buffer.from(await response.arrayBuffer()));
console.log(`wrote ${out} (${readFileSync(out).length} bytes, ${response.headers.get('x-sticker-count')} stickers from serial ${response.headers.get('x-first-serial')})`);
await close();
