/**
 * `/v1/requisitions`: sticker requisitions (*pengajuan kebutuhan stiker*) — requested by a village
 * office or a BPJS branch, approved or declined by a city officer, printed by the print shop.
 */
import { z } from 'zod';
import { idField } from '../query.js';
import { batchRegionField } from './stickers.js';

export const REQUISITION_STATUSES = ['requested', 'approved', 'declined'] as const;

export const requisitionSchema = z.object({
  id: z.number().int(),
  regionCode: z.string().describe('The village, RW or RT the stickers are for (dotted)'),
  kind: z.enum(['employer', 'household']),
  status: z.enum(REQUISITION_STATUSES),
  note: z.string().nullable().describe('The requester’s words'),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  green: z.number().int().nullable().describe('Stickers frozen green (registered) at approval'),
  red: z.number().int().nullable().describe('Stickers frozen red (not registered) at approval'),
  runs: z.number().int().describe('Times printed; a run after the first replaces the earlier stickers (they are revoked)'),
  lastRunAt: z.string().nullable(),
  pdfSha256: z.string().nullable().describe('sha256 of the last run’s PDF, once it was sent whole'),
});
export const requisitionsSchema = z.object({ requisitions: z.array(requisitionSchema) });

/** `POST /v1/requisitions`'s body. */
export const requestStickersBody = z
  .object({ region: batchRegionField, kind: z.enum(['employer', 'household']), note: z.string().trim().min(1).max(500).optional() })
  .strict();

/** `POST /v1/requisitions/:id/decline`'s body: the reason the requester reads. */
export const declineBody = z.object({ reason: z.string().trim().min(3).max(500) }).strict();

export const requisitionParams = z.object({ id: idField });
export const requisitionsQuery = z.object({ status: z.enum(REQUISITION_STATUSES).optional() }).strict();

/** The print shop's job sheet of a requisition's stickers in force. */
export const jobSheetSchema = z.object({
  requisition: requisitionSchema,
  issuer: z.string(),
  lines: z.array(
    z.object({
      villageCode: z.string().nullable(),
      villageName: z.string().nullable(),
      rw: z.number().int().nullable(),
      rt: z.number().int().nullable(),
      firstSerial: z.number().int(),
      lastSerial: z.number().int(),
      green: z.number().int(),
      red: z.number().int(),
    }),
  ),
  totals: z.object({ stickers: z.number().int(), green: z.number().int(), red: z.number().int() }),
  pdfSha256: z.string().nullable().describe('sha256 of the PDF as sent (null until a run was sent whole)'),
});

export type Requisition = z.infer<typeof requisitionSchema>;
export type JobSheet = z.infer<typeof jobSheetSchema>;
