/**
 * A synthetic, realistic city (Kota Bogor unless given another's villages) for demos, tests and benchmarks: real district and village
 * codes, RW/RT, valid NIKs, the PU/BPU mix of the 2017 figures, duplicates, commuters, inactive
 * and ended accounts, persons with several accounts and under-age participants.
 *
 * Deterministic: the same options give the same city in every runtime and time zone.
 */
import { KOTA_BOGOR_REGIONS } from '../region/data/kotaBogor.js';
import { pad3 } from '../region/region.js';
import { formatDateNumber, daysInMonth } from '../date/calendarDate.js';
import type { ParticipantRecord, ResidentRecord } from '../coverage/records.js';
import type { EmployerRecord } from '../employer/compliance.js';
import { OCCUPATIONS } from '../occupation/occupation.js';

/** Options of {@link generateCity}. */
export interface GenerateCityOptions {
  /** Residents aged 18+ on `asOf` (Kota Bogor 2017: 600,815). */
  adults: number;
  /** Seed of the pseudo-random generator. Default 1. */
  seed?: number;
  /** Reference date (ISO). Default `2017-12-31`. */
  asOf?: string;
  /** Minors per adult. Default 0.45. */
  minorsPerAdult?: number;
  /** Share of adults with an active PU account. Default 92,550 / 600,815. */
  puShare?: number;
  /** Share of adults with an active BPU account. Default 3,815 / 600,815. */
  bpuShare?: number;
  /** Employers to generate. Default adults / 100. */
  employers?: number;
  /**
   * The village codes (dotted or not) residents and employers live in: any city's or regency's
   * (core's `childRegions`, after `useAllRegions()`). Default Kota Bogor's 68.
   */
  villages?: readonly string[];
}

/** A generated city. */
export interface SyntheticCity {
  residents: ResidentRecord[];
  participants: ParticipantRecord[];
  employers: EmployerRecord[];
}

/**
 * Generates a synthetic city: Kota Bogor, or the villages given.
 *
 * Limits: `adults` from 0 to 10,000,000. NIK serials are unique per district and birth date up to
 * 9,999 people. The register gives about 1 in 1,000 residents twice (duplicates) and about 1 in 500
 * a register birth date that differs from the NIK's; about 10 % of participant accounts belong to
 * commuters who are not in the register. Each resident has an occupation as SIAK names it (about 1
 * in 200 none): about half of the adults work, nine in ten of those with an active account; the
 * occupations come from a generator of their own, so the rest of the city is as without them.
 *
 * @throws {RangeError} for an `adults` count out of range, or `villages` empty or not village codes
 */
