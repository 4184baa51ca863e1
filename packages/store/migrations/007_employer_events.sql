-- Employer events in the same feed as participant events: an employer's status as BPJS
-- Ketenagakerjaan reports it (e.g. lapsed: nonaktif), by its NPP. A change of status revokes the
-- stickers printed with the other colour (stickers/revocation.ts).
alter table participant_events alter column kpj drop not null;
alter table participant_events add column npp text;
alter table participant_events drop constraint participant_events_type_check;
alter table participant_events add constraint participant_events_type_check check (type in ('registered', 'ended', 'status_changed', 'employer_status_changed'));
create index employers_by_npp on employers (npp);
