-- People and roles. A stored API key is a machine's service account: it gets a role (the keys made
-- before roles existed become city officers; an administrator makes new ones with the role each
-- needs). Officers have accounts: a username (one namespace with the keys' labels: the audit log's
-- actors), a name, a role and a scope; a password hashed with argon2id (none: single sign-on only)
-- and the OpenID Connect subject it signs in as; failed attempts and a lock; a disabled account
-- signs in no more. Sessions are kept by the sha256 of their id, with their expiry. The service's
-- own secrets (the session cookie's signing secret) are made once and kept here, so that every
-- instance sharing the store signs alike.
alter table api_keys add column role text not null default 'city_officer';

create table accounts (
  username text primary key,
  name text not null,
  role text not null,
  scope text,
  password_hash text,
  oidc_subject text unique,
  failed_attempts integer not null default 0,
  locked_until timestamptz,
  must_change_password boolean not null default false,
  disabled_at timestamptz,
  created_at timestamptz not null default now(),
  created_by text,
  updated_at timestamptz not null default now()
);

create table sessions (
  id_hash text primary key,
  data jsonb not null,
  expires_at timestamptz not null
);
create index sessions_expiry on sessions (expires_at);

create table service_secrets (
  name text primary key,
  secret text not null,
  created_at timestamptz not null default now()
);
