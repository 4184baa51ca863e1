/**
 * The JSON body of `POST /v1/stickers`, read one subject at a time.
 *
 * Parsing the whole body and then validating it holds every subject twice (as parsed, and as
 * validated) while zod allocates a few KB of short-lived objects for each; for a 50,000-sticker
 * job that burst grew the service's heap by ~60 MB it never gave back (BENCHMARKS.md §9). Here the
 * body stays the Buffer it arrived as (outside the JavaScript heap); a byte-level scan finds where
 * each element of `subjects` begins and ends, and each is parsed and validated on its own, so that
 * only its validated form stays.
 *
 * The result is exactly that of parsing the whole body and validating it with
 * {@link stickerRequestSchema}: the same value, or the same issues in the same order
 * (`jsonBody.test.ts` checks this against the whole-body path on generated bodies). Anything the
 * scan does not recognise as `{ …, "subjects": [ … ], … }` — other shapes, malformed JSON, keys that
 * the JSON parser refuses — is handed to the whole-body path unchanged, so that its answers and
 * error messages stay the parser's.
 */
import { fromZodIssues, type Issue } from '@cakupan/core';
import { quickSubject, type VillageCodes } from './quickSubject.js';
import { type StickerOptions, stickerRequestSchema, type Subject, subjectSchema } from './schemas.js';

/** Parses one JSON text (fastify's own parser, which refuses `__proto__` keys); throws when malformed. */
export type JsonParse = (text: Buffer) => unknown;

/** What {@link readStickerJson} found. */
export type StickerJsonBody =
  /** Subjects and options, validated. */
  | { readonly kind: 'valid'; readonly body: { subjects: Subject[]; options: StickerOptions } }
  /** The issues validation found, in the one issue shape, paths from the body's root. */
  | { readonly kind: 'invalid'; readonly issues: readonly Issue[] }
  /** More subjects than `maxStickers` (only counted, not validated). */
  | { readonly kind: 'tooMany'; readonly count: number }
  /** Not of the usual shape: read it whole (`JSON.parse` and the schema) as any other body. */
  | { readonly kind: 'whole' };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

const isSpace = (b: number | undefined) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
const skipSpace = (buf: Buffer, i: number, end: number) => {
  while (i < end && isSpace(buf[i])) i++;
  return i;
};

/** The end (exclusive) of the string whose opening quote is at `i`, or -1. */
function stringEnd(buf: Buffer, i: number, end: number): number {
  for (let j = i + 1; j < end; j++) {
    const b = buf[j];
    if (b === BACKSLASH) j++;
    else if (b === QUOTE) return j + 1;
  }
  return -1;
}

/**
 * The end (exclusive) of the JSON value starting at `i`, or -1: objects and arrays by their
 * brackets (strings skipped), anything else up to the next space or punctuation. Only the value's
 * extent is found; the JSON parser checks its inside.
 */
function valueEnd(buf: Buffer, i: number, end: number): number {
  const first = buf[i];
  if (first === QUOTE) return stringEnd(buf, i, end);
  if (first === OPEN_OBJECT || first === OPEN_ARRAY) {
    let depth = 0;
    for (let j = i; j < end; j++) {
      const b = buf[j];
      if (b === QUOTE) {
        const after = stringEnd(buf, j, end);
        if (after < 0) return -1;
        j = after - 1;
      } else if (b === OPEN_OBJECT || b === OPEN_ARRAY) depth++;
      else if ((b === CLOSE_OBJECT || b === CLOSE_ARRAY) && --depth === 0) return j + 1;
    }
    return -1;
  }
  let j = i;
  while (j < end) {
    const b = buf[j];
    if (isSpace(b) || b === COMMA || b === CLOSE_OBJECT || b === CLOSE_ARRAY || b === COLON) break;
    j++;
  }
  return j > i ? j : -1;
}

