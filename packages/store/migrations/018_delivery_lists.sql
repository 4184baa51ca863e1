-- Delivery lists (daftar antar stiker): the officers who put stickers up find each household by its
-- head's name and address, and each employer by its address, as the register holds them (personal
-- data: on the officers' list only, never on a sticker, a QR code or a public page).
alter table residents add column name text, add column address text, add column family_role text;
alter table residents_history add column name text, add column address text, add column family_role text;
alter table employers add column address text;
alter table employers_history add column address text;

-- Household numbers that do not shift: a household (its keyed id) gets the next number of its RT
-- the first time a sticker list sees it there, and keeps it while it lives there; a number is never
-- given again in that RT, so a new household cannot take the number on a neighbour's door.
create table household_numbers (
  village_code text not null,      -- dotted
  rw integer not null,
  rt integer not null,
  household_id text not null,
  number integer not null,
  assigned_at timestamptz not null default now(),
  primary key (village_code, rw, rt, household_id),
  unique (village_code, rw, rt, number)
);
