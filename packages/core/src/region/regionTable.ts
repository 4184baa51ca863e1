/**
 * Region names beyond the built-in Kota Bogor: a table registered once per process (or page) and
 * read by `regionName`, `parseRegionCode` and `knownRegions`. The main entry stays small (Kota
 * Bogor's 76 names); `@cakupan/core/regions` brings the whole country (84k villages, ~1 MB) for
 * those who want it — Node services, the CLI — and a browser loads it only on demand.
 *
 * The table lives on `globalThis` under a registered symbol, so that the ESM and CJS builds of
 * core, if both are loaded, share it.
 */
const KEY = Symbol.for('@cakupan/core/region-names');

/** A registered table of region names. @internal */
export interface RegionNames {
  /** How many names it holds. */
  readonly size: number;
  /** The name of a dotted code, or `undefined`. */
  name(code: string): string | undefined;
  /** Every dotted code it names, in code order. */
  codes(): readonly string[];
  /** The dotted codes one level below a province, city or district code, in code order (without building every code). */
  childrenOf(code: string): readonly string[];
}

/** The registered table, if any. @internal */
export function registeredRegions(): RegionNames | undefined {
  return (globalThis as { [KEY]?: RegionNames })[KEY];
}

function register(table: RegionNames): number {
  (globalThis as { [KEY]?: RegionNames })[KEY] = table;
  return table.size;
}

/**
 * Decodes the compact table format of `scripts/gen-regions.mjs` into dotted code → name, in code
 * order (read by the same index {@link registerRegionTable} keeps).
 *
 * @example
 * decodeRegionTable('P32Jawa Barat\nR3271Kota Bogor\nD327101Bogor Selatan\tBatu Tulis') // 4 entries
 */
export function decodeRegionTable(table: string): Map<string, string> {
  const index = indexRegionTable(table);
  return new Map(index.codes().map((code) => [code, index.name(code)!]));
}

/**
 * Registers a table of region names (dotted code → name) for every later lookup, replacing any
 * table registered before. Returns how many names it holds.
 */
export function registerRegionNames(names: ReadonlyMap<string, string>): number {
  const map = new Map(names);
  const codes = [...map.keys()].sort();
  const childrenOf = (code: string) => {
    const prefix = `${code}.`;
    const length = code.length + (code.length === 8 ? 5 : 3);
    return codes.filter((c) => c.length === length && c.startsWith(prefix));
  };
  return register({ size: map.size, name: (code) => map.get(code), codes: () => codes, childrenOf });
}

/**
 * Registers the compact table format of `scripts/gen-regions.mjs` as it is: an index into the
 * table's one string (a sorted array of numeric codes and two of offsets, ~16 bytes a name)
 * rather than a `Map` of 91k code and name strings (~11 MB of heap; BENCHMARKS.md §9). A name is
 * cut from the table when asked for. Returns how many names it holds. @internal
 */
export function registerRegionTable(table: string): number {
  return register(indexRegionTable(table));
}

/**
 * A dotted code of province to village as one number: its digits padded to 10, then its level
 * (0–3), so that numeric order is the codes' string order. `undefined` for anything else.
 */
function numericCode(code: string): number | undefined {
  const len = code.length;
  if (len !== 2 && len !== 5 && len !== 8 && len !== 13) return undefined;
  let digits = 0;
  let count = 0;
  for (let i = 0; i < len; i++) {
    const c = code.charCodeAt(i);
    if (i === 2 || i === 5 || i === 8) {
      if (c !== 0x2e) return undefined;
      continue;
    }
    if (c < 0x30 || c > 0x39) return undefined;
    digits = digits * 10 + (c - 0x30);
    count++;
  }
  return digits * 10 ** (10 - count) * 10 + (len === 2 ? 0 : len === 5 ? 1 : len === 8 ? 2 : 3);
}

/** The dotted code of {@link numericCode}'s number. */
function dottedCode(key: number): string {
  const level = key % 10;
  const digits = String(Math.floor(key / 10)).padStart(10, '0');
  const parts = [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4, 6), digits.slice(6, 10)];
  return parts.slice(0, level + 1).join('.');
}

function indexRegionTable(table: string): RegionNames {
  const keys: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const add = (digits: number, level: number, start: number, end: number) => {
    keys.push(digits * 10 + level);
    starts.push(start);
    ends.push(end);
  };
  for (let at = 0; at < table.length; ) {
    let lineEnd = table.indexOf('\n', at);
    if (lineEnd < 0) lineEnd = table.length;
    const kind = table[at];
    if (kind === 'P') add(Number(table.slice(at + 1, at + 3)) * 1e8, 0, at + 3, lineEnd);
    else if (kind === 'R') add(Number(table.slice(at + 1, at + 5)) * 1e6, 1, at + 5, lineEnd);
    else if (kind === 'D') {
      const district = Number(table.slice(at + 1, at + 7));
      let tab = table.indexOf('\t', at);
      if (tab < 0 || tab > lineEnd) tab = lineEnd;
      add(district * 1e4, 2, at + 7, tab);
      let previous = -1;
      for (let entry = tab + 1; entry < lineEnd; ) {
        let entryEnd = table.indexOf('|', entry);
        if (entryEnd < 0 || entryEnd > lineEnd) entryEnd = lineEnd;
        let n = previous + 1;
        let nameStart = entry;
        if (table[entry] === '@') {
          n = Number(table.slice(entry + 1, entry + 5));
          nameStart = entry + 5;
        }
        add(district * 1e4 + n, 3, nameStart, entryEnd);
        previous = n;
        entry = entryEnd + 1;
      }
    }
    at = lineEnd + 1;
  }
  const order = Array.from(keys.keys()).sort((a, b) => keys[a]! - keys[b]!);
  const sortedKeys = Float64Array.from(order, (i) => keys[i]!);
  const sortedStarts = Uint32Array.from(order, (i) => starts[i]!);
  const sortedEnds = Uint32Array.from(order, (i) => ends[i]!);
  return {
    size: sortedKeys.length,
    name(code) {
      const key = numericCode(code);
      if (key === undefined) return undefined;
      let lo = 0;
      let hi = sortedKeys.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const k = sortedKeys[mid]!;
        if (k === key) return table.slice(sortedStarts[mid], sortedEnds[mid]);
        if (k < key) lo = mid + 1;
        else hi = mid - 1;
      }
      return undefined;
    },
    codes: () => Array.from(sortedKeys, dottedCode),
    childrenOf(code) {
      const key = numericCode(code);
      if (key === undefined || key % 10 === 3) return [];
      // the descendants' keys share the parent's digits: one run after the parent's own key
      const level = key % 10;
      const span = 10 ** (8 - 2 * level) * 10;
      const base = key - level;
      let lo = 0;
      let hi = sortedKeys.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sortedKeys[mid]! <= key) lo = mid + 1;
        else hi = mid;
      }
      const found: string[] = [];
      for (let i = lo; i < sortedKeys.length && sortedKeys[i]! < base + span; i++) if (sortedKeys[i]! % 10 === level + 1) found.push(dottedCode(sortedKeys[i]!));
      return found;
    },
  };
}
