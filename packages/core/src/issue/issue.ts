/**
 * One shape for every problem cakupan reports, in the manner of zod's issues: a literal `code`, a
 * human `message`, and where it applies the `path` to the field at fault and, for CSV input, the
 * source `line` and `column`. Rejected records, CSV rejections and HTTP 4xx answers all carry it;
 * {@link CakupanError} carries a list of them when a call cannot go on at all.
 */

/** What went wrong, as a machine-readable literal. */
export type IssueCode =
  /** A required value is absent. */
  | 'required'
  /** A value is present but of the wrong type or form. */
  | 'invalid_type'
  | 'invalid_format'
  /** A date that is not a real calendar date (2017-02-30, 0000-01-01). */
  | 'invalid_date'
  /** A number or size outside its allowed range. */
  | 'out_of_range'
  /** A value not in the allowed list (a segment, a status, a level). */
  | 'invalid_value'
  /** Personal data (a NIK or KK number) where none may be. */
  | 'personal_data'
  /** Characters that cannot be printed (control characters, scripts the sticker fonts lack). */
  | 'unprintable'
  /** A field or column that is not part of the format. */
  | 'unrecognized'
  /** A column given twice. */
  | 'duplicate'
  /** A record that contradicts itself or another (covered > eligible, ended before registered). */
  | 'inconsistent'
  /** A request that contradicts what is stored (a label in use, an import that is no longer the one in force). */
  | 'conflict'
  /** Anything else. */
  | 'custom';

/**
 * Every {@link IssueCode}, in the order above (the HTTP contract gives each its status).
 *
 * @example
 * ISSUE_CODES.includes('invalid_date') //=> true
 */
export const ISSUE_CODES = [
  'required',
  'invalid_type',
  'invalid_format',
  'invalid_date',
  'out_of_range',
  'invalid_value',
  'personal_data',
  'unprintable',
  'unrecognized',
  'duplicate',
  'inconsistent',
  'conflict',
  'custom',
] as const satisfies readonly IssueCode[];

/**
 * One problem. Every producer has its own literal codes (`NikIssue`, `RegionIssue`, a record's
 * `Rejection`, a `CsvRejection`) in this one shape; `IssueCode` are the general ones.
 */
export interface Issue<C extends string = IssueCode> {
  readonly code: C;
  readonly message: string;
  /** Where, from the outermost field in: `['subjects', 3, 'npp']`. Empty for the input as a whole. */
  readonly path: readonly (string | number)[];
  /** Source line of CSV input (1 = the header line). */
  readonly line?: number;
  /** Source column name of CSV input. */
  readonly column?: string;
}

/**
 * The error cakupan throws for input it cannot use (as opposed to a bug): it carries the issues,
 * the first of which is also the message. It is a `RangeError`, so code that caught the
 * `RangeError`s of earlier versions still does.
 *
 * @example
 * try { computeCoverage({ asOf: '2017-02-30', residents: [], participants: [] }) }
 * catch (e) { if (e instanceof CakupanError) e.issues[0].code //=> 'invalid_date' }
 */
export class CakupanError extends RangeError {
  override readonly name: string = 'CakupanError';
  readonly issues: readonly Issue[];

  constructor(issues: Issue | readonly Issue[]) {
    const list = Array.isArray(issues) ? (issues as readonly Issue[]) : [issues as Issue];
    if (list.length === 0) throw new TypeError('CakupanError needs at least one issue');
    super(list[0]!.message);
    this.issues = Object.freeze(list.map((i) => Object.freeze({ ...i, path: Object.freeze([...i.path]) })));
  }
}

/**
 * Builds an issue (a small convenience that keeps the field order the same everywhere).
 *
 * @example
 * issue('invalid_date', 'asOf must be a real calendar date', ['asOf'])
 */
export function issue(code: IssueCode, message: string, path: readonly (string | number)[] = [], where?: { line?: number; column?: string }): Issue {
  return { code, message, path, ...(where?.line !== undefined && { line: where.line }), ...(where?.column !== undefined && { column: where.column }) };
}

/** `['subjects', 3, 'npp']` → `subjects.3.npp` (how paths are written in messages and HTTP answers). */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map(String).join('.');
}

/** The part of a zod issue {@link fromZodIssues} reads. */
interface ZodLikeIssue {
  readonly code: string;
  readonly message: string;
  readonly path: readonly PropertyKey[];
  readonly input?: unknown;
}

const CODE_OF_ZOD: Readonly<Record<string, IssueCode>> = {
  invalid_type: 'invalid_type',
  too_big: 'out_of_range',
  too_small: 'out_of_range',
  invalid_format: 'invalid_format',
  invalid_value: 'invalid_value',
  unrecognized_keys: 'unrecognized',
  invalid_union: 'invalid_value',
  not_multiple_of: 'out_of_range',
};

/**
 * zod's issues in cakupan's shape, their paths under `prefix`. A missing value becomes `required`;
 * a refinement keeps the code it was given in its `params.code` (else `custom`).
 *
 * @example
 * fromZodIssues(schema.safeParse(x).error.issues, ['options'])
 */
export function fromZodIssues(issues: readonly ZodLikeIssue[], prefix: readonly (string | number)[] = []): Issue[] {
  return issues.map((i) => {
    const own = (i as { params?: { code?: IssueCode } }).params?.code;
    const code: IssueCode = own ?? (i.code === 'invalid_type' && i.input === undefined ? 'required' : (CODE_OF_ZOD[i.code] ?? 'custom'));
    return { code, message: i.message, path: [...prefix, ...i.path.map((p) => (typeof p === 'number' ? p : String(p)))] };
  });
}
