-- The monitoring store, version 1: the imported exports and their history.
-- Records are kept as the exports give them (text), with their line: core's rules decide what
-- counts, at every read, exactly as for a CSV file (the store keeps no second copy of the rules).

create table imports (
  id bigserial primary key,
  kind text not null check (kind in ('residents', 'participants')),
  file_name text not null,
  sha256 text not null,
  as_of date,
  rows_read integer not null default 0,
  rows_used integer not null default 0,
  rows_rejected integer not null default 0,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  api_key_label text,
  status text not null default 'running' check (status in ('running', 'applied', 'failed'))
);
-- the same file is applied once
create unique index imports_applied_once on imports (kind, sha256) where status = 'applied';

create table import_rejects (
  import_id bigint not null references imports (id) on delete cascade,
  line integer not null,
  column_name text not null,
  code text not null,
  message text not null
);
create index import_rejects_by_import on import_rejects (import_id, line);

-- the civil registry's snapshot: replaced whole by each residents import
create table residents (
  line integer not null,
  nik text,
  birth_date text,
  sex text,
  village_code text,
  rw text,
  rt text,
  import_id bigint not null references imports (id)
);
create index residents_by_line on residents (line);

-- participant accounts: upserted by KPJ
create table participants (
  kpj text primary key,
  nik text,
  segment text,
  status text,
  registered_on text,
  ended_on text,
  employer_npp text,
  line integer not null,
  import_id bigint not null references imports (id),
  updated_at timestamptz not null default now()
);
