-- Coverage computed next to the data (src/coverage/coverageSql.ts): beside each record, the facts
-- core's checks decide once, on no particular date (core's residentFacts / accountFacts), written
-- by the import or event that writes the record; and the NIK's bucket (core's nikBucket), by which
-- a sharded store places a person's residence and accounts on one shard (src/db/shards.ts).
-- `usable` is false for a record core rejects on every date, null where the facts are not yet
-- written (rows stored before this migration: the store fills them in when it opens).
alter table residents
  add column bucket smallint, add column nik_month_day smallint, add column nik_yy smallint,
  add column birth_day integer, add column unit_village text, add column unit_rw smallint,
  add column unit_rt smallint, add column work smallint, add column birth_mismatch boolean,
  add column usable boolean;
alter table residents_history
  add column bucket smallint, add column nik_month_day smallint, add column nik_yy smallint,
  add column birth_day integer, add column unit_village text, add column unit_rw smallint,
  add column unit_rt smallint, add column work smallint, add column birth_mismatch boolean,
  add column usable boolean;
alter table participants
  add column bucket smallint, add column nik_month_day smallint, add column nik_yy smallint,
  add column segment_code smallint, add column active_status boolean, add column registered_day integer,
  add column ended_day integer, add column usable boolean;
alter table participants_history
  add column bucket smallint, add column nik_month_day smallint, add column nik_yy smallint,
  add column segment_code smallint, add column active_status boolean, add column registered_day integer,
  add column ended_day integer, add column usable boolean;
