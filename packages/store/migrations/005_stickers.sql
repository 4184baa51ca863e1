-- The issued-sticker register: every printed sticker with what it said when printed, its serial
-- from one database sequence (service instances sharing the server never issue the same serial),
-- and its revocation. A process takes serials a block of 64 at a time (one nextval).
create sequence sticker_serials increment by 64 minvalue 1 start with 1;

create table stickers (
  serial bigint primary key,
  kind text not null check (kind in ('employer', 'household')),
  subject_id text,                 -- an employer's id (usually the NIB); none for a household
  label text not null,             -- the employer's name or the household label, as printed
  village_code text,               -- dotted
  rw integer,
  rt integer,
  registered boolean not null,     -- the colour printed: green when registered
  reason text not null,            -- core's stickerStatus reason at printing
  issued_on date not null,
  valid_until date not null,
  key_id text not null,            -- hex id of the signing key
  source text not null,            -- what printed it: the request id and the key's label
  printed_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_reason text,
  revoked_by text
);
create index stickers_by_place on stickers (village_code, rw, rt, serial);
create index stickers_revoked on stickers (revoked_at) where revoked_at is not null;
create index stickers_by_subject on stickers (kind, subject_id) where subject_id is not null;

-- Who did what, when, how many: prints, imports, revocations, key changes.
create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor text,                      -- the API key's label
  action text not null,
  subject text,
  count integer,
  detail jsonb
);
create index audit_log_by_time on audit_log (at);
