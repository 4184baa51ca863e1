/**
 * Request shapes of the sticker API: subjects (employers, households) and print options. These zod
 * schemas validate requests, type the handlers and document the API (OpenAPI) at once; every rule
 * they apply is core's (village and unit numbers, NPP, account status, the identity-number rule) or
 * the fonts' (what can be printed).
 */
import { accountStatusSchema, containsBirthDate, containsIdNumber, nppSchema, unitNumberSchema, villageCodeSchema } from '@cakupan/core';
import { z } from 'zod';
import { describeCharacters, unprintableCharacters } from '../pdf/fonts.js';

const villageCode = villageCodeSchema.describe('Kemendagri village code, with or without dots: `3271011001` or `32.71.01.1001`');
const unit = (what: string) => unitNumberSchema.describe(`${what} number 1–999, e.g. 3 or "003"`);

/**
 * Text that is printed on a sticker, carried in its QR code and shown on the public verification
 * page: trimmed, never holding 16 digits (a NIK or KK number, however it is spaced) or a birth date, and only
 * characters the sticker fonts can print.
 */
export function printedText(what: string, max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .superRefine((s, ctx) => {
      if (containsIdNumber(s)) {
        ctx.addIssue({ code: 'custom', message: `${what} holds 16 digits (a NIK or KK number?); personal identity numbers are never printed`, params: { code: 'personal_data' } });
      } else if (containsBirthDate(s)) {
        ctx.addIssue({ code: 'custom', message: `${what} holds a date written as a birth date; birth dates are never printed`, params: { code: 'personal_data' } });
      }
      const bad = unprintableCharacters(s);
      if (bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: `${what} has characters the sticker fonts cannot print: ${describeCharacters(bad)}; write them in Latin letters`, params: { code: 'unprintable' } });
      }
    });
}

/** An employer (pemberi kerja). Colour: green when it has an NPP and is active. */
export const employerSubjectSchema = z
  .object({
    kind: z.literal('employer'),
    id: z.string().trim().min(1).max(64).describe('The employer’s id, usually its NIB (13 digits)'),
    name: printedText('name', 200).describe('Employer name as printed (Latin script; never a NIK or KK)'),
    villageCode,
    rw: unit('RW').optional(),
    rt: unit('RT').optional(),
    npp: z
      .union([z.literal(''), nppSchema])
      .nullish()
      .describe('NPP, the BPJS Ketenagakerjaan employer registration number (8 digits); absent when not registered'),
    status: z
      .union([z.literal(''), accountStatusSchema])
      .nullish()
      .describe('Registration status: active/aktif or inactive/nonaktif/non-aktif/tidak aktif'),
  })
  .strict();

/** A household, by counts only: never a NIK or KK. Colour: green when every eligible member is covered. */
export const householdSubjectSchema = z
  .object({
    kind: z.literal('household'),
    label: printedText('label', 40).describe('An opaque label such as H-0001 (never a NIK or KK)'),
    villageCode,
    rw: unit('RW'),
    rt: unit('RT'),
    eligible: z.number().int().min(0).max(100).describe('Members aged 18+'),
    covered: z.number().int().min(0).max(100).describe('Of them, members with an active BPJS Ketenagakerjaan account'),
  })
  .strict()
  .refine((h) => h.covered <= h.eligible, { message: 'covered cannot exceed eligible', path: ['covered'], params: { code: 'inconsistent' } });

/** A sticker subject. */
export const subjectSchema = z.discriminatedUnion('kind', [employerSubjectSchema, householdSubjectSchema]);
export type Subject = z.output<typeof subjectSchema>;

/** Named sticker sizes (trim size, width × height in mm). */
export const SIZE_PRESETS = {
  default: { widthMm: 100, heightMm: 70 },
  small: { widthMm: 85, heightMm: 55 },
  large: { widthMm: 148, heightMm: 105 },
} as const;

/** Paper sizes for sheet layout (portrait, mm). */
export const PAPER_SIZES = {
  A4: { widthMm: 210, heightMm: 297 },
  A3: { widthMm: 297, heightMm: 420 },
  SRA3: { widthMm: 320, heightMm: 450 },
} as const;

/**
 * Print options. Every field optional. Official text — who issues the sticker — is not among
 * them: it comes from the service's configuration, never from a request.
 */
export const stickerOptionsSchema = z
  .object({
    language: z.enum(['id', 'en']).default('id').describe('`id` (Indonesian, default) or `en`'),
    size: z
      .union([
        z.enum(Object.keys(SIZE_PRESETS) as [keyof typeof SIZE_PRESETS, ...(keyof typeof SIZE_PRESETS)[]]),
        z.object({ widthMm: z.number().min(60).max(300), heightMm: z.number().min(40).max(300) }),
      ])
      .default('default')
      .describe('A preset (`default` 100×70 mm, `small` 85×55, `large` 148×105) or { widthMm, heightMm }'),
    bleedMm: z.number().min(0).max(10).default(3).describe('Bleed around each sticker in mm (0 allowed)'),
    cropMarks: z.boolean().default(true),
    layout: z.enum(['single', 'sheet']).default('single').describe('`single`: one sticker per page; `sheet`: N-up on paper'),
    paper: z.enum(['A4', 'A3', 'SRA3']).default('A4').describe('Paper for `sheet` layout'),
    validDays: z.number().int().min(1).max(3650).optional().describe('Days the QR code stays valid; default from configuration'),
  })
  .strict();
export type StickerOptions = z.output<typeof stickerOptionsSchema>;

/** The JSON body of `POST /v1/stickers`. */
export const stickerRequestSchema = z
  .object({
    subjects: z.array(subjectSchema).min(1).describe('Pages come out in this order'),
    options: stickerOptionsSchema.prefault({}),
  })
  .strict();

/** Query parameters: the options for a CSV body (and overrides are not mixed with a JSON body). */
export const stickerQuerySchema = z.object({
  language: z.enum(['id', 'en']).optional(),
  size: z.string().optional().describe('A preset name or WIDTHxHEIGHT in mm, e.g. 100x70'),
  bleedMm: z.coerce.number().min(0).max(10).optional(),
  cropMarks: z.enum(['true', 'false']).optional(),
  layout: z.enum(['single', 'sheet']).optional(),
  paper: z.enum(['A4', 'A3', 'SRA3']).optional(),
  validDays: z.coerce.number().int().min(1).max(3650).optional(),
});
