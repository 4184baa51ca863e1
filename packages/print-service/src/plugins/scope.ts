/**
 * Who a request is, and the region it may see and act in. A caller — a person signed in, or a
 * machine's API key — has a role (what it may do: `@cakupan/contract`'s permission table) and a
 * scope: a province, a city, a district or a village (*kelurahan*), or none (everything); it sees
 * its region and everything below it. A region outside answers 403 naming the scope; an object
 * outside answers 404, like one that does not exist.
 */
import { parseRegionCode, type Region, REGION_LEVELS, regionCodeSchema, regionName, type RegionLevel, toDottedRegionCode, isWithinRegion } from '@cakupan/core';
import type { Role } from '@cakupan/contract';
import type { FastifyRequest } from 'fastify';
import { HttpError } from './errors.js';

/** The authenticated caller. */
export interface Principal {
  /** Who acts, as the audit log and the imports name it: a person's username or a key's label (one namespace). */
  label: string;
  /** A person signed in, or a machine's API key (a service account). */
  kind: 'person' | 'key';
  /** A person's name. */
  name?: string;
  /** What it may do (`ROLE_PERMISSIONS`). */
  role: Role;
  /** Dotted region code it is confined to; `null`: everything. */
  scope: string | null;
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
