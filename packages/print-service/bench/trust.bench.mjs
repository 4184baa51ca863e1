// node packages/print-service/bench/trust.bench.mjs (pnpm bench runs it)
//
// Issue 22's costs, in process (buildApp over an embedded store with the sample city): a sign-in
// (argon2id, OWASP's m = 19 MiB, t = 2) one at a time and eight at once; and printing 2,000
// employers' stickers with their facts from the store (each employer read from it, the colour its)
// against the same stickers from the request's own facts (the administrator's stand-alone mode),
// in the same run — the ratio is what the store's word costs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeyRing, generateSigningKeyPem } from '@cakupan/print';
import { openStore } from '@cakupan/store';
import { buildApp, importSampleCity, loadConfig } from '../dist/index.js';

const ADMIN = 'bench-trust-admin-key-0123456789';
const admin = { authorization: `Bearer ${ADMIN}` };
const dir = mkdtempSync(join(tmpdir(), 'cakupan-trust-'));
const store = await openStore({ dataDir: join(dir, 'store') });
await importSampleCity(store);
const config = loadConfig({ NODE_ENV: 'test', API_KEYS: `disnaker:${ADMIN}`, DATA_DIR: dir, LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '1000000', MAX_STICKERS: '50000' });
const app = await buildApp({ config, keyRing: createKeyRing(generateSigningKeyPem()), store, dashboard: false });

// 2,000 employers of one village, registered, in the store
const N = 2000;
const ids = Array.from({ length: N }, (_, i) => String(9_130_000_000_000 + i));
const csv = `id,name,village_code,rw,rt,npp,status\n${ids.map((id, i) => `${id},Usaha Bench ${i},3271011001,${1 + (i % 9)},${1 + (i % 12)},${String(10_000_000 + i)},aktif`).join('\n')}\n`;
const boundary = 'bench-boundary';
const part = (name, value) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const form = (confirm) => `${part('kind', 'employers')}${part('asOf', '2017-12-31')}${confirm ? part('confirm', confirm) : ''}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="e.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
const headers = { ...admin, 'content-type': `multipart/form-data; boundary=${boundary}` };
let imported = await app.inject({ method: 'POST', url: '/v1/imports', headers, payload: form() });
if (imported.statusCode === 409) imported = await app.inject({ method: 'POST', url: '/v1/imports', headers, payload: form(imported.json().preview.confirm) });
if (imported.statusCode !== 201) throw new Error(`import: ${imported.statusCode} ${imported.body.slice(0, 200)}`);

await app.inject({ method: 'POST', url: '/v1/accounts', headers: admin, payload: { username: 'bench', name: 'Bench', role: 'analyst', password: 'kata sandi bench 1' } });
const signIn = () => app.inject({ method: 'POST', url: '/v1/session', payload: { username: 'bench', password: 'kata sandi bench 1' } });
const time = async (fn) => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};
for (let i = 0; i < 3; i++) await signIn(); // warm
const one = await time(async () => {
  for (let i = 0; i < 20; i++) if ((await signIn()).statusCode !== 200) throw new Error('sign-in failed');
});
const eight = await time(() => Promise.all(Array.from({ length: 40 }, signIn)));
console.log(`sign-in (argon2id verify + session kept in the store): ${(one / 20).toFixed(1)} ms each one at a time; 40 at once in ${eight.toFixed(0)} ms = ${((40 * 1000) / eight).toFixed(0)} per second`);

const fromStore = { subjects: ids.map((id) => ({ kind: 'employer', id, name: 'x', villageCode: '3271011001' })) };
const fromRequest = { subjects: ids.map((id, i) => ({ kind: 'employer', id, name: `Usaha Bench ${i}`, villageCode: '3271011001', rw: 1 + (i % 9), rt: 1 + (i % 12), npp: String(10_000_000 + i), status: 'aktif' })) };
const print = async (url, payload) => {
  const res = await app.inject({ method: 'POST', url, headers: admin, payload });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
};
await print('/v1/stickers', fromStore); // warm the render threads
const rounds = [];
for (let r = 0; r < 3; r++) {
  const store_ = await time(() => print('/v1/stickers', fromStore));
  const request = await time(() => print('/v1/stickers?facts=request', fromRequest));
  rounds.push([store_, request]);
}
for (const [s, q] of rounds) console.log(`${N} employer stickers: facts from the store ${s.toFixed(0)} ms (${((N * 1000) / s).toFixed(0)}/s), from the request ${q.toFixed(0)} ms (${((N * 1000) / q).toFixed(0)}/s): ratio ${(s / q).toFixed(2)}`);
await app.close();
await store.close();
