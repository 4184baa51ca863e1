import { fromZodIssues } from '@cakupan/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readStickerJson } from './jsonBody.js';
import { stickerRequestSchema, subjectSchema } from './schemas.js';
import { subjectLike } from './subjectArbitraries.testutil.js';

const parse = (text: Buffer) => JSON.parse(text.toString('utf8')) as unknown;

/** What reading the body whole gives: JSON.parse, then the request schema. */
function whole(text: string) {
  const checked = stickerRequestSchema.safeParse(JSON.parse(text));
  return checked.success ? { kind: 'valid', body: checked.data } : { kind: 'invalid', issues: fromZodIssues(checked.error.issues) };
}

const options = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>({}, { language: 'en' }, { layout: 'sheet', paper: 'A3', bleedMm: 0 }, { size: { widthMm: 85, heightMm: 55 }, cropMarks: false }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>({ bleedMm: 20 }, { layout: 'x' }, { language: 'fr', extra: 1 }, 'id', null) },
);
/** Subjects of a body: valid four times in five, else anything a client may send. */
const subject = fc.oneof({ weight: 4, arbitrary: subjectLike.filter((x) => subjectSchema.safeParse(x).success) }, { weight: 1, arbitrary: subjectLike });
const spacing = fc.constantFrom(undefined, 1, 2, '\t');

/** A request body as text: subjects, maybe options, maybe an unknown key, in some order and spacing. */
const body = fc
  .record({ subjects: fc.array(subject, { maxLength: 6 }), options, extra: fc.constantFrom(undefined, undefined, undefined, 1), optionsFirst: fc.boolean(), space: spacing })
  .map(({ subjects, options: o, extra, optionsFirst, space }) => {
    const members: [string, unknown][] = [['subjects', subjects]];
    if (o !== undefined) members[optionsFirst ? 'unshift' : 'push'](['options', o]);
    if (extra !== undefined) members.push(['copies', extra]);
    return JSON.stringify(Object.fromEntries(members), null, space);
  });

describe('readStickerJson', () => {
  it('gives what reading the body whole gives: the same value, or the same issues in the same order', () => {
    fc.assert(
      fc.property(body, (text) => {
        const read = readStickerJson(Buffer.from(text), 1000, parse);
        return JSON.stringify(read) === JSON.stringify(whole(text));
      }),
      { seed: 20261127, numRuns: 3000 },
    );
    // both outcomes are well represented among the generated bodies
    const kinds = fc.sample(body, { seed: 20261127, numRuns: 1000 }).map((text) => whole(text).kind);
    expect(kinds.filter((k) => k === 'valid').length).toBeGreaterThan(150);
    expect(kinds.filter((k) => k === 'invalid').length).toBeGreaterThan(150);
  });

  it('hands every other JSON text to the whole-body path, or gives what it gives', () => {
    const other = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.jsonValue().map((v) => JSON.stringify({ subjects: v })),
      fc.constantFrom('{"subjects":[1,]}', '{"subjects":[1] "options":{}}', '{"subjects":[{"kind":"employer"}]', '\uFEFF{"subjects":[]}', '{"subjects":[] } x', '{"__proto__":{},"subjects":[]}', '{"subjects":["a\\"]"]}'),
    );
    fc.assert(
      fc.property(other, (text) => {
        let read: ReturnType<typeof readStickerJson> | 'threw';
        try {
          read = readStickerJson(Buffer.from(text), 1000, parse);
        } catch {
          read = 'threw';
        }
        let reference: unknown;
        try {
          reference = whole(text);
        } catch {
          reference = 'threw';
        }
        // a malformed text: never a value (the caller then lets the parser report it)
        if (reference === 'threw') return read === 'threw' || read.kind === 'whole';
        return read === 'threw' ? false : read.kind === 'whole' || JSON.stringify(read) === JSON.stringify(reference);
      }),
      { seed: 20261127, numRuns: 3000 },
    );
  });

  it('reads the last of repeated "subjects", as JSON.parse does', () => {
    const text = '{"subjects":[{"kind":"x"}], "subjects":[{"kind":"household","label":"H","villageCode":"3271011001","rw":1,"rt":2,"eligible":1,"covered":1}]}';
    expect(readStickerJson(Buffer.from(text), 10, parse)).toEqual(whole(text));
    expect(readStickerJson(Buffer.from(text), 10, parse).kind).toBe('valid');
  });

  it('counts subjects past the limit without validating them', () => {
    const text = JSON.stringify({ subjects: [1, 2, 3, { kind: 'nonsense' }] });
    expect(readStickerJson(Buffer.from(text), 3, parse)).toEqual({ kind: 'tooMany', count: 4 });
  });

  it('finds elements whatever their strings hold: brackets, quotes, escapes, non-Latin text', () => {
    const label = 'H-"[{]},\\';
    const text = JSON.stringify({ subjects: [{ kind: 'household', label, villageCode: '3271011001', rw: 1, rt: 1, eligible: 0, covered: 0 }, { kind: 'employer', id: '名前', name: 'Toko ]}', villageCode: '3271011001' }] });
    const read = readStickerJson(Buffer.from(text), 10, parse);
    expect(read).toEqual(whole(text));
    expect(read.kind === 'valid' && read.body.subjects.map((s) => (s.kind === 'household' ? s.label : s.name))).toEqual([label, 'Toko ]}']);
  });
});
