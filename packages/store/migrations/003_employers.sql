-- Employers (pemberi kerja) as the city's export gives them, upserted by their id (usually the NIB).
alter table imports drop constraint imports_kind_check;
alter table imports add constraint imports_kind_check check (kind in ('residents', 'participants', 'employers'));

create table employers (
  id text primary key,
  name text,
  village_code text,
  rw text,
  rt text,
  npp text,
  status text,
  line integer,
  import_id bigint references imports (id),
  updated_at timestamptz not null default now()
);
