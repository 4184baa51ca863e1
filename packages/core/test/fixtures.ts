/** Helpers that build valid NIKs and records for tests. */
export function nik(birthDate: string, options: { female?: boolean; serial?: number; district?: string } = {}): string {
  const [y, m, d] = birthDate.split('-');
  const day = Number(d) + (options.female ? 40 : 0);
  return `${options.district ?? '327101'}${String(day).padStart(2, '0')}${m}${y!.slice(2)}${String(options.serial ?? 1).padStart(4, '0')}`;
}

export const BATU_TULIS = '3271011001';
export const BONDONGAN = '3271011002';
