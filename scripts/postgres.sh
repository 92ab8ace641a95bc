#!/usr/bin/env bash
# Starts the local PostgreSQL 15 cluster (idempotent) and makes Dure's role and databases.
# Prints the DATABASE_URL to use.
set -euo pipefail
version=15
cluster=main
role=dure
password=dure
database=${DURE_PG_DATABASE:-dure}
if ! command -v pg_ctlcluster >/dev/null; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql-15 postgresql-contrib-15 >&2
fi
if ! pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1==v && $2==c' | grep -q online; then
  pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start >&2 || true
fi
for _ in $(seq 1 30); do
  if su postgres -c "pg_isready -q"; then break; fi
  sleep 1
done
psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -qtA $*"; }
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname='$role'\"")" != "1" ]; then
  psql_admin "-c \"CREATE ROLE $role LOGIN SUPERUSER PASSWORD '$password'\"" >&2
fi
for db in "$database" dure_template; do
  if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname='$db'\"")" != "1" ]; then
    su postgres -c "createdb --owner=$role --locale=C.UTF-8 --encoding=UTF8 -T template0 $db" >&2
  fi
done
echo "postgres://$role:$password@127.0.0.1:5432/$database"
