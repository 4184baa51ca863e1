// A city's settings, boundaries and approved reports on both engines: settings are a region's own
// and audited, every boundary upload is kept and an older one can be put back, an approved month
// keeps its PDF byte for byte and a correction is a numbered revision that needs a reason.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, ReportApprovalConflict, type Store } from '../src/index.js';
import { engines as enginesFor } from './databases.js';

const engines = await enginesFor('regional_settings');
const dir = mkdtempSync(join(tmpdir(), 'cakupan-store-regional-'));

describe.each(engines)('regional settings, boundaries and approved reports (%s)', (engine, url, shards) => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ databaseUrl: url, shards, dataDir: join(dir, `db-${engine}`) });
  });
  afterAll(async () => store.close());

  it("keeps each region's own settings, and the audit log names the fields changed", async () => {
    await store.regionSettings.set('32.76', { issuer: 'Pemerintah Kota Depok', target: { percent: 35, source: 'RPJMD Kota Depok' } }, 'admin');
    await store.regionSettings.set('32', { contact: 'Disnakertrans Jawa Barat' }, 'admin');
    const found = await store.regionSettings.of(['32.76.01.1001', '32.01.01.2001']);
    expect([...found.keys()].sort()).toEqual(['32', '32.76']);
    expect(found.get('32.76')!.settings).toEqual({ issuer: 'Pemerintah Kota Depok', target: { percent: 35, source: 'RPJMD Kota Depok' } });
    await store.regionSettings.set('32', null, 'admin');
    expect([...(await store.regionSettings.of(['32.76'])).keys()]).toEqual(['32.76']);
    const log = await store.auditLog({ limit: 3 });
    expect(log.map((l) => [l.action, l.subject, l.detail])).toEqual([
      ['region-settings.remove', '32', { fields: ['contact'] }],
      ['region-settings.set', '32', { fields: ['contact'] }],
      ['region-settings.set', '32.76', { fields: ['issuer', 'target'] }],
    ]);
  });

  it('keeps every boundary upload, the newest in force, and puts an older one back', async () => {
    const first = await store.boundaries.add({ regionCode: '32.76', geojson: '{"type":"FeatureCollection","features":[]}', attribution: 'A', features: 0, sourceSha256: 'a'.repeat(64), by: 'admin' });
    await store.boundaries.add({ regionCode: '32.76', geojson: '{"type":"FeatureCollection","features":[1]}', attribution: 'B', features: 1, sourceSha256: 'b'.repeat(64), by: 'admin' });
    expect((await store.boundaries.for(['32', '32.76', '32.76.01']))?.attribution).toBe('B');
    expect(await store.boundaries.for(['32', '32.01'])).toBeUndefined();
    const back = await store.boundaries.restore('32.76', first.id, 'admin');
    expect(back).toMatchObject({ attribution: 'A', features: 0 });
    expect((await store.boundaries.versions('32.76')).map((v) => v.attribution)).toEqual(['A', 'B', 'A']);
    expect(await store.boundaries.restore('32.01', first.id, 'admin')).toBeUndefined();
  });

  it('freezes an approved month and numbers its corrections, each with its reason', async () => {
    const pdf = new Uint8Array([37, 80, 68, 70, 0, 255, 1]);
    const base = { regionCode: '32.76', month: '2026-10', figures: { covered: 1 }, sha256: 'c'.repeat(64), by: 'kadis' };
    const r1 = await store.monthlyReports.approve({ ...base, pdf, reason: null, expectedRevision: 0 });
    expect(r1).toMatchObject({ revision: 1, reason: null, approvedBy: 'kadis' });
    await expect(store.monthlyReports.approve({ ...base, pdf, reason: null, expectedRevision: 1 })).rejects.toBeInstanceOf(ReportApprovalConflict);
    await expect(store.monthlyReports.approve({ ...base, pdf, reason: 'stale', expectedRevision: 0 })).rejects.toThrow(/revision 1 .* is the latest/);
    const r2 = await store.monthlyReports.approve({ ...base, pdf: new Uint8Array([1, 2]), figures: { covered: 2 }, reason: 'late BPJS export', expectedRevision: 1 });
    expect(r2).toMatchObject({ revision: 2, reason: 'late BPJS export' });
    const kept = await store.monthlyReports.get('32.76', '2026-10', 1);
    expect(Buffer.from(kept!.pdf).equals(Buffer.from(pdf))).toBe(true);
    expect(kept!.figures).toEqual({ covered: 1 });
    expect((await store.monthlyReports.get('32.76', '2026-10'))!.revision).toBe(2);
    expect((await store.monthlyReports.list('32.76')).map((r) => [r.month, r.revision])).toEqual([
      ['2026-10', 2],
      ['2026-10', 1],
    ]);
    expect(await store.monthlyReports.get('32.01', '2026-10')).toBeUndefined();
  });
});
