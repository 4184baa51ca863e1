import { describe, expect, it } from 'vitest';
import { IMPORT_PERMISSION, mayDo, PERMISSION_NAMES, ROLE_PERMISSIONS, ROLES, scopeProblem } from './roles.js';

describe('the permission table', () => {
  it('gives the administrator every permission, and names only known permissions', () => {
    expect(PERMISSION_NAMES.every((p) => mayDo('administrator', p))).toBe(true);
    for (const role of ROLES) expect(ROLE_PERMISSIONS[role].filter((p) => !PERMISSION_NAMES.includes(p))).toEqual([]);
  });

  it('lets a role send an import exactly when it may import some kind', () => {
    const kinds = Object.values(IMPORT_PERMISSION);
    for (const role of ROLES) expect(mayDo(role, 'imports:write'), role).toBe(kinds.some((p) => mayDo(role, p)));
  });

  it('keeps the print shop to approved requisitions, and deciding apart from printing', () => {
    expect(ROLE_PERMISSIONS.print_shop).toEqual(['me:read', 'regions:read', 'requisitions:read', 'requisitions:print']);
    expect(ROLES.filter((r) => mayDo(r, 'requisitions:decide') && mayDo(r, 'requisitions:print'))).toEqual(['administrator']);
    expect(ROLES.filter((r) => mayDo(r, 'stickers:print-request-facts') || mayDo(r, 'events:change-nik') || mayDo(r, 'accounts:manage'))).toEqual(['administrator']);
  });

  it('lets the analyst change nothing', () => {
    const changes = PERMISSION_NAMES.filter((p) => !/:read$/.test(p) && p !== 'coverage:compute');
    expect(changes.filter((p) => mayDo('analyst', p))).toEqual([]);
  });
});

describe('scopeProblem', () => {
  it.each([
    ['administrator', 'national'],
    ['kelurahan_operator', 'village'],
    ['print_shop', 'city'],
    ['bpjs_branch', 'province'],
  ] as const)('lets a %s have a %s scope', (role, level) => {
    expect(scopeProblem(role, level)).toBeUndefined();
  });
  it.each([
    ['administrator', 'city'],
    ['kelurahan_operator', 'national'],
    ['print_shop', 'village'],
    ['city_officer', 'village'],
  ] as const)('refuses a %s with a %s scope, saying what it may have', (role, level) => {
    expect(scopeProblem(role, level)).toMatch(new RegExp(`^a ${role} cannot have .*: its scope is `));
  });
});
