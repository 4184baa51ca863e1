/**
 * The one rule that keeps identity numbers off what is printed or published: a NIK and a KK number
 * are both 16 digits (DOMAIN: identifiers), so any text that holds 16 digits once separators are
 * ignored is refused wherever it would reach a sticker, a QR code or a public page.
 */

/** Digits a NIK or a KK number has. */
export const ID_NUMBER_DIGITS = 16;

/**
 * Whether `text` contains a run of 16 digits once everything that is not a letter or a digit
 * (spaces, dots, dashes, slashes, underscores, commas, colons…) is ignored. Digits are read after
 * Unicode compatibility normalisation (NFKC), so full-width `３２７１` counts as `3271`, and
 * digits of any script count.
 *
 * Limits: a letter between digit groups breaks the run (`3271A0117…` is not found), which keeps
 * ordinary names with house numbers printable; 16 digits anywhere in a name, however spaced,
 * are refused.
 *
 * @example
 * containsIdNumber('3271/0117/0590/0001') //=> true
 * containsIdNumber('NIK:3271,0117,0590,0001') //=> true
 * containsIdNumber('H-0001') //=> false
 */
export function containsIdNumber(text: string): boolean {
  let run = 0;
  for (const ch of text.normalize('NFKC')) {
    if (/\p{Nd}/u.test(ch)) {
      if (++run >= ID_NUMBER_DIGITS) return true;
    } else if (/\p{L}/u.test(ch)) {
      run = 0;
    }
  }
  return false;
}
