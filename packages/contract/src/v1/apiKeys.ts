/**
 * `/v1/api-keys`: the keys kept in the store, each confined to a region (an administrator's).
 */
import { z } from 'zod';
import { regionField } from '../query.js';
import { roleSchema } from './roles.js';

/** A stored key, never its secret. */
export const apiKeyInfoSchema = z.object({
  label: z.string(),
  role: roleSchema,
  scope: z.string().nullable().describe('The region the key sees and acts in (and everything below it); null: everything'),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

/**
 * A key's scope: a province (a BPJS Ketenagakerjaan regional office, *kantor wilayah*), a city or
 * regency, a district or a village, answered as its dotted code; never an RW or RT.
 */
export const keyScopeField = regionField
  .refine((r) => r.level === 'province' || r.level === 'city' || r.level === 'district' || r.level === 'village', { message: 'a scope is a province, a city or regency, a district or a village (not an RW or RT)' })
  .transform((r) => r.code);

/** `POST /v1/api-keys`'s body and answer (the key itself, shown once). */
export const createApiKeyBody = z
  .object({ label: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'letters, digits, `_`, `.` and `-`, at most 40'), role: roleSchema, scope: keyScopeField.optional() })
  .strict();
export const createdApiKeySchema = z.object({ key: z.string(), info: apiKeyInfoSchema });

/** `GET /v1/api-keys`'s answer. */
export const apiKeysSchema = z.object({ keys: z.array(apiKeyInfoSchema) });

/** The `:label` of a key. */
export const apiKeyParams = z.object({ label: z.string().max(40) });

export type ApiKeyInfo = z.infer<typeof apiKeyInfoSchema>;
