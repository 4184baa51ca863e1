/**
 * `GET /v1/me`: who the key is and where its dashboard opens.
 */
import { z } from 'zod';
import { regionRefSchema } from './figures.js';

/** `GET /v1/me`'s answer. */
export const meSchema = z.object({
  label: z.string(),
  admin: z.boolean(),
  scope: regionRefSchema.nullable().describe('The region the key is confined to; null: everything'),
  home: regionRefSchema.nullable().describe('Where the dashboard opens: the scope, else the one city the store holds (null with none or several)'),
  cities: z.array(regionRefSchema).describe('The cities the store holds residents of (for a key without a scope)'),
  dataDate: z.string().describe('The latest accounts export’s date or event day (else the register’s date, else today)'),
});

export type Me = z.infer<typeof meSchema>;
