#!/usr/bin/env bash
# Start-up benchmark: how soon after its process starts the collector commits, as built and as the image runs it.
#
#   bench/startup-benchmark.sh [RUNS]       default: 5
#
# On this machine, it starts a Mosquitto of its own with the project's configuration and a fresh database on the
# PostgreSQL named by TEST_DATABASE_URL; a first start of the collector migrates the database and registers its
# persistent session. The collector is then started RUNS times in each of three ways, in turn:
#   jar        java -jar collector-service-*-exec.jar, the executable jar the build makes;
#   extracted  java -jar app.jar, the jar extracted as docker/Dockerfile extracts it;
#   archive    the extracted jar with -XX:SharedArchiveFile, the class-data archive written by
#              docker/class-data-archive.sh as the image build writes it (without a database or broker).
# Before each start, BENCH_READINGS readings (default 1,000) of 10 sensors are queued at QoS 1 for the stopped
# collector (mosquitto_pub). One psql session reads the committed count every 50 ms by the database's clock, as
# the catch-up benchmark does. Prints, for every start, the time from the process start (the kernel's) to the
# first commit and to readiness, and the collector's CPU by its first commit; then the median of each way.
# The JVM options are BENCH_COLLECTOR_JAVA_OPTS (by default the heap and collector of docker-compose.yml).
# Needs java, mosquitto, mosquitto_pub, psql and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

runs=${1:-5}
readings=${BENCH_READINGS:-1000}
: "${BENCH_COLLECTOR_JAVA_OPTS:=-Xmx192m -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError}"
use_test_database
export LC_NUMERIC=C # EPOCHREALTIME's decimal point
database=bench_startup_$(date +%s)_$$
work=$(mktemp -d -t iot-startup-bench.XXXXXX)
pids=()

trap cleanup EXIT # lib.sh

echo "building the collector ..."
./mvnw -q -B -pl collector-service -am package -DskipTests
jar=$(ls collector-service/target/collector-service-*-exec.jar)
java -Djarmode=tools -jar "$jar" extract --destination "$work/app" --application-filename app.jar > /dev/null
echo "writing the class-data archive as the image build does, without a database or broker ..."
# shellcheck disable=SC2086 # the options are words
SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$(free_port)/none" MQTT_URL="tcp://127.0.0.1:$(free_port)" \
    COLLECTOR_RAW_DIR="$work/training-raw" docker/class-data-archive.sh "$work/app/app.jar" "$work/app/app.jsa" \
    $BENCH_COLLECTOR_JAVA_OPTS

start_broker "$work"
psql -d postgres -qc "CREATE DATABASE $database" >/dev/null
echo "migrating the database and registering the collector's session ..."
start_collector "$jar" "$work/collector-first.log" "$work/raw"
await 90 curl -sf "http://127.0.0.1:$collector_port/actuator/health/readiness"
stop_process "$collector_pid"

# What is committed, every 50 ms, by the database's clock: the day rollups' count, kept in each insert's transaction.
psql -d "$database" -XAtq -F ' ' > "$work/commits" 2>&1 <<<"SELECT extract(epoch FROM clock_timestamp()),
    coalesce(sum(reading_count), 0) FROM measurements_1day
\\watch 0.05" &
pids+=("$!")
await 10 test -s "$work/commits"
exec {nap_fd}<> <(:)
exec {commits_fd}<"$work/commits"

published=0
queue_readings() { # queue_readings: BENCH_READINGS readings of 10 sensors for the stopped collector, at QoS 1
    local sensor
    for sensor in $(seq 1 10); do
        awk -v n="$((readings / 10))" -v from="$published" -v sensor="startup-$sensor" -v now="$(date -u +%Y-%m-%dT%H:%M:%S)" \
            'BEGIN { for (i = 1; i <= n; i++) printf "{\"sensor_id\":\"%s\",\"timestamp\":\"%s.%03dZ\",\"value\":%.2f,\"unit\":\"C\",\"seq\":%d}\n",
                     sensor, now, i % 1000, 20 + (i % 50) / 10, from + i }' |
            mosquitto_pub -h 127.0.0.1 -p "$broker_port" -V mqttv5 -q 1 -t "sensors/startup-$sensor/readings" -l
    done
    published=$((published + readings / 10 * 10))
}

