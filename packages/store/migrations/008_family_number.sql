-- The family card number (KK) of each resident, as exported: households are grouped by it for their
-- stickers (counted, never printed: a household sticker names its RT/RW and village only).
alter table residents add column family_number text;
