-- A city's or regency's own settings (issuer, contact, letterhead and logo, addressee, signatory,
-- target, language), one JSON document per region: a region takes each field from the nearest
-- region above it that set it (core's resolveRegionSettings). Set by an administrator.
create table region_settings (
  region_code text primary key,    -- dotted: a province or a city/regency
  settings jsonb not null,
  updated_by text not null,
  updated_at timestamptz not null default now()
);

-- The boundaries of a region's villages as its GIS office gave them, simplified for the browser.
-- Every upload is kept: the newest of a region is in force, an older one can be put back.
create table region_boundaries (
  id bigserial primary key,
  region_code text not null,       -- dotted: the city/regency (or district) the file covers
  geojson text not null,           -- a FeatureCollection, RFC 7946, properties { code, name }
  attribution text not null,       -- the licence/attribution text the file came with
  features integer not null,
  source_sha256 text not null,     -- of the file as uploaded
  uploaded_by text not null,
  uploaded_at timestamptz not null default now()
);
create index region_boundaries_region on region_boundaries (region_code, id desc);

-- Approved monthly reports: the figures and the PDF as approved, never changed again. A correction
-- is a new revision with its reason; every revision stays readable.
create table monthly_reports (
  region_code text not null,
  month text not null,             -- YYYY-MM
  revision integer not null,       -- 1, 2, …
  figures jsonb not null,          -- the report's data (print's MonthlyReportData)
  pdf bytea not null,
  sha256 text not null,
  reason text,                     -- why a revision replaces the one before (null for the first)
  approved_by text not null,
  approved_at timestamptz not null default now(),
  primary key (region_code, month, revision)
);
