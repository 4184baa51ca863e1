/**
 * How calculations refuse their inputs: a non-iterable input is a TypeError, a bad record a
 * rejection that carries its index and, when it has one, its `ref` (e.g. its CSV line).
 */
import type { Rejection } from './records.js';

/** @internal throws the TypeError every calculation gives for an input that is not iterable */
export function requireIterable(value: unknown, name: string): void {
  if (value == null || typeof (value as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw new TypeError(`${name} must be an array or another iterable of records`);
  }
}

/** @internal */
export function withRef(index: number, record: unknown): { index: number; ref?: string | number } {
  const ref = (record as { ref?: unknown } | null)?.ref;
  return typeof ref === 'string' || typeof ref === 'number' ? { index, ref } : { index };
}

/** @internal a rejection with the record's index and, when it has one, its `ref` */
export function rejection(index: number, record: unknown, problem: { field: string; code: Rejection['code']; message: string }): Rejection {
  return { ...withRef(index, record), field: problem.field, code: problem.code, message: problem.message, path: problem.field === 'record' ? [] : [problem.field] };
}
