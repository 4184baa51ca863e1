/**
 * A resident's occupation (*jenis pekerjaan*, SIAK's `JENIS_PKRJN`) as the civil register writes it,
 * and the one rule of which occupations count as **working**: the denominator of coverage of
 * workers aged 18+ (*pekerja usia 18 tahun ke atas*), beside that of all residents 18+.
 *
 * The list is the 89 entries of the register's occupation field (Dukcapil's biodata form F-1.01 and
 * SIAK's code table; the same list is printed on KTP and KK cards). The register writes either the
 * name (`KARYAWAN SWASTA`) or the code (`15`).
 *
 * **Who counts as working.** Every occupation but the four that name no economic activity:
 * `1 BELUM/TIDAK BEKERJA` (not working, or not yet), `2 MENGURUS RUMAH TANGGA` (keeping house),
 * `3 PELAJAR/MAHASISWA` (in school or university) and `4 PENSIUNAN` (retired). These are the
 * groups Statistics Indonesia (BPS, *Survei Angkatan Kerja Nasional*) counts outside the employed:
 * those not working, keeping house and in school are not in the labour force or are unemployed; the
 * retired are not working. `89 LAINNYA` (an occupation not on the list) counts as working.
 *
 * Limits: the register's occupation is what a resident declared when their card was last issued,
 * not a labour-force survey; a resident whose occupation is not recorded is counted among residents
 * 18+ but in neither the workers nor the non-workers.
 */

/** One entry of the register's occupation list. */
export interface Occupation {
  /** SIAK's code, 1–89. */
  readonly code: number;
  /** The name as SIAK writes it. */
  readonly name: string;
  /** Whether residents with this occupation count as workers. */
  readonly working: boolean;
}

/** The codes of the occupations that do not count as working (see the module's documentation). */
export const NOT_WORKING_OCCUPATION_CODES: readonly number[] = Object.freeze([1, 2, 3, 4]);

const NAMES = [
  'BELUM/TIDAK BEKERJA', 'MENGURUS RUMAH TANGGA', 'PELAJAR/MAHASISWA', 'PENSIUNAN', 'PEGAWAI NEGERI SIPIL',
  'TENTARA NASIONAL INDONESIA', 'KEPOLISIAN RI', 'PERDAGANGAN', 'PETANI/PEKEBUN', 'PETERNAK',
  'NELAYAN/PERIKANAN', 'INDUSTRI', 'KONSTRUKSI', 'TRANSPORTASI', 'KARYAWAN SWASTA',
  'KARYAWAN BUMN', 'KARYAWAN BUMD', 'KARYAWAN HONORER', 'BURUH HARIAN LEPAS', 'BURUH TANI/PERKEBUNAN',
  'BURUH NELAYAN/PERIKANAN', 'BURUH PETERNAKAN', 'PEMBANTU RUMAH TANGGA', 'TUKANG CUKUR', 'TUKANG LISTRIK',
  'TUKANG BATU', 'TUKANG KAYU', 'TUKANG SOL SEPATU', 'TUKANG LAS/PANDAI BESI', 'TUKANG JAHIT',
  'TUKANG GIGI', 'PENATA RIAS', 'PENATA BUSANA', 'PENATA RAMBUT', 'MEKANIK',
  'SENIMAN', 'TABIB', 'PARAJI', 'PERANCANG BUSANA', 'PENTERJEMAH',
  'IMAM MASJID', 'PENDETA', 'PASTOR', 'WARTAWAN', 'USTADZ/MUBALIGH',
  'JURU MASAK', 'PROMOTOR ACARA', 'ANGGOTA DPR-RI', 'ANGGOTA DPD', 'ANGGOTA BPK',
  'PRESIDEN', 'WAKIL PRESIDEN', 'ANGGOTA MAHKAMAH KONSTITUSI', 'ANGGOTA KABINET/KEMENTERIAN', 'DUTA BESAR',
  'GUBERNUR', 'WAKIL GUBERNUR', 'BUPATI', 'WAKIL BUPATI', 'WALIKOTA',
  'WAKIL WALIKOTA', 'ANGGOTA DPRD PROPINSI', 'ANGGOTA DPRD KABUPATEN/KOTA', 'DOSEN', 'GURU',
  'PILOT', 'PENGACARA', 'NOTARIS', 'ARSITEK', 'AKUNTAN',
  'KONSULTAN', 'DOKTER', 'BIDAN', 'PERAWAT', 'APOTEKER',
  'PSIKIATER/PSIKOLOG', 'PENYIAR TELEVISI', 'PENYIAR RADIO', 'PELAUT', 'PENELITI',
  'SOPIR', 'PIALANG', 'PARANORMAL', 'PEDAGANG', 'PERANGKAT DESA',
  'KEPALA DESA', 'BIARAWATI', 'WIRASWASTA', 'LAINNYA',
] as const;