/** The members of the object that is the whole of `buf`: key and value extent; undefined if it is not one. */
function objectMembers(buf: Buffer, parse: JsonParse): { key: string; start: number; end: number }[] | undefined {
  const n = buf.length;
  let i = skipSpace(buf, 0, n);
  if (buf[i] !== OPEN_OBJECT) return undefined;
  i = skipSpace(buf, i + 1, n);
  const members: { key: string; start: number; end: number }[] = [];
  if (buf[i] !== CLOSE_OBJECT) {
    for (;;) {
      if (buf[i] !== QUOTE) return undefined;
      const keyEnd = stringEnd(buf, i, n);
      if (keyEnd < 0) return undefined;
      const key = parse(buf.subarray(i, keyEnd));
      if (typeof key !== 'string' || key === '__proto__' || key === 'constructor') return undefined;
      i = skipSpace(buf, keyEnd, n);
      if (buf[i] !== COLON) return undefined;
      i = skipSpace(buf, i + 1, n);
      const end = valueEnd(buf, i, n);
      if (end < 0) return undefined;
      members.push({ key, start: i, end });
      i = skipSpace(buf, end, n);
      if (buf[i] === COMMA) {
        i = skipSpace(buf, i + 1, n);
        continue;
      }
      if (buf[i] === CLOSE_OBJECT) break;
      return undefined;
    }
  }
  return skipSpace(buf, i + 1, n) === n ? members : undefined;
}

/** The extents of the elements of the array at `start…end`, or undefined if it is not a well-formed one. */
function arrayElements(buf: Buffer, start: number, end: number): [number, number][] | undefined {
  if (buf[start] !== OPEN_ARRAY || buf[end - 1] !== CLOSE_ARRAY) return undefined;
  const last = end - 1;
  let i = skipSpace(buf, start + 1, last);
  const elements: [number, number][] = [];
  if (i === last) return elements;
  for (;;) {
    const e = valueEnd(buf, i, last);
    if (e < 0) return undefined;
    elements.push([i, e]);
    i = skipSpace(buf, e, last);
    if (i === last) return elements;
    if (buf[i] !== COMMA) return undefined;
    i = skipSpace(buf, i + 1, last);
  }
}

/** Any valid subject: stands in for the subjects while the rest of the body is validated. */
const STAND_IN = { kind: 'household', label: 'H', villageCode: '3271011001', rw: 1, rt: 1, eligible: 0, covered: 0 };

/**
 * Reads the JSON body of a sticker request (see the file's comment). Throws only what `parse`
 * throws for a malformed piece; the caller then reads the body whole to report it as usual.
 *
 * Limits: `maxStickers` bounds what is validated; a body with more subjects is only counted.
 *
 * @example
 * readStickerJson(Buffer.from('{"subjects":[]}'), 1000, (b) => JSON.parse(b.toString()))
 * //=> { kind: 'invalid', issues: [{ code: 'out_of_range', path: ['subjects'], … }] }
 */
export function readStickerJson(buf: Buffer, maxStickers: number, parse: JsonParse): StickerJsonBody {
  const members = objectMembers(buf, parse);
  if (!members) return { kind: 'whole' };
  // as JSON.parse: the last of repeated keys counts
  let subjectsAt: (typeof members)[number] | undefined;
  for (const m of members) if (m.key === 'subjects') subjectsAt = m;
  const elements = subjectsAt && arrayElements(buf, subjectsAt.start, subjectsAt.end);
  if (!elements) return { kind: 'whole' };
  if (elements.length > maxStickers) return { kind: 'tooMany', count: elements.length };
  const rest: Record<string, unknown> = {};
  for (const m of members) if (m.key !== 'subjects') rest[m.key] = parse(buf.subarray(m.start, m.end));

  const subjects: Subject[] = [];
  const issues: Issue[] = [];
  const villages: VillageCodes = new Map();
  elements.forEach(([start, end], i) => {
    const input = parse(buf.subarray(start, end));
    // the common well-formed subject without zod's allocations; the schema decides the rest
    const quick = quickSubject(input, villages);
    if (quick) return void subjects.push(quick);
    const checked = subjectSchema.safeParse(input);
    if (checked.success) subjects.push(checked.data);
    else issues.push(...fromZodIssues(checked.error.issues, ['subjects', i]));
  });
  const others = stickerRequestSchema.safeParse({ ...rest, subjects: elements.length > 0 ? [STAND_IN] : [] });
  if (!others.success) issues.push(...fromZodIssues(others.error.issues));
  if (issues.length > 0 || !others.success) return { kind: 'invalid', issues };
  return { kind: 'valid', body: { subjects, options: others.data.options } };
}
