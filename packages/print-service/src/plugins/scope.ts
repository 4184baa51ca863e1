/**
 * Who a request is, and the region its key may see and act in. Administrators' keys (API_KEYS)
 * see everything and manage the keys kept in the store; a stored key has a scope — a city, a
 * district or a village (kelurahan) — and sees its region and everything below it. Anything
 * outside answers 403 naming the scope.
 */
import { parseRegionCode, type Region, REGION_LEVELS, regionCodeSchema, regionName, type RegionLevel, toDottedRegionCode, isWithinRegion } from '@cakupan/core';
import type { FastifyRequest } from 'fastify';
import { HttpError } from './errors.js';

/** The authenticated caller. */
export interface Principal {
  /** The key's label (recorded with what it does). */
  label: string;
  /** Dotted region code it is confined to; `null`: everything. */
  scope: string | null;
  /** An administrator's key (from API_KEYS): manages the stored keys, reads the audit log. */
  admin: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, set by the API-key check of every secured route. */
    principal?: Principal;
  }
}

/** Whether `code` (any region code, dotted or not) lies in `scope` (itself or below it). */
export function inScope(scope: string | null, code: string): boolean {
  if (scope === null) return true;
  const dotted = toDottedRegionCode(code);
  return isWithinRegion(dotted, scope);
}

/** "32.71.01.1001 (Batu Tulis)": a scope as people read it. */
export function describeScope(scope: string | null): string {
  if (scope === null) return 'everything';
  const name = regionName(scope);
  return name ? `${scope} (${name})` : scope;
}

/** The caller's scope (`null` for everything). */
export function scopeOf(request: FastifyRequest): string | null {
  return request.principal?.scope ?? null;
}

/** Whether the caller is confined to a region below `level` (e.g. a district or village key, for `city`). */
export function confinedBelow(request: FastifyRequest, level: RegionLevel): boolean {
  const scope = scopeOf(request);
  if (scope === null) return false;
  const parsed = parseRegionCode(scope);
  return !parsed.success || REGION_LEVELS.indexOf(parsed.data.level) > REGION_LEVELS.indexOf(level);
}

/**
 * Refuses a region outside the caller's scope.
 *
 * @throws {HttpError} 403 naming the scope and the field
 */
export function requireInScope(request: FastifyRequest, code: string, path: (string | number)[]): void {
  const scope = scopeOf(request);
  if (inScope(scope, code)) return;
  const message = `${code} is outside this key's scope: it sees ${describeScope(scope)} and below`;
  throw new HttpError(403, message, [{ code: 'out_of_range', path, message }]);
}

/**
 * Refuses a caller confined below `level` (e.g. an import changes the whole city's data).
 *
 * @throws {HttpError} 403 naming the scope
 */
export function requireScopeAtLeast(request: FastifyRequest, level: RegionLevel, what: string): void {
  if (!confinedBelow(request, level)) return;
  const scope = scopeOf(request);
  throw new HttpError(403, `${what} needs a key for a whole ${level}: this key sees ${describeScope(scope)} and below`);
}

/**
 * Refuses a caller who is not an administrator.
 *
 * @throws {HttpError} 403
 */
export function requireAdmin(request: FastifyRequest, what: string): void {
  if (request.principal?.admin) return;
  throw new HttpError(403, `${what} needs an administrator's key (one from API_KEYS)`);
}

/**
 * The region a request asks about: `region` if given (and in scope), else the key's own scope.
 *
 * @throws {HttpError} 400 when neither is there (an administrator's key names one), 403 outside the scope
 */
export function requestedRegion(request: FastifyRequest, region: Region | undefined): Region {
  const scope = scopeOf(request);
  const chosen = region ?? (scope !== null ? regionCodeSchema.parse(scope) : undefined);
  if (!chosen) throw new HttpError(400, 'region is required: a province, city, district, village, RW or RT code', [{ code: 'required', path: ['region'], message: 'required' }]);
  requireInScope(request, chosen.code, ['region']);
  return chosen;
}
