-- Imports that cannot destroy a city's data: one register per city (regency), every applied
-- import reversible, a file a duplicate only of the state in force.
--
-- residents.city: the register of each city is replaced by that city's exports only (the first
-- four digits of the village code: 32.71 Kota Bogor, 32.01 Kabupaten Bogor).
alter table residents add column city text;
update residents set city = left(replace(village_code, '.', ''), 4);
-- (no index by city or NIK: a register is compared and replaced by hash joins and scans, and each
-- index cost PGlite seconds per city's import: BENCHMARKS.md §10)

-- What an import replaced, kept so that it can be undone (imports/revert.ts): the residents it
-- removed, and the accounts and employers it overwrote, each with the import that did it.
create table residents_history (like residents);
alter table residents_history add column removed_by bigint not null references imports (id);
create index residents_history_by_import on residents_history (removed_by);
create table participants_history (like participants);
alter table participants_history add column replaced_by bigint not null references imports (id);
create index participants_history_by_import on participants_history (replaced_by);
create table employers_history (like employers);
alter table employers_history add column replaced_by bigint not null references imports (id);
create index employers_history_by_import on employers_history (replaced_by);

-- A file is a duplicate of the import in force only (sending the good file again after a bad one
-- applies it again): no longer one applied import per file.
drop index imports_applied_once;
create index imports_by_file on imports (kind, sha256);
alter table imports drop constraint imports_status_check;
alter table imports add constraint imports_status_check check (status in ('running', 'applied', 'failed', 'reverted'));
-- the regions a residents import replaced (city codes, or a scope inside one), how the file was read,
-- what applying it did, and its undoing
alter table imports add column regions text[];
alter table imports add column reading text not null default '';
alter table imports add column summary jsonb;
alter table imports add column reverted_at timestamptz;
alter table imports add column reverted_by text;
update imports set regions = (select array_agg(distinct r.city) from residents r where r.import_id = imports.id) where kind = 'residents';
-- whether the import's replaced rows are still kept (the oldest imports' are let go: imports/revert.ts)
alter table imports add column undoable boolean not null default false;
-- the cache reads each city's register in its file's order (by import, then line: the index by
-- line alone served the one register of a store)
create index residents_by_import_line on residents (import_id, line);
drop index residents_by_line;
