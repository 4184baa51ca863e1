/**
 * `GET /v1/reports/monthly`: a region's monthly report as an A4 PDF — a draft until approved, then
 * the approved PDF itself; `POST /v1/reports/monthly/approvals`: approve a month (or correct it, as
 * a new revision with a reason); `GET /v1/reports/monthly/approvals`: what is approved.
 */
import { z } from 'zod';
import { optionalRegionQuery, regionField } from '../query.js';

/** A calendar month, `YYYY-MM`. */
export const monthField = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM')
  .refine((m) => m >= '1900-01' && m <= '2200-12', 'must be a month between 1900-01 and 2200-12');

/** `GET /v1/reports/monthly`'s query. */
export const monthlyReportQuery = z.object({
  region: optionalRegionQuery,
  month: monthField.optional().describe('Default: the last complete month the data reach'),
  revision: z.coerce.number().int().min(1).max(1000).optional().describe('An approved revision (default: the latest)'),
  draft: z.enum(['true', 'false']).optional().transform((v) => v === 'true').describe('`true`: the figures as the store holds them now, marked as a draft, even for an approved month'),
  target: z.coerce.number().min(0).max(100).optional().describe('The trend’s target line, % (default: the region’s setting)'),
});

/** `POST /v1/reports/monthly/approvals`' body. */
export const approveReportBody = z
  .object({
    region: regionField,
    month: monthField,
    expectedRevision: z.number().int().min(0).describe('The latest approved revision the approver has read (0: none yet): another approval meanwhile answers 409'),
    reason: z.string().trim().min(5).max(500).optional().describe('Why a correction replaces the approved revision (required for revision 2 and after)'),
  })
  .strict();

const approvalSchema = z.object({
  region: z.string(),
  month: z.string(),
  revision: z.number(),
  sha256: z.string().describe('Of the approved PDF'),
  reason: z.string().nullable(),
  approvedBy: z.string(),
  approvedAt: z.string(),
});

/** One approval, as answered. */
export const monthlyApprovalSchema = approvalSchema;

/** `GET /v1/reports/monthly/approvals`' query and answer. */
export const monthlyApprovalsQuery = z.object({ region: optionalRegionQuery, month: monthField.optional() });
export const monthlyApprovalsSchema = z.object({ region: z.string(), approvals: z.array(approvalSchema).describe('Newest month and revision first') });
export type MonthlyApproval = z.infer<typeof approvalSchema>;
