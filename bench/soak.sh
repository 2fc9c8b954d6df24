#!/usr/bin/env bash
# Soak: runs the pipeline for a while under a steady load at QoS 1 while the collector is killed (SIGKILL)
# and restarted and the database cut off, at random; then prints published, stored, duplicates and missing.
#
#   bench/soak.sh [DURATION] [READINGS_PER_SECOND]      defaults: 10m 2000
#
# It runs everything on this machine: a Mosquitto of its own with the project's configuration, a fresh
# database on the PostgreSQL named by TEST_DATABASE_URL (behind a proxy it cuts), and the collector as its
# own JVM. Needs mosquitto installed and PostgreSQL reachable, as the tests do.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=${1:-10m}
rate=${2:-2000}
: "${TEST_DATABASE_URL:=jdbc:postgresql://127.0.0.1:5432/postgres}"
: "${TEST_DATABASE_USERNAME:=postgres}"
: "${TEST_DATABASE_PASSWORD:=}"
: "${TEST_MQTT_URL:=tcp://127.0.0.1:1883}"
export TEST_DATABASE_URL TEST_DATABASE_USERNAME TEST_DATABASE_PASSWORD TEST_MQTT_URL

mkdir -p target
./mvnw -q -B install -DskipTests
status=0
./mvnw -B -pl e2e-tests test -Dtest=PipelineSoakTests -Dsurefire.failIfNoSpecifiedTests=false \
    -Dsoak.duration="$duration" -Dsoak.rate="$rate" > target/soak.log 2>&1 || status=$?
grep '^SOAK' target/soak.log || true
echo "SOAK result   $([ "$status" -eq 0 ] && echo 'PASS: every accepted reading stored exactly once' || echo "FAIL (see target/soak.log)")"
exit "$status"
