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

type Registry = { names: Map<string, string>; codes: string[] };

/** The registered table, if any. @internal */
export function registeredRegions(): Registry | undefined {
  return (globalThis as { [KEY]?: Registry })[KEY];
}

/**
 * Decodes the compact table format of `scripts/gen-regions.mjs` into dotted code → name.
 *
 * @example
 * decodeRegionTable('P32Jawa Barat\nR3271Kota Bogor\nD327101Bogor Selatan\tBatu Tulis') // 4 entries
 */
export function decodeRegionTable(table: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const line of table.split('\n')) {
    const kind = line[0];
    if (kind === 'P') names.set(line.slice(1, 3), line.slice(3));
    else if (kind === 'R') names.set(`${line.slice(1, 3)}.${line.slice(3, 5)}`, line.slice(5));
    else if (kind === 'D') {
      const tab = line.indexOf('\t');
      const district = `${line.slice(1, 3)}.${line.slice(3, 5)}.${line.slice(5, 7)}`;
      names.set(district, line.slice(7, tab < 0 ? undefined : tab));
      if (tab < 0 || tab === line.length - 1) continue;
      let previous = -1;
      for (const entry of line.slice(tab + 1).split('|')) {
        let n = previous + 1;
        let name = entry;
        if (entry[0] === '@') {
          n = Number(entry.slice(1, 5));
          name = entry.slice(5);
        }
        names.set(`${district}.${String(n).padStart(4, '0')}`, name);
        previous = n;
      }
    }
  }
  return names;
}

/**
 * Registers a table of region names (dotted code → name) for every later lookup, replacing any
 * table registered before. Returns how many names it holds.
 */
export function registerRegionNames(names: ReadonlyMap<string, string>): number {
  const map = new Map(names);
  (globalThis as { [KEY]?: Registry })[KEY] = { names: map, codes: [...map.keys()].sort() };
  return map.size;
}
