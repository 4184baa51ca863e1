/** Words printed on stickers and verification pages, in Indonesian (default) and English (core's `Language`). */
import type { Language } from '@cakupan/core';

export type { Language };

export const TEXT = {
  id: {
    registered: 'TERDAFTAR',
    unregistered: 'BELUM TERDAFTAR',
    programme: 'BPJS Ketenagakerjaan',
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

/** Serial as printed: 8 digits. */
export function formatSerial(serial: number): string {
  return String(serial).padStart(8, '0');
}
