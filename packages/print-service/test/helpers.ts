/** Test helpers: an app on a temporary data folder, and the Debian tools a print shop would use. */
import { createKeyRing, generateSigningKeyPem, type KeyRing } from '@cakupan/print';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

export const API_KEY = 'test-key-0123456789abcdef';

export async function testApp(
  env: Record<string, string> = {},
  extra: { today?: () => string; keyRing?: KeyRing } = {},
): Promise<{ app: FastifyInstance; keyRing: KeyRing; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'cakupan-test-'));
  const config = loadConfig({ NODE_ENV: 'test', API_KEYS: API_KEY, DATA_DIR: dir, LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'http://127.0.0.1:3000', ...env });
  const keyRing = extra.keyRing ?? createKeyRing(generateSigningKeyPem());
  const app = await buildApp({ config, keyRing, ...(extra.today && { today: extra.today }) });
  return { app, keyRing, dir };
}

export const auth = { authorization: `Bearer ${API_KEY}` };

export const employer = (extra: Record<string, unknown> = {}) => ({
  kind: 'employer',
  id: '9120001234567',
  name: 'CV Maju Jaya',
  villageCode: '3271011001',
  rw: 3,
  rt: 5,
  npp: '15070955',
  status: 'active',
  ...extra,
});

export const household = (extra: Record<string, unknown> = {}) => ({
  kind: 'household',
  label: 'H-0001',
  villageCode: '3271021003',
  rw: 7,
  rt: 3,
  eligible: 3,
  covered: 3,
  ...extra,
});

/** Writes a PDF body to a temporary file and returns its path. */
export function savePdf(body: Buffer | string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cakupan-pdf-'));
  const file = join(dir, 'out.pdf');
  writeFileSync(file, body);
  return file;
}

export function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
}

/** pdfinfo -box, per page: boxes in points as [x0, y0, x1, y1]. */
export function pageBoxes(file: string): Record<string, number[]>[] {
  const out = run('pdfinfo', ['-box', '-f', '1', '-l', '1000', file]);
  const pages: Record<string, number[]>[] = [];
  for (const line of out.split('\n')) {
    const m = /^Page\s+(\d+)\s+(MediaBox|CropBox|BleedBox|TrimBox|ArtBox):\s+([\d.\s-]+)$/.exec(line.trim());
    if (!m) continue;
    const i = Number(m[1]) - 1;
    pages[i] ??= {};
    pages[i]![m[2]!] = m[3]!.trim().split(/\s+/).map(Number);
  }
  return pages;
}

/** Decodes every QR code on every page (rasterised at `dpi`) with zbarimg. */
export function scanQrCodes(file: string, dpi = 200): { page: number; text: string }[] {
  const dir = mkdtempSync(join(tmpdir(), 'cakupan-png-'));
  run('pdftoppm', ['-r', String(dpi), '-png', file, join(dir, 'p')]);
  const pngs = run('ls', [dir]).trim().split('\n').filter(Boolean).sort();
  const found: { page: number; text: string }[] = [];
  pngs.forEach((png, i) => {
    let xml = '';
    try {
      xml = run('zbarimg', ['-q', '--xml', join(dir, png)]);
    } catch {
      // zbarimg exits non-zero when a page has no code
    }
    for (const m of xml.matchAll(/<data><!\[CDATA\[([^\]]*)\]\]><\/data>/g)) found.push({ page: i + 1, text: m[1]! });
  });
  return found;
}

export const MM_PER_PT = 25.4 / 72;

/** Whether the Debian print tools are installed (`.ci/run` installs them; CI requires them). */
export function havePrintTools(): boolean {
  try {
    for (const tool of ['pdftoppm', 'pdfinfo', 'pdffonts', 'pdftotext', 'zbarimg', 'qpdf', 'gs']) execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env.CI) throw new Error('CI needs poppler-utils, zbar-tools, qpdf and ghostscript (.ci/run installs them)');
    console.warn('skipping the print checks: install poppler-utils zbar-tools qpdf ghostscript to run them');
    return false;
  }
}

/** A multipart body for `POST /v1/imports`: the CSV as `file`, and `kind` and any other fields. */
export function importForm(kind: string, csv: string, fields: Record<string, string> = {}): { payload: string; headers: { 'content-type': string } } {
  const b = `cakupan-${kind}-boundary`;
  const part = (name: string, value: string) => `--${b}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const payload = `${part('kind', kind)}${Object.entries(fields).map(([k, v]) => part(k, v)).join('')}--${b}\r\nContent-Disposition: form-data; name="file"; filename="${kind}.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${b}--\r\n`;
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

/** Makes an API key of each `[label, role, scope]` (as `admin`), and answers each one's Authorization header by label. */
export async function roleKeys(app: FastifyInstance, admin: Record<string, string>, keys: readonly (readonly [label: string, role: string, scope: string])[]): Promise<Record<string, Record<string, string>>> {
  const made: Record<string, Record<string, string>> = {};
  for (const [label, role, scope] of keys) {
    const res = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: admin, payload: { label, role, scope } });
    if (res.statusCode !== 201) throw new Error(`API key ${label}: ${res.statusCode} ${res.body}`);
    made[label] = { authorization: `Bearer ${res.json().key}` };
  }
  return made;
}

/** A multipart upload of a boundaries file (GeoJSON) as `file`, with `fields`. */
export function geojsonForm(geojson: string, fields: Record<string, string> = {}): { payload: string; headers: { 'content-type': string } } {
  const b = 'cakupan-geojson-boundary';
  const part = (name: string, value: string) => `--${b}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const payload = `${Object.entries(fields).map(([k, v]) => part(k, v)).join('')}--${b}\r\nContent-Disposition: form-data; name="file"; filename="boundaries.geojson"\r\nContent-Type: application/geo+json\r\n\r\n${geojson}\r\n--${b}--\r\n`;
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}
