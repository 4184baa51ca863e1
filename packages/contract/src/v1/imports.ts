/**
 * Imports of the exports (`/v1/imports`): the upload's form fields, the preview a dry run answers,
 * an import of the history, and the 409 a guard answers.
 */
import { isoDateSchema } from '@cakupan/core';
import { z } from 'zod';
import { errorResponseSchema } from '../errors.js';
import { idField, pageLimit } from '../query.js';

/** What an import holds. */
export const IMPORT_KINDS = ['residents', 'participants', 'employers'] as const;
/** A form or query flag: true/false/1/0. */
export const flagField = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** The form's fields: how to read the file, and what to do with it. */
export const importFieldsSchema = z
  .object({
    kind: z.enum(IMPORT_KINDS),
    preset: z.enum(['canonical', 'siak', 'opensid']).optional(),
    asOf: isoDateSchema.optional(),
    /** `true`: answer what applying would do, change nothing. */
    dryRun: flagField.optional(),
    /** The dry run's token, to apply a file a guard asked about. */
    confirm: z.string().regex(/^[0-9a-f]{24}$/, 'must be the confirm token of a dry run').optional(),
    dateOrder: z.enum(['dmy', 'mdy']).optional(),
    /** An Excel workbook's sheet by name (default the first). */
    sheet: z.string().min(1).max(31).optional(),
    villageCode: z.string().regex(/^\d{2}\.?\d{2}\.?\d{2}\.?\d{4}$/, 'must be a village code (10 digits, dots optional)').optional(),
    /** Header names of the file by canonical column, as JSON: `{"nik":"NO_NIK"}`. */
    columns: z
      .string()
      .max(2000)
      .transform((text, ctx) => {
        try {
          const value = JSON.parse(text) as unknown;
          const parsed = z.record(z.string().regex(/^[a-z_]{1,20}$/), z.string().min(1).max(80)).safeParse(value);
          if (parsed.success) return parsed.data;
        } catch {
          // reported below
        }
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object of canonical column → the file’s header, e.g. {"nik":"NO_NIK"}' });
        return z.NEVER;
      })
      .optional(),
  })
  .strict();

export const importSchema = z.object({
  id: z.number().int(),
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string(),
  sha256: z.string(),
  asOf: z.string().nullable(),
  rowsRead: z.number().int(),
  rowsUsed: z.number().int(),
  rowsRejected: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  apiKeyLabel: z.string().nullable(),
  status: z.enum(['applied', 'reverted']),
  regions: z.array(z.string()).nullable(),
  undoable: z.boolean(),
  revertedAt: z.string().nullable(),
  revertedBy: z.string().nullable(),
});

const figuresSchema = z.object({ eligible: z.number().int(), covered: z.number().int(), ratio: z.number().nullable() }).nullable();

/** What an import does or would do (the store's `ImportPreview`). */
export const importPreviewSchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string(),
  sha256: z.string(),
  asOf: z.string().nullable(),
  rows: z.object({ read: z.number().int(), used: z.number().int(), rejected: z.number().int() }),
  firstRejects: z.array(z.object({ line: z.number().int(), column: z.string(), code: z.string(), message: z.string(), path: z.array(z.union([z.string(), z.number()])).readonly() })),
  register: z
    .array(z.object({ region: z.string(), before: z.number().int(), after: z.number().int(), added: z.number().int(), removed: z.number().int(), changed: z.number().int(), inForceAsOf: z.string().nullable() }))
    .optional(),
  accounts: z.object({ before: z.number().int(), added: z.number().int(), changed: z.number().int(), ended: z.number().int(), nikChanged: z.number().int() }).optional(),
  employers: z.object({ before: z.number().int(), added: z.number().int(), changed: z.number().int() }).optional(),
  coverage: z.array(z.object({ region: z.string(), name: z.string().nullable(), before: figuresSchema, after: figuresSchema })),
  guards: z.array(z.object({ code: z.enum(['no_usable_rows', 'removes_much', 'older_export', 'changes_many_accounts', 'nik_changes']), message: z.string() })),
  confirm: z.string().nullable(),
  duplicateOf: z.number().int().nullable(),
});

/** 409: a guard asks for confirmation; the preview says why and carries the `confirm` token. */
export const importConflictSchema = errorResponseSchema.extend({ preview: importPreviewSchema });

/** `POST /v1/imports`'s query. */
export const importQuery = z.object({ dryRun: flagField.optional() }).strict();

/** `POST /v1/imports`'s answers: 200 a dry run or the file in force sent again, 201 applied. */
export const importDryRunOrDuplicateSchema = z.union([
  z.object({ dryRun: z.literal(true), preview: importPreviewSchema }),
  z.object({ duplicate: z.literal(true), import: importSchema, preview: importPreviewSchema }),
]);
export const importAppliedSchema = z.object({ duplicate: z.literal(false), import: importSchema, preview: importPreviewSchema });

/** `GET /v1/imports`'s query and answer: newest first, `before` = the `next` of the previous page. */
export const importsQuery = z.object({ before: idField.optional(), limit: pageLimit(100, 1000) });
export const importsPageSchema = z.object({ imports: z.array(importSchema), next: z.number().int().nullable() });

/** The `:id` of an import. */
export const importParams = z.object({ id: idField });

/** `POST /v1/imports/:id/revert`'s answer. */
export const revertAnswerSchema = z.object({ import: importSchema });

export type ImportRow = z.infer<typeof importSchema>;
export type ImportPreview = z.infer<typeof importPreviewSchema>;
export type ImportsPage = z.infer<typeof importsPageSchema>;
export type ImportConflict = z.infer<typeof importConflictSchema>;
export type ImportDryRunOrDuplicate = z.infer<typeof importDryRunOrDuplicateSchema>;
export type ImportApplied = z.infer<typeof importAppliedSchema>;
export type ImportsQuery = z.input<typeof importsQuery>;
