-- Sticker requisitions (*pengajuan kebutuhan stiker*): a village office or a BPJS branch asks for
-- the stickers of a region (a village, RW or RT) and kind; a city officer approves — which freezes
-- the subjects and their colours as the store holds them then — or declines with a reason; the
-- print shop prints approved ones. Each print run's stickers are in the register with the source
-- `requisition <id>`; the run's PDF checksum is kept for the job sheet.
create table requisitions (
  id bigserial primary key,
  region_code text not null,
  kind text not null check (kind in ('employer', 'household')),
  status text not null default 'requested' check (status in ('requested', 'approved', 'declined')),
  note text,
  requested_by text not null,
  requested_at timestamptz not null default now(),
  decided_by text,
  decided_at timestamptz,
  decline_reason text,
  subjects jsonb,
  subject_ids jsonb,
  green integer,
  red integer,
  runs integer not null default 0,
  last_run_at timestamptz,
  pdf_sha256 text
);
create index requisitions_by_status on requisitions (status, id);
create index stickers_by_requisition on stickers (source, serial) where source like 'requisition %';
