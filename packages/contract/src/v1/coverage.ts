/**
 * Coverage: computed from records sent with the request (`POST /v1/coverage`, the CLI's report), or
 * from the store on a date (`GET /v1/coverage`), at each month-end (`GET /v1/coverage/series`), and
 * a region's name and parents (`GET /v1/regions/:code`).
 */
import { ageYearsSchema, coverageTextOptionsSchema, REGION_LEVELS, regionLevelSchema, SEGMENTS } from '@cakupan/core';
import { z } from 'zod';
import { dateField, formatQuery, pageLimit, regionField, tableFormatQuery } from '../query.js';
import { linkageSchema, recordCountsSchema, regionCoverageSchema, regionRefSchema, totalsSchema } from './figures.js';

/** Regions a page of a region list holds: by default, and at most. */
export const REGION_PAGE = 5_000;
export const MAX_REGION_PAGE = 10_000;

/** The paging fields of a list of regions (in code order). */
export const regionPageQuery = {
  after: regionField.optional().describe('The `next` of the previous page: the regions after this code'),
  limit: pageLimit(REGION_PAGE, MAX_REGION_PAGE),
};

/** `POST /v1/coverage`'s JSON body. Records are checked by core one by one: a bad record comes back in `rejected`. */
export const coverageRequestSchema = z.object({
  asOf: dateField.describe('Reference date, YYYY-MM-DD'),
  residents: z
    .array(z.unknown())
    .describe('Residents: { nik, birthDate?, villageCode, rw, rt, sex?, familyNumber?, name?, ref? }; invalid ones are reported in rejected.residents'),
  participants: z
    .array(z.unknown())
    .describe('Participant accounts: { nik, segment, status, registeredOn?, endedOn?, kpj?, employerNpp?, ref? }; invalid ones are reported in rejected.participants'),
  levels: z.array(regionLevelSchema).min(1).optional().describe(`Levels to report (default all: ${REGION_LEVELS.join(', ')})`),
  minAge: ageYearsSchema.optional().describe('Minimum age of the eligible population (default 18)'),
  format: formatQuery.describe('json (default) or csv (one row per region)'),
});

/** `POST /v1/coverage`'s query. */
export const coverageRequestQuery = z.object({ format: formatQuery });

/** The form fields of `POST /v1/coverage` as a multipart upload: core's text options (the CLI's too), and the format. */
export const coverageUploadFields = coverageTextOptionsSchema.extend({ format: formatQuery }).strict();

/** A record that was not used: where it was (JSON: index, ref and field; CSV: line and column as the file names it) and why. */
const rejectionSchema = z.object({
  code: z.string(),
  message: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  index: z.number().int().optional(),
  ref: z.union([z.string(), z.number()]).optional(),
  field: z.string().optional(),
  line: z.number().int().optional(),
  column: z.string().optional(),
});

/** Employer compliance per region (core's `ComplianceReport`, without its rejections). */
const complianceRowsSchema = z.object({
  levels: z.array(regionLevelSchema),
  totals: z.object({ employers: z.number().int(), registered: z.number().int(), ratio: z.number().nullable() }),
  regions: z.array(z.object({ level: regionLevelSchema, code: z.string(), name: z.string().nullable(), parentCode: z.string().nullable(), employers: z.number().int(), registered: z.number().int(), ratio: z.number().nullable() })),
});

/** `POST /v1/coverage`'s answer: core's `CoverageReport`. */
export const coverageReportSchema = z.object({
  asOf: z.string(),
  policy: z.object({ minAge: z.number().int(), maxAge: z.number().int().optional(), segmentPrecedence: z.array(z.enum(SEGMENTS)) }),
  levels: z.array(regionLevelSchema),
  totals: totalsSchema,
  regions: z.array(regionCoverageSchema).describe('One row per region at each level asked for, in code order'),
  linkage: linkageSchema,
  records: z.object({ residents: recordCountsSchema, participants: recordCountsSchema, employers: recordCountsSchema.optional() }),
  rejected: z.object({ residents: z.array(rejectionSchema), participants: z.array(rejectionSchema), employers: z.array(rejectionSchema).optional() }),
  birthDateMismatches: z.array(z.object({ index: z.number().int(), ref: z.union([z.string(), z.number()]).optional() })),
  compliance: complianceRowsSchema.optional().describe('With an employers file: compliance per region'),
});

/** `GET /v1/coverage`'s query. */
export const storedCoverageQuery = z.object({
  asOf: dateField,
  level: regionLevelSchema.default('village'),
  parent: regionField.optional().describe('Only the children of this region at `level` (default: the key’s scope)'),
  format: tableFormatQuery,
  ...regionPageQuery,
});

/** `GET /v1/coverage`'s answer: a page of the regions at `level` under `parent`, and the parent's totals. */
export const storedCoverageSchema = z.object({
  asOf: z.string(),
  level: regionLevelSchema,
  parent: z.union([regionCoverageSchema, z.object({ code: z.string(), level: regionLevelSchema })]).nullable().describe('The parent’s own row (only its code and level when it holds no resident)'),
  totals: totalsSchema,
  regions: z.array(regionCoverageSchema),
  next: z.string().nullable().describe('The `after` of the next page; null on the last'),
  linkage: linkageSchema,
  records: z.object({ residents: recordCountsSchema, participants: recordCountsSchema }),
});

/** `GET /v1/coverage/series`'s query. */
export const seriesQuery = z.object({
  region: regionField,
  children: regionLevelSchema.optional().describe('Level of the children listed (default one level below the region; e.g. `village` for every village of a city)'),
  from: dateField,
  to: dateField,
  every: z.literal('month').default('month'),
});

/** `GET /v1/coverage/series`'s answer: the region and its children at each month-end. */
export const seriesSchema = z.object({
  region: z.string(),
  level: regionLevelSchema,
  every: z.literal('month'),
  points: z.array(
    z.object({
      asOf: z.string(),
      region: regionCoverageSchema.nullable().describe('null when the store holds no resident of it'),
      children: z.array(regionCoverageSchema),
    }),
  ),
});

/** `GET /v1/regions/:code`'s answer. */
export const regionSchema = z.object({
  code: z.string(),
  level: regionLevelSchema,
  name: z.string().nullable(),
  known: z.boolean().describe('Whether cakupan’s reference data names this region'),
  parents: z.array(regionRefSchema).describe('From the province down'),
});

export type CoverageReportAnswer = z.infer<typeof coverageReportSchema>;
export type StoredCoverage = z.infer<typeof storedCoverageSchema>;
export type Series = z.infer<typeof seriesSchema>;
export type RegionLineage = z.infer<typeof regionSchema>;
/** The queries as a caller writes them (where the service fills in a default, the field may be left out). */
export type StoredCoverageQuery = z.input<typeof storedCoverageQuery>;
export type SeriesQuery = z.input<typeof seriesQuery>;
