/**
 * `GET /v1/me`: who calls (a person or a key), what it may do, and where its dashboard opens.
 */
import { z } from 'zod';
import { regionRefSchema } from './figures.js';
import { PERMISSION_NAMES, roleSchema } from './roles.js';

/** `GET /v1/me`'s answer. */
export const meSchema = z.object({
  label: z.string().describe('The username of the person signed in, or the API key’s label'),
  kind: z.enum(['person', 'key']),
  name: z.string().nullable().describe('The person’s name (null for a key)'),
  role: roleSchema,
  permissions: z.array(z.enum(PERMISSION_NAMES as [string, ...string[]])).describe('What the role may do (the one permission table)'),
  admin: z.boolean().describe('Whether the role is administrator'),
  scope: regionRefSchema.nullable().describe('The region the key is confined to; null: everything'),
  home: regionRefSchema.nullable().describe('Where the dashboard opens: the scope, else the one city the store holds (null with none or several)'),
  cities: z.array(regionRefSchema).describe('The cities the store holds residents of (for a key without a scope)'),
  dataDate: z.string().describe('The data’s own date: the latest accounts export’s (else the register’s, else today). Events do not move it: they move `accountsKnownTo`'),
  accountsKnownTo: z.string().nullable().describe('The later of the accounts export’s date and the latest participant event’s day'),
  registerDate: z.string().nullable().describe('The residents register’s own date'),
  registerStale: z.boolean().describe('Whether `dataDate` is more than a year after the register’s date: residents are aged past what the register knows'),
});

export type Me = z.infer<typeof meSchema>;
