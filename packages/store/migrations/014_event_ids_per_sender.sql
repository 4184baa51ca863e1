-- Event ids are the sender's own: one sender's id cannot take another's event (an event sent
-- first by a key with the administrator's id no longer drops the administrator's). The sender is
-- the API key's label ('' for none); an account keeps the id of the event that last changed it.
alter table participants drop constraint if exists participants_event_id_fkey;
alter table participant_events add column sender text not null default '';
update participant_events set sender = coalesce(api_key_label, '');
alter table participant_events drop constraint participant_events_pkey;
alter table participant_events add primary key (sender, event_id);
