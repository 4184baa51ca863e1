/**
 * The monthly report's own words (headings, labels, notes of the letter and its annex) in the
 * region's language of official text (`RegionSettings.language`): Indonesian, the default, or
 * English. The letter's paragraphs are written in `narrative.ts`; numbers and dates by core's
 * formatters in the same language.
 */
import type { Language, Segment } from '@cakupan/core';

/** The words of one language. */
export interface ReportWords {
  title: string;
  asOf: (date: string) => string;
  number: string;
  enclosure: string;
  enclosureCount: string;
  subject: string;
  subjectText: (month: string) => string;
  draftMark: string;
  to: string;
  inPlace: (place: string) => string;
  annexOf: (number: string) => string;
  coveredOfEligible: (covered: string, eligible: string) => string;
  changeSince: (date: string, points: string, people: string) => string;
  bySegment: string;
  segment: Record<Segment, string>;
  dataAsOf: string;
  register: (date: string) => string;
  participants: (date: string) => string;
  lastEvent: (date: string) => string;
  coverageNote: string;
  workers: string;
  coveredOfWorkers: (pct: string, covered: string, workers: string) => string;
  workersNote: (unknown: string) => string;
  trend: string;
  targetNote: (target: string, source: string) => string;
  targetLabel: (target: string) => string;
  workersLine: string;
  mapTitle: (villages: string) => string;
  mapCredit: (attribution: string) => string;
  noMap: (area: string) => string;
  legend: string;
  lowest: (count: number, word: string) => string;
  unregisteredBy: (word: string) => string;
  employers: string;
  unregistered: string;
  total: string;
  employersNote: string;
  stickeringBy: (word: string, date: string) => string;
  fieldColumns: [string, string, string, string, string, string];
  fieldNote: string;
  quality: string;
  rejectedRows: (residents: string, participants: string) => string;
  notInRegister: (n: string) => string;
  underAge: (n: string) => string;
  severalAccounts: (n: string) => string;
  birthDates: (differ: string, fromNik: string) => string;
  over100: (n: string) => string;
  tableTitle: (word: string, below: string | null) => string;
  region: string;
  residents18: string;
  registered: string;
  coverage: string;
  band: string;
  workerCoverage: string;
  approvedBy: (by: string, date: string) => string;
  revision: (n: number, reason: string) => string;
  draftBanner: string;
  made: (date: string) => string;
  page: (i: number, n: number) => string;
  defaultSignatoryTitle: string;
  noSignatory: string;
  copies: (place: string) => string;
}

const TEN_ID = ['', 'Satu', 'Dua', 'Tiga', 'Empat', 'Lima', 'Enam', 'Tujuh', 'Delapan', 'Sembilan', 'Sepuluh'];

