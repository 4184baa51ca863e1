-- Replacement of a household printed without an id finds its earlier stickers by label in its
-- place. `is not distinct from` on RW and RT kept that lookup off every index (it scanned every
-- sticker of the place: slower the more the register held); RW and RT are now compared through
-- coalesce, on an index of exactly those columns.
create index stickers_by_household_label on stickers (village_code, label, coalesce(rw, -1), coalesce(rt, -1), serial)
  where kind = 'household' and subject_id is null;
