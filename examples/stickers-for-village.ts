// A sticker job for one village's unregistered employers: pick them from the employer export with
// core's stickerStatus (the one rule for a sticker's colour), then ask the print service for a
// print-ready PDF of red stickers, N-up on A4.
//
// Run: pnpm --filter cakupan-examples stickers-for-village [village-code] [out.pdf]
// The example starts the print service in-process on a free port; against a running service, set
// CAKUPAN_URL and CAKUPAN_API_KEY instead.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseRegionCode, regionName, stickerStatus } from '@cakupan/core';
import { readEmployersCsv } from '@cakupan/core/node';
import { buildApp, createKeyRing, generateSigningKeyPem, loadConfig } from '@cakupan/print-service';

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

let url = process.env.CAKUPAN_URL;
let apiKey = process.env.CAKUPAN_API_KEY;
let close = async () => {};
if (!url) {
  const config = loadConfig({ NODE_ENV: 'test', API_KEYS: 'example-key-0123456789', LOG_LEVEL: 'warn', DATA_DIR: fileURLToPath(new URL('./.data', import.meta.url)) });
  const app = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()) });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  apiKey = 'example-key-0123456789';
  close = () => app.close();
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
