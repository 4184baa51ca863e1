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
 * Letters that stand for digits in a typed number (`O` and `o` for 0, `I` and `l` for 1) count
 * as digits once a run has begun, so `327101170590OOO1` is found.
 *
 * Limits: any other letter between digit groups breaks the run (`3271A0117…` is not found), which
 * keeps ordinary names with house numbers printable; 16 digits anywhere in a name, however spaced,
 * are refused.
 *
 * @example
 * containsIdNumber('3271/0117/0590/0001') //=> true
 * containsIdNumber('NIK:3271,0117,0590,0001') //=> true
 * containsIdNumber('327101170590OOO1') //=> true
 * containsIdNumber('H-0001') //=> false
 */
export function containsIdNumber(text: string): boolean {
  let run = 0;
  for (const ch of text.normalize('NFKC')) {
    if (/\p{Nd}/u.test(ch) || (run > 0 && DIGIT_LOOKALIKES.has(ch))) {
      if (++run >= ID_NUMBER_DIGITS) return true;
    } else if (/\p{L}/u.test(ch)) {
      run = 0;
    }
  }
  return false;
}

/** Letters typed for digits inside a number. */
const DIGIT_LOOKALIKES: ReadonlySet<string> = new Set(['O', 'o', 'I', 'l']);
