/**
 * The sticker fonts (Noto Sans Regular and Bold, SIL OFL 1.1, in `assets/fonts`) and the one check
 * of what they can print. Noto Sans covers Latin (Indonesian, Javanese and Sundanese in Latin
 * script), Greek and Cyrillic; it has no Chinese, Arabic, Devanagari or emoji glyphs. Rather than
 * print empty boxes, text with such characters is refused with the characters named.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';

// `assets/fonts` of this package, from `dist/` (built) or `src/pdf/` (the sources, in tests)
const HERE = dirname(fileURLToPath(import.meta.url));
const FONT_DIR = [resolve(HERE, '..'), resolve(HERE, '..', '..')].map((dir) => join(dir, 'assets', 'fonts')).find((dir) => existsSync(dir)) ?? join(HERE, '..', 'assets', 'fonts');
let fonts: { regular: Buffer; bold: Buffer } | undefined;
let printable: Set<number> | undefined;

/** The two font files, read once. */
export function loadFonts(): { regular: Buffer; bold: Buffer } {
  fonts ??= {
    regular: readFileSync(join(FONT_DIR, 'NotoSans-Regular.ttf')),
    bold: readFileSync(join(FONT_DIR, 'NotoSans-Bold.ttf')),
  };
  return fonts;
}

let parsed: { regular: fontkit.Font; bold: fontkit.Font } | undefined;

/**
 * The two fonts parsed, once per thread, for pdfkit (which takes a fontkit font as a font source):
 * pdfkit otherwise parses the files again for every document, and fontkit decodes a font's layout
 * tables lazily on first use — ~45 ms of every job, most of a small job's time (BENCHMARKS.md §9).
 * Each document still has its own subset of the glyphs it used.
 */
export function parsedFonts(): { regular: fontkit.Font; bold: fontkit.Font } {
  if (!parsed) {
    const { regular, bold } = loadFonts();
    parsed = { regular: fontkit.create(regular) as fontkit.Font, bold: fontkit.create(bold) as fontkit.Font };
  }
  return parsed;
}

/** Code points both fonts have a glyph for (a sticker's text may be set in either). */
function printableCodePoints(): Set<number> {
  if (!printable) {
    const { regular, bold } = loadFonts();
    const inBold = new Set((fontkit.create(bold) as fontkit.Font).characterSet);
    printable = new Set((fontkit.create(regular) as fontkit.Font).characterSet.filter((cp) => inBold.has(cp)));
  }
  return printable;
}

/**
 * The characters of `text` a sticker cannot show, each once, in order: control and format
 * characters (including bidirectional overrides such as U+202E, which would make the printed and
 * the verified text read differently), and characters the fonts have no glyph for. Spaces are fine.
 *
 * @example
 * unprintableCharacters('Toko 福') //=> ['福']
 * unprintableCharacters('Warung Bu Siti') //=> []
 */
export function unprintableCharacters(text: string): string[] {
  const set = printableCodePoints();
  const bad = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x20) continue;
    if (/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u.test(ch) || !set.has(cp)) bad.add(ch);
  }
  return [...bad];
}

/** `['福', '\u202e']` → `"福" (U+798F), U+202E` — how refused characters are named in messages. */
export function describeCharacters(chars: readonly string[]): string {
  return chars
    .slice(0, 8)
    .map((ch) => {
      const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      return /[\p{L}\p{N}\p{P}\p{S}]/u.test(ch) ? `"${ch}" (${code})` : code;
    })
    .join(', ')
    .concat(chars.length > 8 ? `, and ${chars.length - 8} more` : '');
}
