#!/bin/sh
# Entrypoint of the collector and generator images: secrets from files, then the command (java ...).
#
# For every environment variable NAME_FILE, exports NAME with the contents of that file, trailing newlines
# removed, and unsets NAME_FILE; e.g. SPRING_DATASOURCE_PASSWORD_FILE=/run/secrets/collector_db_password.
# Fails when NAME is set (non-empty) too, or when the file cannot be read. See docs/SECURITY.md.
set -eu

fail() {
    echo "entrypoint: $*" >&2
    exit 1
}

# Names only. A value that spans lines may hold a line that looks like NAME_FILE=...; such a name reads
# as empty below and is skipped, as is an empty NAME_FILE.
names=$(env | sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)_FILE=.*/\1/p')
for name in $names; do
    eval "file=\${${name}_FILE:-} value=\${${name}:-}"
    [ -n "$file" ] || continue
    [ -z "$value" ] || fail "both $name and ${name}_FILE are set"
    [ -r "$file" ] || fail "${name}_FILE: cannot read $file"
    value=$(cat "$file")
    export "$name=$value"
    unset "${name}_FILE"
done

[ "$#" -gt 0 ] || fail "no command given"
exec "$@"
