#!/bin/sh
# Entrypoint of the mosquitto service in docker-compose.yml (eclipse-mosquitto:2, started as root).
#
# Writes the password file from the environment, so that no password, not even a hashed one, is kept in
# git or in a volume, then runs mosquitto with mosquitto.conf followed by conf.d/*.conf.
#
#   MQTT_COLLECTOR_PASSWORD  password of user "collector" (required)
#   MQTT_GENERATOR_PASSWORD  password of user "generator" (required)
#   MQTT_DEVICE_PASSWORD     password of the example device user "device"; empty: no such user
#   MQTT_DEVICES             more device users, one "sensor_id:password" per line (optional)
#
# Instead of any of them, NAME_FILE may name a file that holds the value (e.g. a Docker secret).
# Arguments are passed on to mosquitto.
set -eu

config_dir=/mosquitto/config
run_dir=/run/mosquitto

fail() {
    echo "mosquitto entrypoint: $*" >&2
    exit 1
}

# secret NAME: the value of NAME, or the contents of the file named by NAME_FILE (not both).
secret() {
    eval "value=\${$1:-} file=\${$1_FILE:-}"
    if [ -n "$value" ] && [ -n "$file" ]; then
        fail "both $1 and $1_FILE are set"
    fi
    if [ -n "$file" ]; then
        [ -r "$file" ] || fail "$1_FILE: cannot read $file"
        value=$(cat "$file")
    fi
    printf '%s' "$value"
}

add_user() {
    case $1 in
        '') fail "a user name is empty" ;;
        *[:+#/]*) fail "user name '$1' must not contain ':', '+', '#' or '/'" ;;
    esac
    [ -n "$2" ] || fail "the password of user '$1' is empty"
    mosquitto_passwd -b "$run_dir/passwd" "$1" "$2"
}

collector_password=$(secret MQTT_COLLECTOR_PASSWORD)
generator_password=$(secret MQTT_GENERATOR_PASSWORD)
device_password=$(secret MQTT_DEVICE_PASSWORD)
devices=$(secret MQTT_DEVICES)
[ -n "$collector_password" ] || fail "MQTT_COLLECTOR_PASSWORD (or MQTT_COLLECTOR_PASSWORD_FILE) is required"
[ -n "$generator_password" ] || fail "MQTT_GENERATOR_PASSWORD (or MQTT_GENERATOR_PASSWORD_FILE) is required"

umask 077
mkdir -p "$run_dir"
chmod 700 "$run_dir"
: > "$run_dir/passwd"
add_user collector "$collector_password"
add_user generator "$generator_password"
if [ -n "$device_password" ]; then
    add_user device "$device_password"
fi
while IFS= read -r line; do
    case $line in
        '' | '#'*) continue ;;
        collector:* | generator:*) fail "MQTT_DEVICES: '${line%%:*}' is a service user, not a device" ;;
        *:*) add_user "${line%%:*}" "${line#*:}" ;;
        *) fail "MQTT_DEVICES: a line is not sensor_id:password" ;;
    esac
done <<DEVICES
$devices
DEVICES

cp "$config_dir/acl" "$run_dir/acl"
{
    echo "# Generated at start by mosquitto/entrypoint.sh: mosquitto.conf, then conf.d/*.conf."
    cat "$config_dir/mosquitto.conf"
    echo
    echo "include_dir $config_dir/conf.d"
} > "$run_dir/mosquitto.conf"

# The broker drops root for its own user, which must read these files (and own them: Mosquitto warns
# about, and later versions refuse, a password file or ACL that another user owns or anyone may read).
if [ "$(id -u)" = 0 ]; then
    chown -R mosquitto:mosquitto "$run_dir" /mosquitto/data
fi

exec mosquitto -c "$run_dir/mosquitto.conf" "$@"
