/**
 * The issued-sticker register (`GET /v1/stickers`, revocation by hand, the audit log) and the
 * stickers printed for a region from the store (`POST /v1/stickers/batch`). The sticker request's
 * own body is `@cakupan/print`'s schema: the library validates what it draws.
 */
import { z } from 'zod';
import { decimalField, formatQuery, idField, pageLimit, regionField, serialField } from '../query.js';

/** What a sticker said when it was printed, and its revocation. */
export const stickerRecordSchema = z.object({
  serial: z.number().int(),
  kind: z.enum(['employer', 'household']),
  subjectId: z.string().nullable().describe('The employer’s id; none for a household'),
  label: z.string().describe('The employer’s name or the household label, as printed'),
  villageCode: z.string().nullable(),
  rw: z.number().int().nullable(),
  rt: z.number().int().nullable(),
  registered: z.boolean().describe('The colour printed: green when registered'),
  reason: z.string().describe('core stickerStatus reason at printing'),
  issuedOn: z.string(),
  validUntil: z.string(),
  keyId: z.string(),
  source: z.string().describe('The request that printed it and the API key’s label'),
  facts: z
    .enum(['store', 'request'])
    .nullable()
    .describe('Where its facts (NPP and status, members and accounts) came from: `store`, or `request` (an administrator’s print from the request’s own data); null before this was recorded'),
  printedAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedReason: z.string().nullable(),
  revokedBy: z.string().nullable(),
});

/** The columns of the register as CSV. */
export const STICKER_CSV_COLUMNS = ['serial', 'kind', 'subjectId', 'label', 'villageCode', 'rw', 'rt', 'registered', 'reason', 'issuedOn', 'validUntil', 'keyId', 'printedAt', 'revokedAt', 'revokedReason', 'facts'] as const;

/** `GET /v1/stickers`'s query and answer (JSON; with format=csv the columns above, `x-next` the next page). */
export const stickersQuery = z.object({
  region: z.string().max(40).optional().describe('A region, province down to RT (default: the key’s scope)'),
  after: decimalField(0, 0xffffffff).optional().describe('The `next` of the previous page (a serial)'),
  limit: pageLimit(100, 1000),
  format: formatQuery,
});
export const stickersPageSchema = z.object({ stickers: z.array(stickerRecordSchema), next: z.number().int().nullable() });

/** The `:serial` of a sticker. */
export const stickerParams = z.object({ serial: serialField });

/** `GET /v1/audit`'s query and answer: newest first. */
export const auditQuery = z.object({ before: idField.optional(), limit: pageLimit(100, 1000) });
export const auditSchema = z.object({
  entries: z.array(
    z.object({
      id: z.number(),
      at: z.string(),
      actor: z.string().nullable().describe('Who did it: a person’s username or an API key’s label (one namespace)'),
      actorName: z.string().nullable().describe('The person’s name when the actor is an officer’s account'),
      action: z.string(),
      subject: z.string().nullable(),
      count: z.number().nullable(),
      detail: z.unknown(),
    }),
  ),
});

/** Where `POST /v1/stickers/batch` prints: a village, RW or RT. */
export const batchRegionField = regionField.refine((r) => r.level === 'village' || r.level === 'rw' || r.level === 'rt', { message: 'a village, RW or RT code' });

export type StickerRecord = z.infer<typeof stickerRecordSchema>;
