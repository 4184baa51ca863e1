/**
 * "Here is how to register": what a red sticker and its verification page tell the people of a
 * place that is not registered — the office to go to, its address and hours, a phone or WhatsApp
 * number, the registration website. Set per region by the city (a village's is its own, else its
 * district's, city's or province's); where none is set, BPJS Ketenagakerjaan's own website.
 */
import type { Language } from '../date/monthName.js';

/** How to register, for a region. Every field is shown as given (no personal data: an office's). */
export interface RegistrationHelp {
  /** The office: `Kantor Cabang BPJS Ketenagakerjaan Bogor Kota`, or a village office's desk. */
  readonly office: string;
  readonly address?: string | undefined;
  /** Opening hours as the office writes them: `Senin–Jumat 08.00–15.00`. */
  readonly hours?: string | undefined;
  readonly phone?: string | undefined;
  /** A WhatsApp number, with its country code: `+62 812 3456 7890`. */
  readonly whatsapp?: string | undefined;
  /** The registration website (https). */
  readonly website?: string | undefined;
}

/** BPJS Ketenagakerjaan's website, where anyone can register (the help where a region set none). */
export const BPJS_WEBSITE = 'https://www.bpjsketenagakerjaan.go.id';

const WORDS: Record<Language, { how: string; wa: string; phone: string }> = {
  id: { how: 'Cara daftar', wa: 'WA', phone: 'Telp.' },
  en: { how: 'How to register', wa: 'WhatsApp', phone: 'Phone' },
};

/** A website as printed: without `https://`, `www.` kept. */
const shortUrl = (url: string) => url.replace(/^https?:\/\//, '').replace(/\/$/, '');

/**
 * The one line a red sticker prints: the office, one number (WhatsApp first) and the website.
 *
 * @example
 * howToRegisterLine({ office: 'Kantor Kelurahan Cikaret', whatsapp: '+62 812 1', website: 'https://bpjs.example/daftar' }, 'id')
 * //=> 'Cara daftar: Kantor Kelurahan Cikaret · WA +62 812 1 · bpjs.example/daftar'
 * howToRegisterLine(undefined, 'en') //=> 'How to register: www.bpjsketenagakerjaan.go.id'
 */
export function howToRegisterLine(help: RegistrationHelp | undefined, language: Language): string {
  const w = WORDS[language];
  const parts = help
    ? [help.office, help.whatsapp ? `${w.wa} ${help.whatsapp}` : help.phone ? `${w.phone} ${help.phone}` : undefined, help.website ? shortUrl(help.website) : undefined]
    : [shortUrl(BPJS_WEBSITE)];
  return `${w.how}: ${parts.filter(Boolean).join(' · ')}`;
}

/**
 * A WhatsApp number as a `https://wa.me/…` link (digits only, `0` at the front read as Indonesia's +62).
 *
 * @example
 * whatsappLink('0812-3456-7890') //=> 'https://wa.me/6281234567890'
 */
export function whatsappLink(number: string): string {
  const digits = number.replace(/\D/g, '');
  return `https://wa.me/${digits.startsWith('0') ? `62${digits.slice(1)}` : digits}`;
}
