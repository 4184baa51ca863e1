import type { Language } from './i18n.js';

/** Page set-up of a sticker job. */
export interface StickerPdfOptions {
  trimMm: { w: number; h: number };
  bleedMm: number;
  cropMarks: boolean;
  layout: 'single' | 'sheet';
  paperMm: { widthMm: number; heightMm: number };
  language: Language;
  issuer: string;
  title?: string;
  /** Unread output (bytes) above which drawing waits for the reader. Default 4 MiB. */
  highWaterMark?: number;
}
