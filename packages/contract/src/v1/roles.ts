/**
 * Roles and permissions: the one table of who may do what. Every secured route declares the
 * permission it needs (the service refuses to start with a `/v1` route that declares none); a
 * role holds the permissions listed here, and only inside its scope (a region and everything
 * below it). A person's account and a machine's API key (a service account) have a role alike.
 */
import { z } from 'zod';

/**
 * The roles, in the words of the program:
 * - `administrator` — runs the service: accounts, API keys, the audit log, every region;
 * - `city_officer` — the city's (or regency's) coverage officer: prints and approves sticker requisitions;
 * - `kelurahan_operator` — the operator of a village office (*kelurahan* or *desa*): requests stickers, revokes its own;
 * - `field_officer` — puts stickers up in a village and reads its worklist;
 * - `bpjs_branch` — a BPJS Ketenagakerjaan branch office: the participant and employer feed, sticker requests;
 * - `disdukcapil` — the civil registry office (*Dinas Kependudukan dan Pencatatan Sipil*): imports the residents register;
 * - `print_shop` — prints approved requisitions, sees nothing else;
 * - `analyst` — reads figures, reports and data quality, changes nothing.
 */
export const ROLES = ['administrator', 'city_officer', 'kelurahan_operator', 'field_officer', 'bpjs_branch', 'disdukcapil', 'print_shop', 'analyst'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES).describe('administrator | city_officer | kelurahan_operator | field_officer | bpjs_branch | disdukcapil | print_shop | analyst');

/** Every permission a route can need, with what it allows. */
export const PERMISSIONS = {
  'me:read': 'who the caller is, its role, scope and permissions',
  'regions:read': 'region names and children',
  'regions:configure': 'how to register in a region (the office red stickers send people to)',
  'regions:settings': 'a city’s or regency’s settings (issuer, letterhead and logo, signatory, target, language) and its boundaries',
  'coverage:read': 'coverage figures, series and the overview from the store',
  'coverage:compute': 'coverage of uploaded files, without the store',
  'quality:read': 'data-quality counts',
  'reports:read': 'the monthly report',
  'reports:approve': 'approve a month’s report (its figures and PDF are frozen) and issue corrections',
  'employers:read': 'the employers worklist and compliance',
  'imports:read': 'the imports history and rejected rows',
  'imports:write': 'send an export to import (then the permission of its kind: imports:residents or imports:bpjs)',
  'imports:residents': 'import the residents register (Disdukcapil’s export)',
  'imports:bpjs': 'import BPJS Ketenagakerjaan participant accounts and employers',
  'imports:revert': 'undo an import',
  'events:write': 'send participant and employer events (the BPJS feed)',
  'events:change-nik': 'move an account (KPJ) to another NIK',
  'stickers:print': 'print stickers from the store’s facts',
  'stickers:print-request-facts': 'print stickers from a request’s own facts (the stand-alone mode)',
  'stickers:read': 'the sticker register',
  'stickers:revoke': 'revoke a sticker',
  'field:record': 'record stickers put up and visits to employers (the field work)',
  'field:delivery-list': 'delivery lists: where each sticker goes — the head of household’s name and address (personal data, for the officers who deliver)',
  'requisitions:read': 'sticker requisitions (a print shop: approved ones only)',
  'requisitions:request': 'request stickers for a region',
  'requisitions:decide': 'approve or decline a requisition',
  'requisitions:print': 'download an approved requisition’s stickers and job sheet',
  'audit:read': 'the audit log',
  'keys:manage': 'API keys (service accounts)',
  'accounts:manage': 'officers’ accounts: make, change role or scope, reset, disable',
} as const;
export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

/** The permission each kind of import needs (besides `imports:write`, which every importing role holds). */
export const IMPORT_PERMISSION = { residents: 'imports:residents', participants: 'imports:bpjs', employers: 'imports:bpjs' } as const satisfies Record<string, Permission>;

const READ_FIGURES: Permission[] = ['me:read', 'regions:read', 'coverage:read'];

/** Which role holds which permission: the one table. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  administrator: PERMISSION_NAMES,
  city_officer: [
    ...READ_FIGURES,
    'regions:configure',
    'coverage:compute',
    'quality:read',
    'reports:read',
    'reports:approve',
    'employers:read',
    'imports:read',
    'stickers:print',
    'stickers:read',
    'stickers:revoke',
    'field:delivery-list',
    'requisitions:read',
    'requisitions:request',
    'requisitions:decide',
  ],
  kelurahan_operator: [...READ_FIGURES, 'quality:read', 'reports:read', 'employers:read', 'stickers:print', 'stickers:read', 'stickers:revoke', 'field:record', 'field:delivery-list', 'requisitions:read', 'requisitions:request'],
  field_officer: [...READ_FIGURES, 'employers:read', 'stickers:read', 'field:record', 'field:delivery-list'],
  bpjs_branch: [...READ_FIGURES, 'quality:read', 'reports:read', 'employers:read', 'imports:read', 'imports:write', 'imports:bpjs', 'imports:revert', 'events:write', 'requisitions:read', 'requisitions:request'],
  disdukcapil: [...READ_FIGURES, 'quality:read', 'imports:read', 'imports:write', 'imports:residents', 'imports:revert'],
  print_shop: ['me:read', 'regions:read', 'requisitions:read', 'requisitions:print'],
  analyst: [...READ_FIGURES, 'coverage:compute', 'quality:read', 'reports:read', 'employers:read', 'imports:read', 'stickers:read'],
};

const HELD = new Map<Role, ReadonlySet<Permission>>(ROLES.map((r) => [r, new Set(ROLE_PERMISSIONS[r])]));

/**
 * Whether `role` holds `permission`.
 *
 * @example
 * mayDo('print_shop', 'requisitions:print') // true
 * mayDo('print_shop', 'coverage:read') // false
 */
export function mayDo(role: Role, permission: Permission): boolean {
  return HELD.get(role)?.has(permission) ?? false;
}

/**
 * The levels a role's scope may be. An administrator is national (no scope: a scoped one could
 * make keys and accounts beyond its region). A city officer works for a province, a city or a
 * district; village officers (operators, field officers) in a district or a village; a print shop
 * serves a province or a city; the civil registry and BPJS (a regional office, *kantor wilayah*, a
 * branch, *kantor cabang*, or its local office) down to a village; an analyst anywhere.
 */
export const ROLE_SCOPE_LEVELS: Readonly<Record<Role, readonly ('national' | 'province' | 'city' | 'district' | 'village')[]>> = {
  administrator: ['national'],
  city_officer: ['province', 'city', 'district'],
  kelurahan_operator: ['district', 'village'],
  field_officer: ['district', 'village'],
  bpjs_branch: ['national', 'province', 'city', 'district', 'village'],
  disdukcapil: ['province', 'city', 'district', 'village'],
  print_shop: ['province', 'city'],
  analyst: ['national', 'province', 'city', 'district', 'village'],
};

/** Why `level` (`national`: no scope) cannot be `role`'s scope, or `undefined` when it can. */
export function scopeProblem(role: Role, level: 'national' | 'province' | 'city' | 'district' | 'village'): string | undefined {
  const allowed = ROLE_SCOPE_LEVELS[role];
  if (allowed.includes(level)) return undefined;
  const what = level === 'national' ? 'no scope (everything)' : `a ${level}`;
  return `a ${role} cannot have ${what}: its scope is ${allowed.map((l) => (l === 'national' ? 'none (everything)' : `a ${l}`)).join(', ')}`;
}