/** The report's words by language. */
export const REPORT_WORDS: Readonly<Record<Language, ReportWords>> = {
  id: {
    title: 'Laporan Bulanan Cakupan BPJS Ketenagakerjaan',
    asOf: (date) => `keadaan per ${date}`,
    number: 'Nomor',
    enclosure: 'Lampiran',
    enclosureCount: '1 (satu) berkas',
    subject: 'Perihal',
    subjectText: (month) => `Laporan Bulanan Cakupan BPJS Ketenagakerjaan, ${month}`,
    draftMark: '(konsep)',
    to: 'Kepada',
    inPlace: (place) => `di ${place}`,
    annexOf: (number) => `Lampiran surat nomor ${number}`,
    coveredOfEligible: (covered, eligible) => `${covered} dari ${eligible} penduduk usia 18+ terdaftar sebagai peserta aktif`,
    changeSince: (date, points, people) => `Perubahan sejak ${date}: ${points} poin (${people} orang)`,
    bySegment: 'Terdaftar per segmen',
    segment: { PU: 'PU (penerima upah)', BPU: 'BPU (bukan penerima upah)', JAKON: 'JAKON (jasa konstruksi)', PMI: 'PMI (pekerja migran)' },
    dataAsOf: 'Data per',
    register: (date) => `Data penduduk (DKB): ${date}`,
    participants: (date) => `Data peserta BPJS: ${date}`,
    lastEvent: (date) => `Peristiwa peserta terakhir: ${date}`,
    coverageNote: 'Cakupan = penduduk usia 18+ dengan sedikitnya satu akun aktif, dibagi penduduk usia 18+ di data kependudukan (tiap orang dihitung sekali).',
    workers: 'Pekerja usia 18+',
    coveredOfWorkers: (pct, covered, workers) => `${pct}: ${covered} dari ${workers} pekerja usia 18+ terdaftar`,
    workersNote: (unknown) => `Pekerja = penduduk usia 18+ yang pekerjaannya di data kependudukan (JENIS_PKRJN) bukan belum/tidak bekerja, mengurus rumah tangga, pelajar/mahasiswa atau pensiunan${unknown === '0' ? '' : `; ${unknown} penduduk usia 18+ tanpa pekerjaan tercatat`}.`,
    trend: 'Tren 24 akhir bulan',
    targetNote: (target, source) => `Garis putus-putus: target ${target} (${source}).`,
    targetLabel: (target) => `target ${target}`,
    workersLine: 'Garis ungu: cakupan pekerja usia 18+.',
    mapTitle: (villages) => `Peta cakupan per ${villages}`,
    mapCredit: (attribution) => `Batas wilayah: ${attribution}. Untuk peta tematik, bukan penegasan batas.`,
    noMap: (area) => `Tidak ada batas wilayah untuk ${area} di penyimpanan: peta tidak dibuat (administrator dapat mengunggahnya).`,
    legend: 'Legenda warna',
    lowest: (count, word) => `${TEN_ID[count] ?? String(count)} ${word} dengan cakupan terendah`,
    unregisteredBy: (word) => `Pemberi kerja belum terdaftar per ${word}`,
    employers: 'Pemberi kerja',
    unregistered: 'Belum terdaftar',
    total: 'Jumlah',
    employersNote: 'Terdaftar = punya NPP dan berstatus aktif (aturan warna stiker). Dari ekspor pemberi kerja dan peristiwa yang diterima.',
    stickeringBy: (word, date) => `Pemasangan stiker per ${word} (keadaan ${date})`,
    fieldColumns: ['Dicetak', 'Terpasang', 'Belum', 'Ganti', 'Dikunjungi', 'Tindak lanjut'],
    fieldNote: 'Terpasang = stiker berlaku yang dicatat terpasang oleh petugas lapangan; Ganti = stiker dicabut yang masih terpasang dan penggantinya belum dipasang; Tindak lanjut = pemberi kerja yang tanggal kunjungan ulangnya sudah tiba.',
    quality: 'Catatan kualitas data',
    rejectedRows: (r, p) => `Baris ditolak saat impor: ${r} baris penduduk, ${p} baris peserta (daftar per baris di menu Impor).`,
    notInRegister: (n) => `Peserta aktif yang tidak ada di data penduduk (seluruh data, mis. penglaju): ${n} orang.`,
    underAge: (n) => `Peserta aktif di bawah usia 18 tahun di wilayah ini: ${n} orang (tidak dihitung dalam cakupan).`,
    severalAccounts: (n) => `Penduduk dengan lebih dari satu akun aktif: ${n} orang (dihitung sekali).`,
    birthDates: (differ, fromNik) => `Tanggal lahir di data penduduk berbeda dengan NIK: ${differ}; diambil dari NIK karena kosong: ${fromNik}.`,
    over100: (n) => `RT dengan cakupan di atas 100 %: ${n} (tiap penduduk dihitung sekali; selain 0 berarti data rusak).`,
    tableTitle: (word, below) => (below ? `${word} dan ${below}, cakupan tertinggi lebih dulu` : `${word}, cakupan tertinggi lebih dulu`),
    region: 'Wilayah',
    residents18: 'Penduduk 18+',
    registered: 'Terdaftar',
    coverage: 'Cakupan',
    band: 'Kelas',
    workerCoverage: 'Pekerja',
    approvedBy: (by, date) => `Disetujui ${by}, ${date}`,
    revision: (n, reason) => `revisi ${n}: ${reason}`,
    draftBanner: 'KONSEP — belum disetujui: angka dapat berubah',
    made: (date) => `dibuat ${date}`,
    page: (i, n) => `Halaman ${i} dari ${n}`,
    defaultSignatoryTitle: 'Kepala Dinas',
    noSignatory: '(penanda tangan belum diatur)',
    copies: (place) => `Tembusan: Sekretaris Daerah ${place}; Kepala Kantor Cabang BPJS Ketenagakerjaan setempat.`,
  },
  en: {
    title: 'Monthly Report on BPJS Ketenagakerjaan Coverage',
    asOf: (date) => `as of ${date}`,
    number: 'Number',
    enclosure: 'Enclosure',
    enclosureCount: '1 (one) file',
    subject: 'Subject',
    subjectText: (month) => `Monthly report on BPJS Ketenagakerjaan coverage, ${month}`,
    draftMark: '(draft)',
    to: 'To',
    inPlace: (place) => place,
    annexOf: (number) => `Enclosure to letter number ${number}`,
    coveredOfEligible: (covered, eligible) => `${covered} of ${eligible} residents aged 18+ are active participants`,
    changeSince: (date, points, people) => `Change since ${date}: ${points} points (${people} people)`,
    bySegment: 'Registered by segment',
    segment: { PU: 'PU (wage earners)', BPU: 'BPU (non-wage earners)', JAKON: 'JAKON (construction)', PMI: 'PMI (migrant workers)' },
    dataAsOf: 'Data as of',
    register: (date) => `Population register (DKB): ${date}`,
    participants: (date) => `BPJS participants: ${date}`,
    lastEvent: (date) => `Last participant event: ${date}`,
    coverageNote: 'Coverage = residents aged 18+ with at least one active account, divided by the residents aged 18+ in the population register (each person counted once).',
    workers: 'Workers aged 18+',
    coveredOfWorkers: (pct, covered, workers) => `${pct}: ${covered} of ${workers} workers aged 18+ registered`,
    workersNote: (unknown) => `Workers = residents aged 18+ whose occupation in the register (JENIS_PKRJN) is not “not working”, “keeping house”, “in school” or “retired”${unknown === '0' ? '' : `; ${unknown} residents aged 18+ have no occupation recorded`}.`,
    trend: '24 month-ends',
    targetNote: (target, source) => `Dashed line: target ${target} (${source}).`,
    targetLabel: (target) => `target ${target}`,
    workersLine: 'Purple line: coverage of workers aged 18+.',
    mapTitle: (villages) => `Coverage map by ${villages.toLowerCase()}`,
    mapCredit: (attribution) => `Boundaries: ${attribution}. A thematic map, not a statement of boundaries.`,
    noMap: (area) => `The store holds no boundaries for ${area}: no map is drawn (an administrator can upload them).`,
    legend: 'Colour legend',
    lowest: (count, word) => `${word}: the ${count} with the lowest coverage`,
    unregisteredBy: (word) => `Unregistered employers by ${word.toLowerCase()}`,
    employers: 'Employers',
    unregistered: 'Unregistered',
    total: 'Total',
    employersNote: 'Registered = holds an NPP and is active (the sticker colour rule). From the employers export and the events received.',
    stickeringBy: (word, date) => `Stickering by ${word.toLowerCase()} (as of ${date})`,
    fieldColumns: ['Printed', 'Up', 'Not yet', 'Replace', 'Visited', 'Follow-ups'],
    fieldNote: 'Up = valid stickers field officers recorded as put up; Replace = revoked stickers still up whose replacement is not; Follow-ups = employers whose next visit is due.',
    quality: 'Data-quality notes',
    rejectedRows: (r, p) => `Rows rejected on import: ${r} register rows, ${p} participant rows (each listed under Imports).`,
    notInRegister: (n) => `Active participants not in the register (whole store, e.g. commuters): ${n}.`,
    underAge: (n) => `Active participants under 18 in this region: ${n} (not counted in coverage).`,
    severalAccounts: (n) => `Residents with more than one active account: ${n} (counted once).`,
    birthDates: (differ, fromNik) => `Register birth dates differing from the NIK: ${differ}; taken from the NIK because empty: ${fromNik}.`,
    over100: (n) => `RTs with coverage above 100 %: ${n} (each resident is counted once; anything but 0 means broken data).`,
    tableTitle: (word, below) => (below ? `${word} and ${below}, highest coverage first` : `${word}, highest coverage first`),
    region: 'Region',
    residents18: 'Residents 18+',
    registered: 'Registered',
    coverage: 'Coverage',
    band: 'Band',
    workerCoverage: 'Workers',
    approvedBy: (by, date) => `Approved by ${by}, ${date}`,
    revision: (n, reason) => `revision ${n}: ${reason}`,
    draftBanner: 'DRAFT — not approved: figures may change',
    made: (date) => `made ${date}`,
    page: (i, n) => `Page ${i} of ${n}`,
    defaultSignatoryTitle: 'Head of Office',
    noSignatory: '(no signatory set)',
    copies: (place) => `Copies: the Regional Secretary of ${place}; the local BPJS Ketenagakerjaan branch office.`,
  },
};