/** The register's 89 occupations, by code (see the module's documentation for the source). */
export const OCCUPATIONS: readonly Occupation[] = Object.freeze(
  NAMES.map((name, i) => Object.freeze({ code: i + 1, name, working: !NOT_WORKING_OCCUPATION_CODES.includes(i + 1) })),
);

/** Other ways exports write an occupation, folded, and its code. */
const ALIASES: Readonly<Record<string, number>> = {
  'belum bekerja': 1, 'tidak bekerja': 1, 'tidak/belum bekerja': 1, 'belum/tidak bekerja': 1, 'tidak kerja': 1,
  'ibu rumah tangga': 2, irt: 2, 'mengurus rumah tangga': 2,
  pelajar: 3, mahasiswa: 3, 'pelajar/mahasiswa': 3, 'mahasiswa/pelajar': 3,
  pensiun: 4, purnawirawan: 4,
  pns: 5, 'pegawai negeri sipil (pns)': 5, 'pegawai negeri': 5, asn: 5,
  tni: 6, 'tentara nasional indonesia (tni)': 6,
  polri: 7, 'kepolisian ri (polri)': 7, 'kepolisian republik indonesia': 7,
  petani: 9, pekebun: 9, nelayan: 11, perikanan: 11,
  'karyawan honorer': 18, honorer: 18, buruh: 19, 'buruh harian': 19,
  'dpr-ri': 48, 'anggota dpr ri': 48, 'wali kota': 60, 'wakil wali kota': 61, 'anggota dprd provinsi': 62,
  penerjemah: 40, ustadz: 45, 'ustad/mubaligh': 45, supir: 81, lain: 89, 'lain-lain': 89, lainnya: 89,
};

const fold = (text: string): string => text.trim().toLowerCase().replace(/\s*\/\s*/g, '/').replace(/\s+/g, ' ').replace(/\.$/, '');

const BY_NAME: ReadonlyMap<string, number> = new Map([...OCCUPATIONS.map((o) => [fold(o.name), o.code] as const), ...Object.entries(ALIASES)]);

/**
 * The SIAK code (1–89) of an occupation written as the register writes it — its name in any case
 * and spacing (`Karyawan Swasta`), a common other name (`PNS`, `IBU RUMAH TANGGA`) or its code
 * (`15`, `"015"`); `undefined` for anything else, and for an empty cell.
 *
 * @example
 * parseOccupation('KARYAWAN SWASTA') //=> 15
 * parseOccupation('belum / tidak bekerja') //=> 1
 * parseOccupation(88) //=> 88
 * parseOccupation('ASTRONOT') //=> undefined
 */
export function parseOccupation(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1 && value <= OCCUPATIONS.length ? value : undefined;
  if (typeof value !== 'string') return undefined;
  // a register writes a few dozen spellings a million times: each is folded once (BENCHMARKS.md §15)
  const seen = READ.get(value);
  if (seen !== undefined || READ.has(value)) return seen;
  const text = fold(value);
  const code = /^\d{1,3}$/.test(text) ? parseOccupation(Number(text)) : BY_NAME.get(text);
  if (READ.size < MAX_READ) READ.set(value, code);
  return code;
}

/** The spellings read so far and their codes; at most {@link MAX_READ} (then each further one is folded anew). */
const READ = new Map<string, number | undefined>();
const MAX_READ = 4096;

/**
 * Whether the occupation of SIAK code `code` counts as working (every code 1–89 but those of
 * {@link NOT_WORKING_OCCUPATION_CODES}).
 *
 * @throws {RangeError} for a code that is not 1–89
 * @example
 * isWorkingOccupation(15) //=> true (KARYAWAN SWASTA)
 * isWorkingOccupation(3) //=> false (PELAJAR/MAHASISWA)
 */
export function isWorkingOccupation(code: number): boolean {
  const occupation = OCCUPATIONS[code - 1];
  if (occupation === undefined || occupation.code !== code) throw new RangeError(`an occupation code is 1–${OCCUPATIONS.length}, not ${code}`);
  return occupation.working;
}
