/**
 * Which requisitions a caller sees: those of its region and below; a print shop only approved ones.
 */
import type { RequisitionViewer } from '@cakupan/store';
import type { FastifyRequest } from 'fastify';
import { holds } from '../../../plugins/permissions.js';
import { scopeOf } from '../../../plugins/scope.js';

export function requisitionViewer(request: FastifyRequest): RequisitionViewer {
  // who only prints (a print shop) sees what is approved; who requests or decides sees every step
  const approvedOnly = !holds(request, 'requisitions:request') && !holds(request, 'requisitions:decide');
  return { scope: scopeOf(request), approvedOnly };
}
