/** The sticker colours, CMYK only: a print shop's press has no RGB. */
export type Cmyk = [number, number, number, number];
/** Sticker colours (CMYK percentages). */
export const COLOURS: Readonly<Record<'green' | 'red' | 'black' | 'white', Cmyk>> = Object.freeze({
  green: [75, 0, 100, 0],
  red: [0, 100, 100, 0],
  black: [0, 0, 0, 100],
  white: [0, 0, 0, 0],
});
