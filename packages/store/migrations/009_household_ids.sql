-- Secrets the store keeps for itself. `household_id`: the key of the HMAC that turns a family card
-- number (KK) into a household's id in the sticker register — stable across imports, so that a
-- household's sticker can be revoked when its coverage changes, and never the KK itself.
create table store_secrets (
  name text primary key,
  value text not null
);
