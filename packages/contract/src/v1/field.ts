/**
 * The field work over HTTP: a sticker's installations (`/v1/stickers/{serial}/installations`) and
 * an employer's visits (`/v1/employers/{id}/visits`), recorded by field officers from a phone —
 * perhaps long after, when it is back online: `clientId` makes a retried sync apply once.
 */
import { z } from 'zod';
import { dateField, formatQuery, idField, optionalRegionQuery, serialField } from '../query.js';

const timestampField = z.iso.datetime({ offset: true }).describe('ISO 8601 with its offset, e.g. 2026-12-03T09:15:00+07:00');
const clientIdField = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '8 to 64 letters, digits, `_` or `-`').describe('The phone’s own id of this record: sent again, it is applied once');

/** `POST /v1/stickers/{serial}/installations`'s body. */
export const installBody = z
  .object({
    installedAt: timestampField,
    location: z
      .object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180), accuracyM: z.number().min(0).max(100_000).optional() })
      .strict()
      .optional()
      .describe('Where, from the phone’s GPS, with its accuracy in metres'),
    clientId: clientIdField.optional(),
  })
  .strict();

export const installationSchema = z.object({
  id: z.number().int(),
  serial: z.number().int(),
  installedAt: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string(),
  location: z.object({ latitude: z.number(), longitude: z.number(), accuracyM: z.number().nullable() }).nullable(),
});

/** The answer to an installation: it, whether it was recorded already (a retried sync), and every installation of the sticker. */
export const installedSchema = z.object({
  installation: installationSchema,
  repeated: z.boolean().describe('The same record sent again (same clientId): nothing new was recorded'),
  installations: z.array(installationSchema).describe('Every installation of this sticker, oldest first: two officers recording it are both here'),
});
export const installationsSchema = z.object({
  installations: z.array(installationSchema),
  revoked: z.boolean(),
  replacement: z.number().int().nullable().describe('For a revoked sticker: the serial in force for the same subject, to put up instead (null: none printed yet)'),
});

export const VISIT_OUTCOMES = ['registered_on_the_spot', 'will_register', 'refused', 'closed', 'not_found'] as const;

/** `POST /v1/employers/{id}/visits`'s body. */
export const visitBody = z
  .object({
    outcome: z.enum(VISIT_OUTCOMES),
    followUpOn: dateField.optional().describe('When to come back (for will_register: the date they said)'),
    visitedAt: timestampField,
    clientId: clientIdField.optional(),
  })
  .strict();

export const visitSchema = z.object({
  id: z.number().int(),
  employerId: z.string(),
  outcome: z.enum(VISIT_OUTCOMES),
  followUpOn: z.string().nullable(),
  visitedAt: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string(),
});
export const visitedSchema = z.object({ visit: visitSchema, repeated: z.boolean() });
export const visitsSchema = z.object({ visits: z.array(visitSchema) });
export const employerParams = z.object({ id: z.string().regex(/^\d{1,20}$/, 'an employer id (digits)') });

/** `GET /v1/field/progress`'s query. */
export const fieldProgressQuery = z
  .object({
    region: optionalRegionQuery,
    format: formatQuery,
  })
  .strict();

const progressFigures = {
  printed: z.number().int().describe('Stickers printed'),
  inForce: z.number().int().describe('Not revoked'),
  installed: z.number().int().describe('In force and put up'),
  notInstalled: z.number().int().describe('In force, not yet put up'),
  toReplace: z.number().int().describe('Revoked, put up once, and their replacement not yet put up: still on a wall'),
  visited: z.number().int().describe('Employers visited'),
  byOutcome: z.partialRecord(z.enum(VISIT_OUTCOMES), z.number().int()).describe('Employers by their last visit’s outcome'),
  followUpsDue: z.number().int().describe('Employers whose last visit’s follow-up date has come'),
};

export const fieldProgressSchema = z.object({
  region: z.object({ code: z.string(), level: z.string(), name: z.string().nullable() }),
  level: z.string().describe('The level of the rows: the region’s children'),
  rows: z.array(z.object({ code: z.string(), name: z.string().nullable(), ...progressFigures })),
  total: z.object(progressFigures),
});
export type FieldProgress = z.infer<typeof fieldProgressSchema>;

/** `GET /v1/field/delivery-list`'s query. */
export const deliveryListQuery = z
  .object({
    region: optionalRegionQuery.describe('A village, RW or RT code (default: the caller’s scope, when it is a village)'),
    requisition: idField.optional().describe('Only this approved requisition’s stickers (its last print run)'),
    format: z.enum(['json', 'pdf']).optional().describe('json (default: the phone’s list) or pdf (A4, one RT per page, boxes to tick)'),
  })
  .strict();

export const deliveryStopSchema = z.object({
  serial: z.number().int(),
  kind: z.enum(['household', 'employer']),
  label: z.string().describe('As the sticker prints it: `RT 005/RW 003 no. 2`, or the employer’s name'),
  registered: z.boolean().describe('Its colour: green when registered'),
  rw: z.number().int().nullable(),
  rt: z.number().int().nullable(),
  installed: z.boolean().describe('Put up already (an installation is recorded)'),
  name: z.string().nullable().describe('The head of household (*kepala keluarga*) as the register holds it, or the employer’s name; null when the register names none. Personal data'),
  address: z.string().nullable().describe('The household’s or the premises’ address as the register holds it. Personal data'),
  employerId: z.string().nullable().describe('For an employer: its id, to record a visit'),
});

/** A delivery list: personal data, for the officers who put stickers up. */
export const deliveryListSchema = z.object({
  confidential: z.literal(true).describe('It names people: for officers only, never to be published'),
  region: z.object({ code: z.string(), level: z.string(), name: z.string().nullable() }),
  village: z.object({ code: z.string(), name: z.string().nullable() }),
  requisition: z.number().int().nullable(),
  stops: z.array(deliveryStopSchema),
});
export type DeliveryList = z.infer<typeof deliveryListSchema>;

/** Records sent at once by `POST /v1/field/records` (a phone's queue after a day offline: a few requests, not hundreds). */
export const MAX_FIELD_RECORDS = 100;

/** One record of a phone's queue: a sticker put up, or a visit, with the phone's own id. */
export const fieldRecordSchema = z.discriminatedUnion('kind', [
  installBody.extend({ kind: z.literal('installation'), serial: serialField, clientId: clientIdField }).strict(),
  visitBody.extend({ kind: z.literal('visit'), employerId: employerParams.shape.id, clientId: clientIdField }).strict(),
]);

/** `POST /v1/field/records`'s body. */
export const fieldRecordsBody = z.object({ records: z.array(fieldRecordSchema).min(1).max(MAX_FIELD_RECORDS) }).strict();

/** What came of one record: the status the single route would have answered, and its answer or its reason. */
export const fieldRecordResultSchema = z.object({
  clientId: z.string(),
  status: z.number().int().describe('201 recorded, 200 recorded before (sent again), 404 not in the caller’s area, 409 revoked sticker'),
  repeated: z.boolean().optional(),
  installations: z.array(installationSchema).optional().describe('For an installation: every installation of the sticker (other officers’ too)'),
  visit: visitSchema.optional(),
  message: z.string().optional(),
  replacement: z.number().int().nullable().optional().describe('For a revoked sticker: the serial to put up instead'),
});
export const fieldRecordsSchema = z.object({ results: z.array(fieldRecordResultSchema) });
