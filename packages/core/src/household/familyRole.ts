/**
 * A resident's place in the family (*status hubungan dalam keluarga*, SIAK's `STAT_HBKEL`), as the
 * civil register writes it: a name (`KEPALA KELUARGA`, `ISTRI`, `ANAK`, …) or its code (`1` = the
 * head of the family, *kepala keluarga*). Delivery lists name a household by its head.
 */

const HEAD_NAMES = new Set(['kepala keluarga', 'kepala_keluarga', 'kk', 'head', 'head of family', 'head of household']);

/**
 * Whether `role` says the head of the family: `KEPALA KELUARGA` in any case and spacing, its
 * code `1` (or `01`), or `head`.
 *
 * @example
 * isHeadOfFamily('KEPALA KELUARGA') //=> true
 * isHeadOfFamily('1') //=> true
 * isHeadOfFamily('ISTRI') //=> false
 * isHeadOfFamily(undefined) //=> false
 */
export function isHeadOfFamily(role: string | null | undefined): boolean {
  if (role === null || role === undefined) return false;
  const folded = role.trim().toLowerCase().replace(/\s+/g, ' ');
  return HEAD_NAMES.has(folded) || /^0*1$/.test(folded);
}
