-- Participant events: what BPJS Ketenagakerjaan reports between exports, applied the moment they
-- arrive. Kept (who, when, what); idempotent by the sender's event id.

create table participant_events (
  event_id text primary key,
  kpj text not null,
  type text not null check (type in ('registered', 'ended', 'status_changed')),
  occurred_on text not null,
  payload jsonb not null,
  received_at timestamptz not null default now(),
  api_key_label text
);
create index participant_events_by_kpj on participant_events (kpj, received_at);

-- an account created or changed by an event has no line in any import
alter table participants alter column line drop not null;
alter table participants alter column import_id drop not null;
alter table participants add column event_id text references participant_events (event_id);