first_commit_after() { # first_commit_after COUNT: sets first_at, the first poll that saw more than COUNT committed
    local line fields
    first_at=''
    while read -r line <&"$commits_fd"; do
        read -r -a fields <<<"$partial$line"
        partial=''
        if [ "${#fields[@]}" -eq 2 ] && [ "${fields[1]}" -gt "$1" ]; then first_at=${fields[0]}; return; fi
    done
    partial+=$line
}

committed=0 partial=''
start_once() { # start_once WAY JAR [JAVA OPTION...]: one start; appends "WAY first ready cpu" to $work/starts
    local way=$1 jar=$2 started ready_at='' ticks first_cpu deadline=$((SECONDS + 90))
    shift 2
    queue_readings
    start_collector "$jar" "$work/collector-$way.log" "$work/raw" "$@"
    started=$(process_started "$collector_pid")
    first_at=''
    until [ -n "$ready_at" ] && [ -n "$first_at" ]; do
        kill -0 "$collector_pid" 2>/dev/null || { echo "the collector exited, see $work/collector-$way.log"; exit 1; }
        [ "$SECONDS" -lt "$deadline" ] || { echo "no commit or no readiness within 90 s"; exit 1; }
        if [ -z "$first_at" ]; then
            first_commit_after "$committed"
            if [ -n "$first_at" ]; then collector_ticks; first_cpu=$ticks; fi
        fi
        if [ -z "$ready_at" ] && collector_ready; then ready_at=$EPOCHREALTIME; fi
        nap 0.05
    done
    if grep -qiE '\[cds\]|shared archive' "$work/collector-$way.log"; then
        echo "the JVM did not use the class-data archive:"; grep -iE '\[cds\]|shared archive' "$work/collector-$way.log"; exit 1
    fi
    stop_process "$collector_pid"
    committed=$(query "SELECT coalesce(sum(reading_count), 0) FROM measurements_1day")
    awk -v way="$way" -v first="$first_at" -v ready="$ready_at" -v started="$started" -v cpu="$first_cpu" \
        -v tick="$(getconf CLK_TCK)" 'BEGIN { printf "%s %.2f %.2f %.1f\n", way, first - started, ready - started, cpu / tick }' |
        tee -a "$work/starts"
}

echo "starting the collector $runs times each way, $readings readings queued before each start (way, s to the first commit, s to readiness, CPU-s by the first commit) ..."
# shellcheck disable=SC2086 # the options are words
for run in $(seq 1 "$runs"); do
    start_once jar "$jar"
    start_once extracted "$work/app/app.jar"
    start_once archive "$work/app/app.jar" "-XX:SharedArchiveFile=$work/app/app.jsa"
done
stored=$(query "SELECT count(*) FROM measurements")

median() { # median WAY COLUMN: of that way's starts
    awk -v way="$1" -v col="$2" '$1 == way { print $col }' "$work/starts" | sort -g |
        awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
figures() { # figures WAY: its medians and range
    local first
    first=$(awk -v way="$1" '$1 == way { print $2 }' "$work/starts" | sort -g | paste -sd ' ')
    echo "first commit after $(median "$1" 2) s (each: $first), ready after $(median "$1" 3) s, $(median "$1" 4) CPU-s by the first commit"
}

cat <<EOF

BENCH date                 $(host)
BENCH workload             start-up on a migrated database, $readings readings queued before each start, $runs starts each way in turn; JVM $BENCH_COLLECTOR_JAVA_OPTS
BENCH jar                  $(figures jar)
BENCH extracted            $(figures extracted)
BENCH archive              $(figures archive)
BENCH class-data archive   $(du -m "$work/app/app.jsa" | cut -f1) MB
BENCH stored               $stored of $published readings queued
EOF
[ "$stored" -eq "$published" ]
