// The chaos suite: the real service hurt while it works — its database process killed (-9) and
// stopped (SIGSTOP) during imports, participant events, printing and reports; its disk filled; the
// PostgreSQL server restarted under load. After each: no data lost (the figures equal those before,
// or those the applied change gives), no serial issued twice, never an answer but a 2xx, a 4xx or
// the documented 503/507, and the service ready again within HEAL_MS. Seeded: the faults land at
// the same moments every run.
import { execFile, execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writeSyntheticCity } from '@cakupan/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { after, importForm, type Service, startService } from '../test/service.js';

/** How soon the service answers again after a fault, at most. */
const HEAL_MS = 20_000;
const AS_OF = '2017-12-31';
/** Seeded fractions in [0, 1): the faults' moments, the same every run. */
const fractions = fc.sample(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { seed: 20261202, numRuns: 64 });
let drawn = 0;
/** A moment in [from, to) ms, the next of the seeded fractions. */
const moment = (from: number, to: number) => Math.floor(from + fractions[drawn++ % fractions.length]! * (to - from));

const cities = mkdtempSync(join(tmpdir(), 'cakupan-chaos-cities-'));
const file = (city: string, kind: string) => readFileSync(join(cities, city, `${kind}.csv`), 'utf8');

/** Answers the service may give under a fault: anything else (a 500, a hang) fails the suite. */
const ALLOWED = new Set([200, 201, 409, 503, 507]);

async function importFile(s: Service, kind: string, csv: string, fields: Record<string, string> = {}) {
  const form = importForm({ kind, asOf: AS_OF, ...fields }, csv, `${kind}.csv`);
  return s.ask('/v1/imports', { method: 'POST', body: form.body, headers: form.headers });
}

interface Figures {
  eligible: number;
  covered: number;
}
async function cityFigures(s: Service): Promise<Figures> {
  const report = await s.json<{ regions: { code: string; eligible: number; covered: number }[] }>(`/v1/coverage?asOf=${AS_OF}&level=city`);
  const city = report.regions.find((r) => r.code === '32.71')!;
  return { eligible: city.eligible, covered: city.covered };
}

/** Every sticker serial in the register, page by page. */
async function allSerials(s: Service): Promise<number[]> {
  const serials: number[] = [];
  let after: number | null = null;
  do {
    const page: { stickers: { serial: number }[]; next: number | null } = await s.json(`/v1/stickers?limit=1000${after === null ? '' : `&after=${after}`}`);
    serials.push(...page.stickers.map((x) => x.serial));
    after = page.next;
  } while (after !== null);
  return serials;
}

/** Uncovered residents aged 18+ of a city's files: who a `registered` event makes covered. */
function uncoveredAdults(city: string, count: number): string[] {
  return uncovered(file(city, 'residents'), file(city, 'participants'), count);
}

/** Residents born by mid-1999 with no account, each NIK once in the register (a repeated NIK is rejected on import). */
function uncovered(residentsCsv: string, participantsCsv: string, count: number): string[] {
  const covered = new Set(participantsCsv.trim().split('\n').slice(1).map((l) => l.split(',')[0]!));
  const rows = residentsCsv.trim().split('\n').slice(1).map((l) => l.split(','));
  const times = new Map<string, number>();
  for (const c of rows) times.set(c[0]!, (times.get(c[0]!) ?? 0) + 1);
  return rows
    .filter((c) => c[3]! <= '1999-06-01' && !covered.has(c[0]!) && times.get(c[0]!) === 1)
    .slice(0, count)
    .map((c) => c[0]!);
}

/**
 * Sends a `registered` event for each NIK (at most `parallel` at once) until every one is applied,
 * calling `hurt` once `hurtAfter` have been sent. Returns every status seen.
 */
