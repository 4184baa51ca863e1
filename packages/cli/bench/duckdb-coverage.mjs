// The peer of `cakupan coverage` in bench/versus-duckdb.bench.mjs: what an analyst would write in
// DuckDB instead — read both CSV files and count residents, eligible (18+ on the date) and covered
// (an active account) at all six levels, with the rules cakupan applies written in SQL (a valid NIK,
// its birth date where the register has none, a village code, RW/RT 1–999, the first row of a NIK,
// accounts active on the date, segment precedence PU > JAKON > PMI > BPU). Tuned for DuckDB: tables
// first (parallel load, `rowid` in file order), the first row of a NIK by arg_min (a hash aggregate,
// not a sort): 2.2 s → 1.3 s here, the same figures.
//
//   node duckdb-coverage.mjs residents.csv participants.csv 2017-12-31   → JSON on stdout
import { DuckDBInstance } from '@duckdb/node-api';

const [residents, participants, asOf] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:', { threads: String(process.env.DUCKDB_THREADS ?? 2) });
const c = await db.connect();
const q = (s) => s.replaceAll("'", "''");
// loaded into tables first: read in parallel, and `rowid` is the file's row order (the first row of a NIK wins)
await c.run(`create table r as select * from read_csv('${q(residents)}', header = true, all_varchar = true)`);
await c.run(`create table p as select * from read_csv('${q(participants)}', header = true, all_varchar = true)`);
const sql = `
with checked as (
  select nik, rowid as line,
    regexp_replace(village_code, '\\.', '', 'g') as v,
    try_cast(rw as integer) as rw, try_cast(rt as integer) as rt,
    coalesce(try_cast(nullif(birth_date, '') as date),
      try_strptime(
        lpad(cast(cast(substr(nik, 7, 2) as integer) % 40 as varchar), 2, '0') || substr(nik, 9, 2) ||
        case when 2000 + cast(substr(nik, 11, 2) as integer) <= year(date '${asOf}') then '20' else '19' end || substr(nik, 11, 2),
        '%d%m%Y')::date) as birth
  from r
  where regexp_full_match(nik, '[0-9]{16}')
    and regexp_full_match(village_code, '[0-9]{2}\\.?[0-9]{2}\\.?[0-9]{2}\\.?[0-9]{4}')
),
valid as (
  select nik, arg_min(v, line) as v, arg_min(rw, line) as rw, arg_min(rt, line) as rt, arg_min(birth, line) as birth
  from checked
  where birth is not null and birth <= date '${asOf}' and rw between 1 and 999 and rt between 1 and 999
  group by nik
),
active as (
  select nik, min(case upper(segment) when 'PU' then 0 when 'JAKON' then 1 when 'PMI' then 2 else 3 end) as best
  from p
  where lower(status) in ('aktif', 'active')
    and (nullif(registered_on, '') is null or try_cast(registered_on as date) <= date '${asOf}')
    and (nullif(ended_on, '') is null or try_cast(ended_on as date) > date '${asOf}')
  group by nik
),
person as (
  select v, rw, rt, birth <= date '${asOf}' - interval 18 year as eligible, a.best
  from valid left join active a using (nik)
)
select
  substr(v, 1, 2) as province, substr(v, 1, 4) as city, substr(v, 1, 6) as district, v as village, rw, rt,
  grouping(substr(v, 1, 2), substr(v, 1, 4), substr(v, 1, 6), v, rw, rt) as g,
  count(*) as residents,
  count(*) filter (where eligible) as eligible,
  count(*) filter (where eligible and best is not null) as covered,
  count(*) filter (where eligible and best = 0) as pu,
  count(*) filter (where eligible and best = 1) as jakon,
  count(*) filter (where eligible and best = 2) as pmi,
  count(*) filter (where eligible and best = 3) as bpu
from person
group by grouping sets ((substr(v, 1, 2)), (substr(v, 1, 2), substr(v, 1, 4)), (substr(v, 1, 2), substr(v, 1, 4), substr(v, 1, 6)),
  (substr(v, 1, 2), substr(v, 1, 4), substr(v, 1, 6), v), (substr(v, 1, 2), substr(v, 1, 4), substr(v, 1, 6), v, rw),
  (substr(v, 1, 2), substr(v, 1, 4), substr(v, 1, 6), v, rw, rt))
`;
const result = await c.runAndReadAll(sql);
const rows = result.getRowObjectsJson();
process.stdout.write(JSON.stringify({ regions: rows.length, rows }));
