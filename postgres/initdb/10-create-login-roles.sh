#!/usr/bin/env bash
# Login roles of the compose stack. The postgres image runs this once, as the superuser POSTGRES_USER,
# when it creates the database (first start, empty volume); the tables and grants come later, from the
# collector's Flyway migrations (db/migration/V6__create_roles.sql), which find these roles and keep them.
#
#   collector  the collector-service's user, member of iot_collector  COLLECTOR_DB_PASSWORD
#   bi_reader  analysts, pgAdmin and BI tools: read-only                BI_READER_PASSWORD
#
# Each password may instead be in a file named by NAME_FILE (e.g. a Docker secret). Safe to run again to
# set new passwords:  docker compose exec postgres /docker-entrypoint-initdb.d/10-create-login-roles.sh
# See docs/SECURITY.md.
set -Eeo pipefail

# iot_secret NAME: the value of NAME, or the contents of the file named by NAME_FILE; one of them is required.
iot_secret() {
    local name=$1 file_var="$1_FILE"
    local value=${!name:-} file=${!file_var:-}
    if [[ -n $value && -n $file ]]; then
        echo "$0: both $name and $file_var are set" >&2
        return 1
    fi
    if [[ -n $file ]]; then
        value=$(<"$file")
    fi
    if [[ -z $value ]]; then
        echo "$0: $name (or $file_var) is required" >&2
        return 1
    fi
    printf '%s' "$value"
}

iot_collector_password=$(iot_secret COLLECTOR_DB_PASSWORD)
iot_bi_reader_password=$(iot_secret BI_READER_PASSWORD)

# psql's :'name' quotes a variable as an SQL literal, so any password is safe here.
psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet --username "$POSTGRES_USER" --dbname "${POSTGRES_DB:-$POSTGRES_USER}" \
        -v collector_password="$iot_collector_password" -v bi_reader_password="$iot_bi_reader_password" <<'SQL'
SELECT 'CREATE ROLE iot_collector NOLOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'iot_collector') \gexec
SELECT 'CREATE ROLE bi_reader' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bi_reader') \gexec
SELECT 'CREATE ROLE collector' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'collector') \gexec
ALTER ROLE collector WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'collector_password';
ALTER ROLE bi_reader WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'bi_reader_password';
GRANT iot_collector TO collector;
COMMENT ON ROLE collector IS 'Login of collector-service; its rights come from iot_collector.';
SQL
