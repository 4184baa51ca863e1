#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on a unix socket in a temporary folder and prints the
# DATABASE_URL for it. initdb refuses to run as root: the cluster belongs to the `postgres` user
# that Debian's package creates. Usage: export DATABASE_URL=$(bash .ci/start-postgres.sh)
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
dir=$(mktemp -d /tmp/cakupan-pg.XXXXXX)
chown postgres:postgres "$dir"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
as_postgres "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 >/dev/null
as_postgres "$bin/pg_ctl" -D "$dir/data" -o "-k $dir -c listen_addresses=''" -l "$dir/log" -w start >/dev/null
echo "postgresql://postgres@localhost/postgres?host=$dir"
