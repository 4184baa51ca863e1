#!/usr/bin/env bash
# Starts a sharded store's servers for the tests and benchmarks: a coordinator and three shard
# clusters of Debian's PostgreSQL, each throwaway, on a unix socket in a temporary folder (no TCP
# port), and prints the settings that point the store at them:
#   SHARDED_DATABASE_URL — the coordinator (a store's DATABASE_URL)
#   DATABASE_SHARDS      — the shard servers, space-separated (the store makes their databases)
# Usage: eval "$(bash .ci/start-shards.sh)"      (SHARDS=n for another number of shards)
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
start() {
  local dir
  dir=$(mktemp -d "/tmp/cakupan-$1.XXXXXX")
  chown postgres:postgres "$dir"
  as_postgres "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 >/dev/null
  as_postgres "$bin/pg_ctl" -D "$dir/data" -o "-k $dir -c listen_addresses='' -c max_connections=400 -c shared_buffers=256MB" -l "$dir/log" -w start >/dev/null
  echo "postgresql://postgres@localhost/postgres?host=$dir"
}
coordinator=$(start coordinator)
shards=()
for i in $(seq 1 "${SHARDS:-3}"); do shards+=("$(start "shard$i" | sed 's#/postgres?#/?#')"); done
echo "export SHARDED_DATABASE_URL='$coordinator'"
echo "export DATABASE_SHARDS='${shards[*]}'"
