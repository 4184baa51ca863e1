/**
 * Employers from the store: the field officers' worklist (`GET /v1/employers`) and compliance per
 * region (`GET /v1/employers/compliance`). Registered means what a green sticker means.
 */
import { regionLevelSchema } from '@cakupan/core';
import { z } from 'zod';
import { formatQuery, pageLimit, regionField } from '../query.js';
import { regionPageQuery } from './coverage.js';

/** `GET /v1/employers`'s query. */
export const employersQuery = z.object({
  region: regionField.optional().describe('A region, province down to RT (default: the key’s scope)'),
  status: z.enum(['registered', 'unregistered', 'all']).default('all'),
  limit: pageLimit(100, 1000),
  after: z.string().max(64).optional().describe('The `next` of the previous page (an employer id)'),
  format: formatQuery,
});

/** An employer as the worklist shows it. */
export const employerRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string().nullable().describe('Street address of the premises'),
  villageCode: z.string(),
  villageName: z.string().nullable(),
  rw: z.number().int().nullable(),
  rt: z.number().int().nullable(),
  npp: z.string().nullable().describe('Nomor Pendaftaran Perusahaan: the employer’s BPJS registration number'),
  status: z.string().nullable(),
  registered: z.boolean().describe('The sticker rule: green when registered'),
  reason: z.string().describe('core stickerStatus reason (or invalid_record)'),
});

/** `GET /v1/employers`'s answer (JSON; with format=csv the same columns, `x-next` the next page). */
export const employersPageSchema = z.object({ employers: z.array(employerRowSchema), next: z.string().nullable() });

/** `GET /v1/employers/compliance`'s query. */
export const complianceQuery = z.object({ level: regionLevelSchema.default('village'), parent: regionField.optional(), ...regionPageQuery });

const complianceFigures = { employers: z.number().int(), registered: z.number().int(), ratio: z.number().nullable() };

/** `GET /v1/employers/compliance`'s answer. */
export const complianceSchema = z.object({
  level: regionLevelSchema,
  parent: z.string().nullable(),
  regions: z.array(z.object({ level: regionLevelSchema, code: z.string(), name: z.string().nullable(), parentCode: z.string().nullable(), ...complianceFigures })),
  next: z.string().nullable(),
  totals: z.object(complianceFigures).describe('The parent’s (or everything’s)'),
});

export type EmployerRow = z.infer<typeof employerRowSchema>;
export type EmployersPage = z.infer<typeof employersPageSchema>;
export type Compliance = z.infer<typeof complianceSchema>;
export type EmployersQuery = z.input<typeof employersQuery>;
