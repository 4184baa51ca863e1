/**
 * Generated sticker subjects for property tests: mostly well-formed (each field is right nine
 * times in ten), with the mistakes clients make mixed in — wrong types, lengths, codes, unit
 * numbers and statuses, identity numbers and unprintable text, unknown keys.
 */
import fc from 'fast-check';

/** One of `valid` nine times in ten, else one of `invalid`. */
const mostly = (valid: readonly unknown[], invalid: readonly unknown[]) =>
  fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: fc.constantFrom(...invalid) });

const villageCode = mostly(['3271011001', '32.71.01.1001', '3271021003', '1101012001'], ['3271', '32.71.01.1001.003', '9999999999', ' 3271011001', 'x', 3271011001, null]);
const unit = mostly([3, 7, '003', '5', 999, 1], [0, 1000, '1000', 3.5, null, '', 'a', -1, '01a']);
const text = (valid: readonly string[]) =>
  fc.oneof(
    { weight: 18, arbitrary: fc.constantFrom(...valid) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>('', '   ', 'Toko 福', '3201234567890123', 'NIK 3201 2345 6789 0123', 'x'.repeat(201), 'a\u202eb', null, 42) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );

/** One object in ten gets a key the schemas do not know. */
function withSometimesAnExtraKey(o: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  return fc.nat(9).map((n) => (n === 0 ? { ...o, extra: 1 } : o));
}

export const employerLike = fc
  .record(
    {
      kind: mostly(['employer'], ['Employer', 'pemberi kerja']),
      id: mostly(['9120001234567', ' 9120001234567 ', 'E-1'], ['', '   ', 'x'.repeat(65), 9120001234567]),
      name: text(['CV Maju Jaya', ' Toko Sumber Rezeki ', 'Warung Bu Siti', 'Café Ñoño', 'PT Ärzte & Söhne']),
      villageCode,
      rw: unit,
      rt: unit,
      npp: mostly(['15070955', '', null], ['1507095', 15070955, '1507095a']),
      status: mostly(['aktif', 'active', ' Non-Aktif ', 'tidak aktif', 'inactive', '', null], ['x', 1, 'aktif!']),
    },
    // as JSON.parse makes them: plain objects
    { requiredKeys: ['kind', 'id', 'name', 'villageCode'], noNullPrototype: true },
  )
  .chain(withSometimesAnExtraKey);

export const householdLike = fc
  .record({
    kind: fc.constant('household'),
    label: text(['H-0001', ' H-2 ', 'Rumah 5']),
    villageCode,
    rw: unit,
    rt: unit,
    eligible: mostly([0, 1, 3, 100], [101, 2.5, '3', -1, null]),
    covered: mostly([0, 1, 2, 3], [100, 2.5, '1', null]),
  }, { noNullPrototype: true })
  .chain(withSometimesAnExtraKey);

/** A subject as a client may send it: an employer, a household, or something else altogether. */
export const subjectLike: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 10, arbitrary: employerLike },
  { weight: 10, arbitrary: householdLike },
  { weight: 1, arbitrary: fc.jsonValue() },
);
