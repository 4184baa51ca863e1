-- What changed last, for the coverage index a process keeps in memory (coverage/coverageCache.ts):
-- it compares these counters with the ones it read and reloads the register, reloads the accounts,
-- or applies the accounts changed by events since. Each writing transaction bumps its counter
-- first; the row lock orders the writers, so a counter seen committed has every lower one committed.
create table store_versions (
  id boolean primary key default true check (id),
  residents bigint not null default 0,
  participants bigint not null default 0,
  events bigint not null default 0
);
insert into store_versions default values;

-- the events counter when an event last changed the account
alter table participants add column event_version bigint;
create index participants_by_event_version on participants (event_version) where event_version is not null;
