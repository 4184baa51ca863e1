// Every example runs with the command examples/README.md lists, and prints what it promises.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKeyRing } from '@cakupan/print';
import { buildApp, loadConfig } from '@cakupan/print-service';
import { describe, expect, it } from 'vitest';

const serviceData = join(import.meta.dirname, '..', 'packages', 'print-service', '.data');

/** Every QR code of a PDF, read by zbarimg from pages rasterised by pdftoppm (Debian's tools). */
function scanQrCodes(pdf: string): { text: string }[] {
  const dir = mkdtempSync(join(tmpdir(), 'cakupan-example-'));
  execFileSync('pdftoppm', ['-r', '200', '-png', pdf, join(dir, 'p')]);
  const out = execFileSync('sh', ['-c', `zbarimg -q --raw ${dir}/*.png || true`], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean).map((text) => ({ text }));
}

const run = (script: string, args: string[] = []) =>
  execFileSync('pnpm', ['-s', 'run', script, ...args], { cwd: import.meta.dirname, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });

describe('examples', () => {
  it('bogor-2017 reproduces the published 16.04 %', () => {
    const out = run('bogor-2017');
    expect(out).toContain('participants: 96,365 (PU 92,550, BPU 3,815)');
    expect(out).toContain('coverage: 16.04 %');
  });

  it('coverage-from-records rolls records up to village and RT', () => {
    const out = run('coverage-from-records');
    expect(out).toMatch(/village\s+32\.71\.01\.1001\s+Batu Tulis\s+1\/2\s+50\.0%/);
    expect(out).toMatch(/rt\s+32\.71\.01\.1001\.003\.006\s+0\/0\s+–/);
    expect(out).toContain('#3 rt');
    expect(out).toContain('workers 18+: 1/1 (2 of 2 residents 18+ with an occupation recorded)');
  });

  it('coverage-from-csv reads the sample city and accounts for every row', () => {
    const out = run('coverage-from-csv');
    expect(out).toMatch(/Bogor Selatan\s+\d+ \/ \d+\s+\d+\.\d %/);
    expect(out).toMatch(/^ {2}Batu Tulis/m);
    expect(out).toMatch(/residents: (\d+) rows read = (\d+) used \+ (\d+) rejected/);
  });

  it('stickers-for-village writes a PDF of red stickers for one village that verify where they point', async () => {
    // the first village of the sample with an unregistered employer
    const out = run('stickers-for-village');
    expect(out).toMatch(/^[A-Z][\w ]+: [1-9]\d* unregistered employer/);
    expect(out).toMatch(/wrote unregistered-employers\.pdf \(\d+ bytes, [1-9]\d* stickers/);
    const pdf = join(import.meta.dirname, 'unregistered-employers.pdf');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    // the QR codes point at the service `pnpm start` runs, and verify there: decoded by zbarimg,
    // checked by that service's own app (its data folder, its key)
    const scanned = scanQrCodes(pdf);
    expect(scanned.length).toBeGreaterThan(0);
    const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', DATA_DIR: serviceData });
    for (const { text } of scanned) expect(text.startsWith(`${config.publicBaseUrl}/v/`), text).toBe(true);
    const app = await buildApp({ config, keyRing: loadKeyRing({ dataDir: serviceData, create: false }).keyRing });
    const res = await app.inject({ url: new URL(scanned[0]!.text).pathname, headers: { accept: 'application/json' } });
    expect(res.json()).toMatchObject({ valid: true, colour: 'red' });
    await app.close();
    expect(run('stickers-for-village', ['3271061001', join(tmpdir(), 'none.pdf')])).toMatch(/: \d+ unregistered/);
  });

  it('coverage-api-client gets coverage and a region from the API', () => {
    const out = run('coverage-api-client');
    expect(out).toMatch(/city\s+32\.71\s+Kota Bogor\s+\d+\/\d+ = \d+\.\d %/);
    expect(out).toContain('3271011001 = Batu Tulis, in Bogor Selatan, Kota Bogor, Jawa Barat');
  });
});
