/**
 * A quick check of one sticker subject, for the common case of a well-formed one: the rules of
 * {@link subjectSchema} (which stays the one definition, and the one source of error messages)
 * applied in plain code.
 *
 * Why: zod's objects, unions and transforms allocate a few KB per subject, and V8 moves those
 * allocation sites to the old generation ("pretenuring") once a large job's subjects pile up —
 * validating 50,000 subjects then left ~40 MB of garbage in the service's heap, which it kept for
 * the rest of the job (BENCHMARKS.md §9). This check allocates the validated subject and little
 * else.
 *
 * Contract (tested on generated subjects in `quickSubject.test.ts`): when it returns a subject,
 * `subjectSchema.parse` of the same input succeeds with an equal value, keys in the same order;
 * when it returns `undefined` (anything invalid or unusual), the caller asks `subjectSchema`.
 */
import { containsBirthDate, containsIdNumber, parseAccountStatus, parseRegionCode, parseUnitNumber } from '@cakupan/core';
import { unprintableCharacters } from '../pdf/fonts.js';
import { employerSubjectSchema, householdSubjectSchema, type Subject } from './schemas.js';

// the keys the strict schemas allow, from the schemas themselves
const EMPLOYER_KEYS = new Set(Object.keys(employerSubjectSchema.shape));
const HOUSEHOLD_KEYS = new Set(Object.keys(householdSubjectSchema.shape));
const NPP = /^\d{8}$/;

/** Dotted village codes by the code as written, for one job (a job's subjects share a few villages). */
export type VillageCodes = Map<string, string | null>;

function villageCode(value: unknown, known: VillageCodes): string | undefined {
  if (typeof value !== 'string') return undefined;
  let dotted = known.get(value);
  if (dotted === undefined) {
    const r = parseRegionCode(value);
    dotted = r.success && r.data.level === 'village' ? r.data.code : null;
    if (known.size < 10_000) known.set(value, dotted);
  }
  return dotted ?? undefined;
}

/** `printedText(max)` of the schema: trimmed, 1–max long, no 16-digit run, printable. */
function printed(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (s.length < 1 || s.length > max || containsIdNumber(s) || containsBirthDate(s) || unprintableCharacters(s).length > 0) return undefined;
  return s;
}

function onlyKeys(o: object, allowed: Set<string>): boolean {
  if (Object.getPrototypeOf(o) !== Object.prototype) return false;
  for (const key in o) if (!allowed.has(key)) return false;
  return true;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100;

/**
 * The validated subject, or `undefined` when `subjectSchema` must decide (see the file's comment).
 *
 * @example
 * quickSubject({ kind: 'household', label: 'H-1', villageCode: '3271011001', rw: '003', rt: 5, eligible: 2, covered: 1 }, new Map())
 * //=> { kind: 'household', label: 'H-1', villageCode: '32.71.01.1001', rw: 3, rt: 5, eligible: 2, covered: 1 }
 */
export function quickSubject(input: unknown, villages: VillageCodes): Subject | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const o = input as Record<string, unknown>;
  if (o.kind === 'employer') {
    if (!onlyKeys(o, EMPLOYER_KEYS)) return undefined;
    const id = typeof o.id === 'string' ? o.id.trim() : '';
    const name = printed(o.name, 200);
    const village = villageCode(o.villageCode, villages);
    if (id.length < 1 || id.length > 64 || name === undefined || village === undefined) return undefined;
    const out: Record<string, unknown> = { kind: 'employer', id, name, villageCode: village };
    for (const unit of ['rw', 'rt'] as const) {
      if (!(unit in o)) continue;
      const n = parseUnitNumber(o[unit]);
      if (n === undefined) return undefined;
      out[unit] = n;
    }
    if ('npp' in o) {
      const npp = o.npp;
      if (npp !== null && npp !== '' && !(typeof npp === 'string' && NPP.test(npp))) return undefined;
      out.npp = npp;
    }
    if ('status' in o) {
      const status = o.status;
      if (status === null || status === '') out.status = status;
      else {
        const s = parseAccountStatus(status);
        if (s === undefined || typeof status !== 'string') return undefined;
        out.status = s;
      }
    }
    return out as Subject;
  }
  if (o.kind === 'household') {
    if (!onlyKeys(o, HOUSEHOLD_KEYS)) return undefined;
    const label = printed(o.label, 40);
    const village = villageCode(o.villageCode, villages);
    const rw = parseUnitNumber(o.rw);
    const rt = parseUnitNumber(o.rt);
    const { eligible, covered } = o;
    if (label === undefined || village === undefined || rw === undefined || rt === undefined || !isCount(eligible) || !isCount(covered) || covered > eligible) return undefined;
    return { kind: 'household', label, villageCode: village, rw, rt, eligible, covered };
  }
  return undefined;
}
