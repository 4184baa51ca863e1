-- Where a sticker's facts came from: 'store' (the employer or household as the store holds it:
-- the only way a green sticker is printed where there is a store) or 'request' (printed from the
-- request's own data by an administrator, in the print service's stand-alone mode). Null for the
-- stickers printed before this was recorded.
alter table stickers add column facts text check (facts in ('store', 'request'));