async function registerAll(s: Service, niks: readonly string[], tag: string, hurt: () => void, hurtAfter: number, parallel = 4): Promise<number[]> {
  const statuses: number[] = [];
  let pending = [...niks.keys()];
  let sent = 0;
  for (let round = 0; pending.length > 0 && round < 40; round++) {
    const failed: number[] = [];
    for (let i = 0; i < pending.length; i += parallel) {
      await Promise.all(
        pending.slice(i, i + parallel).map(async (k) => {
          if (sent++ === hurtAfter) hurt();
          const body = JSON.stringify({ type: 'registered', eventId: `${tag}-${k}`, kpj: `${tag}${k}`.slice(0, 32), occurredOn: '2017-06-01', nik: niks[k], segment: 'BPU' });
          const res = await s.ask('/v1/participants/events', { method: 'POST', body, headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(45_000) });
          statuses.push(res.status);
          if (res.status >= 300) failed.push(k);
        }),
      );
    }
    pending = failed;
    if (pending.length > 0) await s.ready(HEAL_MS);
  }
  expect(pending, 'events never applied').toEqual([]);
  return statuses;
}

describe('the embedded database process hurt while the service works', () => {
  let s: Service;
  beforeAll(async () => {
    await writeSyntheticCity(join(cities, 'a'), { adults: 12_000, seed: 1, asOf: AS_OF });
    await writeSyntheticCity(join(cities, 'b'), { adults: 12_000, seed: 2, asOf: AS_OF });
    s = await startService();
    for (const kind of ['residents', 'participants', 'employers']) expect((await importFile(s, kind, file('a', kind))).status).toBe(201);
  });
  afterAll(async () => {
    await s?.stop();
    expect(s?.stderr() ?? '').toBe('');
  });

  for (const [k, signal] of (['SIGSTOP', 'SIGKILL'] as const).entries()) {
    it(`${signal} during participant events: every event applied once, no answer but 2xx or 503, healed in time`, async () => {
      const before = await cityFigures(s);
      // new NIKs each time: the first 150 uncovered adults, then the next 150
      const niks = uncoveredAdults('a', 300).slice(k * 150, (k + 1) * 150);
      expect(niks).toHaveLength(150);
      let hurtAt = 0;
      let database = 0;
      const statuses = await registerAll(
        s,
        niks,
        `ev${signal}`,
        () => {
          database = s.databasePid();
          hurtAt = Date.now();
          process.kill(database, signal);
        },
        moment(10, 60),
      );
      const healedIn = Date.now() - hurtAt;
      expect(statuses.every((x) => x === 201 || x === 503), statuses.join(',')).toBe(true);
      expect(statuses).toContain(503);
      expect(healedIn).toBeLessThan(HEAL_MS);
      // the hurt process was replaced
      expect(s.databasePid()).not.toBe(database);
      expect(await cityFigures(s)).toEqual({ eligible: before.eligible, covered: before.covered + niks.length });
    });
  }

  for (const signal of ['SIGKILL', 'SIGSTOP'] as const) {
    it(`${signal} during printing: no serial issued twice, and the next job continues above them`, async () => {
      const subjects = Array.from({ length: 600 }, (_, i) => ({ kind: 'employer', id: `CHAOS${i}`, name: `CV Chaos ${i}`, villageCode: '3271011001', rw: 3, rt: 5, npp: `${15070000 + i}`, status: 'active' }));
      const body = JSON.stringify({ subjects });
      const job = s.ask('/v1/stickers?facts=request', { method: 'POST', body, headers: { 'content-type': 'application/json' } }).catch(() => ({ status: 0 }));
      await after(moment(50, 600));
      expect(await s.hurtDatabase(signal, HEAL_MS)).toBeLessThan(HEAL_MS);
      // a job cut off mid-answer is a broken body (status 0 here), never a complete-looking PDF of what the register lacks
      expect([0, 200, 503]).toContain((await job).status);
      const serials = await allSerials(s);
      expect(new Set(serials).size).toBe(serials.length);
      const next = await s.ask('/v1/stickers?facts=request', { method: 'POST', body: JSON.stringify({ subjects: subjects.slice(0, 2) }), headers: { 'content-type': 'application/json' } });
      expect(next.status).toBe(200);
      expect(Number(next.headers.get('x-first-serial'))).toBeGreaterThan(Math.max(0, ...serials));
    });
  }

  for (const signal of ['SIGKILL', 'SIGSTOP'] as const) {
    it(`${signal} during monthly reports: 200 or 503, then a whole report`, async () => {
      const reports = Array.from({ length: 2 }, () => s.ask('/v1/reports/monthly?region=3271&month=2017-12'));
      await after(moment(20, 300));
      expect(await s.hurtDatabase(signal, HEAL_MS)).toBeLessThan(HEAL_MS);
      for (const r of await Promise.all(reports)) expect([200, 503]).toContain(r.status);
      const report = await s.ask('/v1/reports/monthly?region=3271&month=2017-12');
      expect(report.status).toBe(200);
      expect(report.body.subarray(0, 5).toString()).toBe('%PDF-');
    });
  }

  it('SIGKILL, then SIGSTOP, during an import of another register: the figures are those before or those of the applied import, nothing between', async () => {
    let inForce = 'a'; // the register of which city's files
    for (const round of [1, 2]) {
      const before = await cityFigures(s);
      const inForceBefore = await residentsInForce(s);
      const next = inForce === 'a' ? 'b' : 'a';
      // replacing the whole register asks for confirmation: the preview gives the token and the figures after
      const asked = await importFile(s, 'residents', file(next, 'residents'));
      expect(asked.status).toBe(409);
      const preview = JSON.parse(asked.body.toString()).preview as { confirm: string; coverage: { region: string; after: Figures }[] };
      const expected = preview.coverage.find((c) => c.region === '32.71')!.after!;
      const applying = importFile(s, 'residents', file(next, 'residents'), { confirm: preview.confirm });
      await after(moment(100, 1500));
      expect(await s.hurtDatabase(round === 1 ? 'SIGKILL' : 'SIGSTOP', HEAL_MS)).toBeLessThan(HEAL_MS);
      const answer = await applying;
      expect(ALLOWED.has(answer.status), answer.body.toString().slice(0, 200)).toBe(true);
      const now = await cityFigures(s);
      const applied = (await residentsInForce(s)) !== inForceBefore;
      // an answered 201 is applied; applied ⇔ its figures, not applied ⇔ those before: nothing between
      expect(applied || answer.status !== 201).toBe(true);
      expect(now).toEqual(applied ? { eligible: expected.eligible, covered: expected.covered } : before);
      if (applied) inForce = next;
    }
  });
});

