-- How to register (a red sticker's next step), per region: the office, its address and hours, a
-- phone or WhatsApp number, the website. A village without its own takes its district's, city's or
-- province's. Set by the city (an office's details, never a person's).
create table registration_help (
  region_code text primary key,    -- dotted
  help jsonb not null,
  updated_by text not null,
  updated_at timestamptz not null default now()
);