export function generateCity(options: GenerateCityOptions): SyntheticCity {
  const adults = options.adults;
  if (!Number.isInteger(adults) || adults < 0 || adults > 10_000_000) throw new RangeError('adults must be an integer 0–10,000,000');
  const rand = mulberry32(options.seed ?? 1);
  const jobRand = mulberry32(((options.seed ?? 1) ^ 0x5eed0b) >>> 0);
  const asOfYear = Number((options.asOf ?? '2017-12-31').slice(0, 4));
  const minors = Math.round(adults * (options.minorsPerAdult ?? 0.45));
  const puShare = options.puShare ?? 92550 / 600815;
  const bpuShare = options.bpuShare ?? 3815 / 600815;
  const villages = (options.villages ?? KOTA_BOGOR_REGIONS.filter(([c]) => c.length === 13).map(([c]) => c)).map((c) => c.replaceAll('.', ''));
  if (villages.length === 0 || villages.some((v) => !/^\d{6}[123]\d{3}$/.test(v))) throw new RangeError('villages must be one or more village codes (10 digits, dotted or not)');
  const serials = new Map<string, number>();
  const residents: ResidentRecord[] = [];
  const participants: ParticipantRecord[] = [];

  const makeNik = (districtPrefix: string, year: number, month: number, day: number, female: boolean): string => {
    const ddmmyy = `${pad2(female ? day + 40 : day)}${pad2(month)}${pad2(year % 100)}`;
    const key = districtPrefix + ddmmyy;
    const serial = (serials.get(key) ?? 0) + 1;
    serials.set(key, serial);
    // join() gives a flat string, as parsed CSV or JSON would (a template literal gives a rope)
    return [key, String(serial % 10000 || 1).padStart(4, '0')].join('');
  };
  const randomBirth = (minAge: number, maxAge: number) => {
    const year = asOfYear - minAge - 1 - Math.floor(rand() * (maxAge - minAge));
    const month = 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * daysInMonth(year, month));
    return { year, month, day };
  };

  const total = adults + minors;
  for (let i = 0; i < total; i++) {
    const adult = i < adults;
    const village = villages[Math.floor(rand() * villages.length)]!;
    const villageNo = Number(village.slice(6));
    const rw = 1 + Math.floor(rand() * (8 + (villageNo % 9)));
    const rt = 1 + Math.floor(rand() * 6);
    const { year, month, day } = adult ? randomBirth(18, 80) : randomBirth(0, 17);
    const female = rand() < 0.5;
    // most NIKs were issued in the person's district; some elsewhere in West Java
    const issuedIn = rand() < 0.9 ? village.slice(0, 6) : `32${pad2(1 + Math.floor(rand() * 18))}${pad2(1 + Math.floor(rand() * 30))}`;
    const nik = makeNik(issuedIn, year, month, day, female);
    let birthDate = formatDateNumber(year * 10000 + month * 100 + day);
    if (rand() < 0.002) birthDate = formatDateNumber(year * 10000 + month * 100 + Math.max(1, day - 1 || 2));
    const record: ResidentRecord = {
      nik,
      familyNumber: `${village.slice(0, 6)}${String(Math.floor(rand() * 1e10)).padStart(10, '0')}`,
      name: `Warga ${i + 1}`,
      birthDate,
      sex: female ? 'female' : 'male',
      villageCode: village,
      rw: pad3(rw),
      rt: pad3(rt),
    };
    residents.push(record);
    const duplicate: ResidentRecord | undefined = rand() < 0.001 ? { ...record, name: `${record.name} (duplikat)` } : undefined;
    if (duplicate) residents.push(duplicate);

    const r = rand();
    const occupation = occupationOf(jobRand, adult, adult && r < puShare + bpuShare);
    if (occupation !== undefined) {
      record.occupation = occupation;
      if (duplicate) duplicate.occupation = occupation;
    }
    const asOf = `${asOfYear}-12-31`;
    if (adult && r < puShare) {
      participants.push(account(rand, nik, 'PU', asOfYear));
      if (rand() < 0.03) participants.push(account(rand, nik, rand() < 0.5 ? 'BPU' : 'PU', asOfYear));
    } else if (adult && r < puShare + bpuShare) {
      participants.push(account(rand, nik, 'BPU', asOfYear));
    } else if (adult && r < puShare + bpuShare + 0.02) {
      // lapsed: inactive or ended before the reference date
      participants.push({ ...account(rand, nik, rand() < 0.5 ? 'BPU' : 'PU', asOfYear), status: rand() < 0.5 ? 'nonaktif' : 'aktif', endedOn: asOf });
    } else if (!adult && r < 0.002) {
      participants.push(account(rand, nik, 'BPU', asOfYear)); // under-age participant
    } else if (adult && r > 0.999) {
      participants.push(account(rand, nik, rand() < 0.5 ? 'JAKON' : 'PMI', asOfYear));
    }
  }
  // commuters: work (and are registered) in Kota Bogor, live elsewhere
  const commuters = Math.round(participants.length * 0.1);
  for (let i = 0; i < commuters; i++) {
    const { year, month, day } = randomBirth(18, 60);
    const nik = makeNik(`32${pad2(1 + Math.floor(rand() * 18))}${pad2(1 + Math.floor(rand() * 30))}`, year, month, day, rand() < 0.5);
    participants.push(account(rand, nik, 'PU', asOfYear));
  }
  // shuffle participants so that accounts of one person are not adjacent
  for (let i = participants.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [participants[i], participants[j]] = [participants[j]!, participants[i]!];
  }

  const employerCount = options.employers ?? Math.round(adults / 100);
  const employers: EmployerRecord[] = [];
  for (let i = 0; i < employerCount; i++) {
    const village = villages[Math.floor(rand() * villages.length)]!;
    const registered = rand() < 0.6;
    employers.push({
      id: `91200${String(i + 1).padStart(8, '0')}`,
      name: `${['CV', 'PT', 'UD', 'Toko'][Math.floor(rand() * 4)]} Usaha ${i + 1}`,
      villageCode: village,
      rw: 1 + Math.floor(rand() * 8),
      rt: 1 + Math.floor(rand() * 6),
      ...(registered && { npp: String(10000000 + Math.floor(rand() * 89999999)), status: rand() < 0.9 ? 'aktif' : 'nonaktif' }),
    });
  }
  return { residents, participants, employers };
}

/** Working occupations a synthetic worker is given, by SIAK code, with their weights. */
const WORKING_PICKS: readonly (readonly [number, number])[] = [[15, 40], [88, 20], [19, 10], [5, 6], [84, 6], [16, 3], [18, 3], [81, 3], [65, 3], [8, 3], [26, 1], [30, 1], [72, 1]];
/** Occupations of adults who do not work: not working, keeping house, in school, retired. */
const IDLE_PICKS: readonly (readonly [number, number])[] = [[1, 35], [2, 40], [3, 15], [4, 10]];

function pick(rand: () => number, picks: readonly (readonly [number, number])[]): string {
  const total = picks.reduce((n, [, w]) => n + w, 0);
  let x = rand() * total;
  for (const [code, weight] of picks) if ((x -= weight) < 0) return OCCUPATIONS[code - 1]!.name;
  return OCCUPATIONS[picks[picks.length - 1]![0] - 1]!.name;
}

/** A synthetic resident's occupation, or none (1 in 200). */
function occupationOf(rand: () => number, adult: boolean, withAccount: boolean): string | undefined {
  if (rand() < 0.005) return undefined;
  if (!adult) return pick(rand, [[3, 70], [1, 30]]);
  return rand() < (withAccount ? 0.9 : 0.5) ? pick(rand, WORKING_PICKS) : pick(rand, IDLE_PICKS);
}

function account(rand: () => number, nik: string, segment: ParticipantRecord['segment'], asOfYear: number): ParticipantRecord {
  const year = asOfYear - Math.floor(rand() * 10);
  const month = 1 + Math.floor(rand() * 12);
  const registeredOn = formatDateNumber(year * 10000 + month * 100 + 1 + Math.floor(rand() * 28));
  return {
    nik,
    kpj: String(10000000000 + Math.floor(rand() * 89999999999)),
    segment,
    status: rand() < 0.5 ? 'aktif' : 'active',
    registeredOn,
    ...(segment === 'PU' && { employerNpp: String(10000000 + Math.floor(rand() * 89999999)) }),
  };
}

/** A small, fast, seedable PRNG (mulberry32). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
