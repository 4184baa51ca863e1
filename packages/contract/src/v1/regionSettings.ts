/**
 * A city's or regency's settings (`/v1/regions/{code}/settings`), its boundaries
 * (`/v1/regions/{code}/boundaries`) and children (`/v1/regions/{code}/children`). Settings are an
 * office's, never a person's private data: a text holding a 16-digit number (a NIK or KK) is
 * refused; a signatory's NIP (18 digits) is the civil servant's public number, printed under the
 * signature.
 */
import { regionLevelSchema } from '@cakupan/core';
import { officeText } from './registrationHelp.js';
import { z } from 'zod';

const text = officeText;

/** The largest logo, bytes (before base64). */
export const MAX_LOGO_BYTES = 256 * 1024;

const logoSchema = z
  .object({
    mediaType: z.enum(['image/png', 'image/jpeg']),
    data: z
      .string()
      .max(Math.ceil(MAX_LOGO_BYTES / 3) * 4)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64')
      .describe(`The image, base64 (at most ${MAX_LOGO_BYTES / 1024} KiB)`),
  })
  .strict()
  .superRefine((logo, ctx) => {
    let head: number[];
    try {
      head = [...atob(logo.data.slice(0, 16))].map((c) => c.charCodeAt(0));
    } catch {
      head = [];
    }
    const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => head[i] === b);
    const jpeg = head[0] === 0xff && head[1] === 0xd8;
    if ((logo.mediaType === 'image/png' && !png) || (logo.mediaType === 'image/jpeg' && !jpeg)) ctx.addIssue({ code: 'custom', path: ['data'], message: `is not a ${logo.mediaType} image` });
  });

/** `PUT /v1/regions/{code}/settings`'s body: each field left out is taken from the region above, else the default. */
export const regionSettingsBody = z
  .object({
    issuer: text(80, 'Printed on stickers and the verification page: `Pemerintah Kota Depok`').optional(),
    contact: text(200, 'Whom to tell about a sticker that does not verify: an office and its number').optional(),
    letterhead: z.array(text(120, 'One line')).min(1).max(5).optional().describe('The letterhead (kop surat), top to bottom: `PEMERINTAH KOTA DEPOK`, `DINAS TENAGA KERJA`, the address'),
    logo: logoSchema.optional(),
    addressee: text(120, 'To whom the monthly report goes: `Yth. Wali Kota Depok`').optional(),
    signatory: z
      .object({
        name: text(80, 'As signed: `Dr. H. Ahmad Fauzi, M.Si.`'),
        title: text(120, '`Kepala Dinas Tenaga Kerja Kota Depok`'),
        nip: z.string().regex(/^\d{18}$/, 'a NIP is 18 digits').optional().describe('Nomor Induk Pegawai (civil servant number), 18 digits'),
      })
      .strict()
      .optional(),
    target: z.object({ percent: z.number().min(0).max(100), source: text(120, 'Where the target comes from: `RPJMD Kota Depok 2025–2029`') }).strict().optional(),
    language: z.enum(['id', 'en']).optional().describe('The language of official text (reports)'),
  })
  .strict();
export type RegionSettingsBody = z.infer<typeof regionSettingsBody>;

const from = z.string().nullable().describe('The region whose setting this is (the region itself or one above it); null: the default');

/** The settings in force for a region, each field with where it comes from. */
export const regionSettingsSchema = z.object({
  region: z.string().describe('The region asked for (dotted)'),
  settings: z.object({
    issuer: z.string(),
    contact: z.string(),
    letterhead: z.array(z.string()),
    logo: z.object({ mediaType: z.enum(['image/png', 'image/jpeg']), data: z.string() }).nullable(),
    addressee: z.string(),
    signatory: z.object({ name: z.string(), title: z.string(), nip: z.string().optional() }).nullable(),
    target: z.object({ percent: z.number(), source: z.string() }),
    language: z.enum(['id', 'en']),
  }),
  from: z.object({ issuer: from, contact: from, letterhead: from, logo: from, addressee: from, signatory: from, target: from, language: from }),
  own: regionSettingsBody.nullable().describe('What this region itself sets (null: nothing)'),
  words: z.object({
    region: z.string().describe('`Kota`, `Kabupaten`, `Desa`, `Kelurahan`…'),
    villages: z.string().describe('The word for its villages: `Kelurahan` in a kota, `Desa/Kelurahan` in a kabupaten'),
    head: z.string().nullable().describe('`Wali Kota` or `Bupati`; null above a city'),
  }),
});
export type RegionSettingsAnswer = z.infer<typeof regionSettingsSchema>;

/** `GET /v1/regions/{code}/children`'s answer. */
export const regionChildrenSchema = z.object({
  region: z.string(),
  level: regionLevelSchema.nullable().describe('The children’s level; null below a village'),
  word: z.string().nullable().describe('The children’s word: `Kecamatan`, `Desa/Kelurahan`…'),
  children: z.array(z.object({ code: z.string(), name: z.string(), level: regionLevelSchema })),
});

/** The largest boundaries file, bytes. */
export const MAX_BOUNDARIES_BYTES = 32 * 1024 * 1024;

/** `POST /v1/regions/{code}/boundaries`' query. */
export const boundariesUploadQuery = z.object({
  dryRun: z.enum(['true', 'false']).optional().transform((v) => v === 'true').describe('`true`: check and report, keep nothing'),
  tolerance: z.coerce.number().min(0).max(0.01).optional().describe('Simplification tolerance in degrees (default: the region’s extent / 3,000 — a third of a pixel on a 1,000-pixel map: about 5 m for a city, 30 m for a regency)'),
});

/** What an upload of boundaries found. */
export const boundariesCheckSchema = z.object({
  region: z.string(),
  applied: z.boolean().describe('false for a dry run, or when nothing matched'),
  version: z.number().nullable(),
  features: z.number().describe('Villages kept'),
  points: z.object({ before: z.number(), after: z.number() }).describe('Vertices before and after simplification'),
  bytes: z.number().describe('Size of the GeoJSON kept'),
  attribution: z.string(),
  unmatched: z.array(z.object({ feature: z.number().describe('Its position in the file, from 1'), code: z.string().nullable(), reason: z.string() })).describe('Features not kept, and why'),
  missing: z.array(z.object({ code: z.string(), name: z.string() })).describe('Villages of the region the file has no boundary for'),
});
export type BoundariesCheck = z.infer<typeof boundariesCheckSchema>;

/** The boundary uploads of a region. */
export const boundaryVersionsSchema = z.object({
  region: z.string(),
  versions: z.array(z.object({ id: z.number(), attribution: z.string(), features: z.number(), sourceSha256: z.string(), uploadedBy: z.string(), uploadedAt: z.string() })),
});

/** `GET /v1/regions/{code}/boundaries`' answer (application/geo+json): the villages with their codes and names, and the file's attribution. */
export interface Boundaries {
  type: 'FeatureCollection';
  attribution: string;
  /** The upload in force. */
  version: number;
  features: { type: 'Feature'; properties: { code: string; name: string; district_code: string }; geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown } }[];
}
