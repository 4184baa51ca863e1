/** Words printed on stickers and verification pages, in Indonesian (default) and English. */
export type Language = 'id' | 'en';

const MONTHS = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
} as const;

export const TEXT = {
  id: {
    registered: 'TERDAFTAR',
    unregistered: 'BELUM TERDAFTAR',
    programme: 'BPJS Ketenagakerjaan',
    village: 'Kelurahan',
    villageCode: 'Kode wilayah',
    issuedBy: 'Diterbitkan oleh',
    issuedOn: 'Terbit',
    validUntil: 'Berlaku s.d.',
    serial: 'No.',
    scan: 'Pindai untuk memeriksa keaslian',
    household: 'Rumah tangga',
    employer: 'Pemberi kerja',
  },
  en: {
    registered: 'REGISTERED',
    unregistered: 'NOT REGISTERED',
    programme: 'BPJS Ketenagakerjaan',
    village: 'Village',
    villageCode: 'Region code',
    issuedBy: 'Issued by',
    issuedOn: 'Issued',
    validUntil: 'Valid until',
    serial: 'No.',
    scan: 'Scan to check it is genuine',
    household: 'Household',
    employer: 'Employer',
  },
} as const satisfies Record<Language, Record<string, string>>;

/** `2026-11-23` → `23 November 2026` in the language. */
export function formatDate(iso: string, language: Language): string {
  const [y, m, d] = iso.split('-');
  return `${Number(d)} ${MONTHS[language][Number(m) - 1]} ${y}`;
}

/** `RT 005/RW 003`, the way addresses are written. */
export function formatRtRw(rt: number | undefined, rw: number | undefined): string {
  const pad = (n: number) => String(n).padStart(3, '0');
  if (rw === undefined) return '';
  return rt === undefined ? `RW ${pad(rw)}` : `RT ${pad(rt)}/RW ${pad(rw)}`;
}

/** Serial as printed: 8 digits. */
export function formatSerial(serial: number): string {
  return String(serial).padStart(8, '0');
}
