-- Replacement looks for a subject's stickers printed before a job began: by subject and serial.
drop index stickers_by_subject;
create index stickers_by_subject on stickers (kind, subject_id, serial) where subject_id is not null;