/** The id of the residents import in force. */
async function residentsInForce(s: Service): Promise<number> {
  const { imports } = await s.json<{ imports: { id: number; kind: string; status: string }[] }>('/v1/imports');
  return imports.find((i) => i.kind === 'residents' && i.status === 'applied')!.id;
}

const root = process.getuid?.() === 0;
describe.skipIf(!root)('a disk that fills', () => {
  let s: Service;
  let mount: string;
  beforeAll(async () => {
    mount = join(mkdtempSync(join(tmpdir(), 'cakupan-chaos-disk-')), 'data');
    mkdirSync(mount);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=160m', 'tmpfs', mount]);
    s = await startService({ DATA_DIR: join(mount, 'data'), SAMPLE_CITY: 'on' });
  });
  afterAll(async () => {
    await s?.stop();
    execFileSync('umount', ['-l', mount]);
  });

  it('answers 507 to every write while it is full, changes nothing, stays up, and works again once space is freed', async () => {
    const before = await cityFigures(s);
    const fewer = readFileSync(join(import.meta.dirname, '..', 'sample', 'residents.csv'), 'utf8').trim().split('\n');
    const changed = `${fewer.filter((_, i) => i === 0 || i % 50 !== 0).join('\n')}\n`;
    const preview = JSON.parse((await importFile(s, 'residents', changed, { dryRun: 'true' })).body.toString()).preview as { coverage: { region: string; after: Figures }[] };
    const expected = preview.coverage.find((c) => c.region === '32.71')!.after;
    // fill the disk to the last byte
    const filler = join(mount, 'filler');
    const fd = openSync(filler, 'w');
    const block = Buffer.alloc(1 << 20);
    try {
      for (;;) writeSync(fd, block);
    } catch (err) {
      expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      closeSync(fd);
    }
    const refused = await importFile(s, 'residents', changed);
    expect([507, 503]).toContain(refused.status);
    const event = await s.ask('/v1/participants/events', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'registered', eventId: 'disk-1', kpj: 'DISK1', occurredOn: '2017-06-01', nik: uncoveredAdultsOfSample(1)[0], segment: 'BPU' }) });
    expect([507, 503]).toContain(event.status);
    const stickers = await s.ask('/v1/stickers?facts=request', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subjects: [{ kind: 'employer', id: 'DISK', name: 'CV Disk', villageCode: '3271011001', rw: 3, rt: 5, npp: '15070955', status: 'active' }] }) });
    expect([507, 503]).toContain(stickers.status);
    expect((await fetch(`${s.base}/health/live`)).status).toBe(200);
    rmSync(filler);
    await s.ready(HEAL_MS);
    expect(await cityFigures(s)).toEqual(before);
    expect((await importFile(s, 'residents', changed)).status).toBe(201);
    expect(await cityFigures(s)).toEqual({ eligible: expected.eligible, covered: expected.covered });
  });
});

