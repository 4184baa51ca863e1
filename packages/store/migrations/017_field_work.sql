-- The field work (*pemasangan stiker*): each sticker's installations — when it went up, by whom,
-- where (optional GPS with its accuracy) — and each visit to an employer with its outcome and
-- follow-up date. Nothing is overwritten: two officers recording the same sticker are two rows,
-- both shown. A phone's own id for a record (`client_id`) makes a retried sync apply once.
create table installations (
  id bigserial primary key,
  serial bigint not null references stickers (serial),
  installed_at timestamptz not null,
  recorded_at timestamptz not null default now(),
  recorded_by text not null,
  latitude double precision,
  longitude double precision,
  accuracy_m real,
  client_id text,
  unique (recorded_by, client_id)
);
create index installations_by_serial on installations (serial, id);

create table employer_visits (
  id bigserial primary key,
  employer_id text not null,
  outcome text not null check (outcome in ('registered_on_the_spot', 'will_register', 'refused', 'closed', 'not_found')),
  follow_up_on date,
  visited_at timestamptz not null,
  recorded_at timestamptz not null default now(),
  recorded_by text not null,
  client_id text,
  unique (recorded_by, client_id)
);
create index employer_visits_by_employer on employer_visits (employer_id, id);
