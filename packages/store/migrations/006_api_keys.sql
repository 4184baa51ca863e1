-- API keys kept in the store (besides the administrators' keys in API_KEYS): each with a label and
-- a scope — the region it sees and acts in (a city, a district or a village; none: everything).
-- Only the key's sha256 is kept; the key is shown once, when it is made.
create table api_keys (
  label text primary key,
  key_hash text not null unique,
  scope text,
  created_at timestamptz not null default now(),
  created_by text,
  revoked_at timestamptz,
  revoked_by text
);