const databaseUrl = process.env.DATABASE_URL;
describe.skipIf(!databaseUrl)('PostgreSQL restarted under load', () => {
  let s: Service;
  let name: string;
  const url = new URL(databaseUrl ?? 'postgresql://localhost/postgres');
  const admin = async (sql: string) => {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  beforeAll(async () => {
    name = `cakupan_chaos_${process.pid}`;
    await admin(`create database ${name}`);
    url.pathname = `/${name}`;
    s = await startService({ DATABASE_URL: url.toString(), SAMPLE_CITY: 'on' });
  });
  afterAll(async () => {
    await s?.stop();
    await admin(`drop database if exists ${name}`);
  });

  it('answers 503 while the server is down, never a 500 or a hang, heals by itself, and loses no event', async () => {
    const before = await cityFigures(s);
    // the cluster of .ci/start-postgres.sh: its data folder beside the socket folder
    const socketDir = url.searchParams.get('host')!;
    const bin = execFileSync('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1'], { encoding: 'utf8' }).trim();
    const niks = uncoveredAdultsOfSample(300);
    let restarted: Promise<unknown> | undefined;
    const statuses = await registerAll(
      s,
      niks,
      'pg',
      () => {
        // while the events keep coming
        restarted = promisify(execFile)('runuser', ['-u', 'postgres', '--', `${bin}/pg_ctl`, '-D', join(socketDir, 'data'), '-o', `-k ${socketDir} -c listen_addresses=''`, '-l', join(socketDir, 'log'), '-m', 'fast', '-w', 'restart']);
      },
      moment(10, 40),
    );
    await restarted;
    expect(statuses.every((x) => x === 201 || x === 503), statuses.join(',')).toBe(true);
    expect(statuses).toContain(503);
    expect(await s.ready(HEAL_MS)).toBeLessThan(HEAL_MS);
    expect(await cityFigures(s)).toEqual({ eligible: before.eligible, covered: before.covered + niks.length });
  });
});

/** Uncovered adults of the sample city. */
function uncoveredAdultsOfSample(count: number): string[] {
  const dir = join(import.meta.dirname, '..', 'sample');
  return uncovered(readFileSync(join(dir, 'residents.csv'), 'utf8'), readFileSync(join(dir, 'participants.csv'), 'utf8'), count);
}
