/**
 * How to register, per region (`/v1/regions/{code}/registration-help`): what red stickers and their
 * verification pages tell the people of a place not registered — an office's details, never a
 * person's (a text holding a 16-digit number, like a NIK or a KK, is refused).
 */
import { containsIdNumber } from '@cakupan/core';
import { z } from 'zod';

/** An office's text, trimmed, up to `max` characters: one holding a 16-digit number (a NIK or KK) is refused. */
export const officeText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !containsIdNumber(v), 'holds a 16-digit number (a NIK or KK?): an office’s details only')
    .describe(what);
const number = (what: string) => z.string().trim().regex(/^\+?[0-9][0-9 ()-]{4,19}$/, 'a phone number: digits, spaces, brackets and dashes, + for the country code').describe(what);

/** `PUT /v1/regions/{code}/registration-help`'s body. */
export const registrationHelpBody = z
  .object({
    office: officeText(100, 'The office to go to: `Kantor Cabang BPJS Ketenagakerjaan Bogor Kota`, a village office’s desk'),
    address: officeText(160, 'Its street address').optional(),
    hours: officeText(80, 'Its opening hours, as it writes them: `Senin–Jumat 08.00–15.00`').optional(),
    phone: number('A phone number').optional(),
    whatsapp: number('A WhatsApp number, with its country code (`+62 812 …`)').optional(),
    website: z.url({ protocol: /^https$/, hostname: z.regexes.domain }).max(120).optional().describe('The registration website (https)'),
  })
  .strict();

/** The help in force for a region: its own, or the nearest region's above it that has one. */
export const registrationHelpSchema = z.object({
  region: z.string().describe('The region asked for (dotted)'),
  setFor: z.string().nullable().describe('The region whose help this is (the region itself or one above it); null: none is set, BPJS Ketenagakerjaan’s website is shown'),
  help: registrationHelpBody.nullable(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type RegistrationHelpAnswer = z.infer<typeof registrationHelpSchema>;
