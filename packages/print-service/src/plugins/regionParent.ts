/**
 * The region whose children a list route reads: the one the request names, else the key's scope.
 */
import { isLevelBelow, type Region, type RegionLevel, regionCodeSchema } from '@cakupan/core';
import type { FastifyRequest } from 'fastify';
import { HttpError } from './errors.js';
import { requireInScope, scopeOf } from './scope.js';

/**
 * The parent of the regions at `level` a request asks for: `named` if given, else the key's scope
 * (`undefined` for an unscoped key: everything).
 *
 * @throws {HttpError} 403 outside the key's scope; 400 when `level` is not below the parent
 */
export function parentOf(request: FastifyRequest, named: Region | undefined, level: RegionLevel): Region | undefined {
  const scope = scopeOf(request);
  const parent = named ?? (scope === null ? undefined : regionCodeSchema.parse(scope));
  if (!parent) return undefined;
  requireInScope(request, parent.code, ['parent']);
  if (!isLevelBelow(level, parent.level)) {
    throw new HttpError(400, `a ${level} cannot lie under a ${parent.level}`, [{ code: 'inconsistent', path: ['level'], message: `must be below the parent's level (${parent.level})` }]);
  }
  return parent;
}
