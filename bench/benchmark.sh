#!/usr/bin/env bash
# Capacity benchmark: how many readings per second the pipeline carries from publication to commit.
#
#   bench/benchmark.sh [RATE] [SECONDS] [SENSORS]        defaults: 20000 60 1000
#
# On this machine, it starts a Mosquitto of its own with the project's configuration, a fresh database on
# the PostgreSQL named by TEST_DATABASE_URL, the collector, and the generator in load mode (QoS 1, SENSORS
# sensors, RATE readings/s in all; 0 is as fast as the broker takes them). After a warm-up (BENCH_WARMUP,
# 20 s: the JVMs compile their hot code) it measures SECONDS of steady state and prints what was committed
# per second in that window, the latency percentiles of that window, the collector's CPU per million
# readings and the CPU each process used; once the generator has stopped and everything is committed, the
# readings lost and duplicated over the whole run, the collector's peak RSS, and the machine's raw ceiling
# measured in the same run: \copy of the same rows into an identical table.
#
# Collector settings can be passed in the environment (COLLECTOR_BATCH_SIZE, MQTT_RECEIVE_MAXIMUM, ...);
# BENCH_JFR=1 records a JFR profile of the collector into target/; BENCH_KEEP=1 keeps the database and the
# work directory. Needs java, mosquitto, psql, curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

rate=${1:-20000}
seconds=${2:-60}
sensors=${3:-1000}
warmup=${BENCH_WARMUP:-20}
: "${TEST_DATABASE_URL:=jdbc:postgresql://127.0.0.1:5432/postgres}"
: "${TEST_DATABASE_USERNAME:=postgres}"
: "${TEST_DATABASE_PASSWORD:=}"
# The heap is capped as docker-compose.yml caps it (COLLECTOR_JAVA_TOOL_OPTIONS); RSS is measured with it.
: "${BENCH_COLLECTOR_JAVA_OPTS:=-Xmx192m -XX:+ExitOnOutOfMemoryError}"

# host:port of the server in TEST_DATABASE_URL; the benchmark's own database lives next to its database.
server=$(sed -E 's#^jdbc:postgresql://([^/?]+).*#\1#' <<<"$TEST_DATABASE_URL")
pg_host=${server%%:*}
pg_port=${server##*:}
[ "$pg_port" = "$server" ] && pg_port=5432
export PGHOST=$pg_host PGPORT=$pg_port PGUSER=$TEST_DATABASE_USERNAME PGPASSWORD=$TEST_DATABASE_PASSWORD
database=bench_$(date +%s)_$$
work=$(mktemp -d -t iot-bench.XXXXXX)
pids=()

cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [ "${BENCH_KEEP:-0}" != 1 ]; then
        psql -d postgres -qc "DROP DATABASE IF EXISTS $database" >/dev/null 2>&1 || true
        rm -rf "$work"
    else
        echo "kept: database $database, directory $work"
    fi
}
trap cleanup EXIT

stop_process() { # stop_process PID: SIGTERM, then wait for it to exit; the cleanup has nothing left to stop
    local pid=$1 kept=() other
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    for other in "${pids[@]}"; do [ "$other" = "$pid" ] || kept+=("$other"); done
    pids=("${kept[@]}")
}

cpu_seconds() { # user + system CPU time of the given processes together, in seconds
    local tick total=0 pid
    tick=$(getconf CLK_TCK)
    for pid in "$@"; do
        total=$(awk -v tick="$tick" -v sum="$total" '{ printf "%.2f", sum + ($14 + $15) / tick }' "/proc/$pid/stat" 2>/dev/null || echo "$total")
    done
    echo "$total"
}

postgres_cpu() { # all of PostgreSQL's processes together
    # shellcheck disable=SC2046
    cpu_seconds $(pgrep -x postgres || true)
}

peak_rss_mb() { awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }

cpu_model() { # as the CPU names itself, with its clock; hosts of one size differ in speed
    awk -F': *' '/^model name/ { model = $2 } /^cpu MHz/ { mhz = $2 }
        END { printf "%s%s", model == "" ? "unknown CPU" : model, mhz == "" ? "" : sprintf(" at %.1f GHz", mhz / 1000) }' /proc/cpuinfo
}

host() { # the BENCH date line's text
    echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores ($(cpu_model)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
}

collector_settings() { # the BENCH collector settings line's text
    echo "batch size ${COLLECTOR_BATCH_SIZE:-100} (max ${COLLECTOR_BATCH_MAX_SIZE:-10000}, at most every ${COLLECTOR_BATCH_MIN_INTERVAL:-250ms}), flush interval ${COLLECTOR_FLUSH_INTERVAL:-5s}, max buffered ${COLLECTOR_BATCH_MAX_BUFFERED:-20000}, receive maximum ${MQTT_RECEIVE_MAXIMUM:-20000}, JVM $BENCH_COLLECTOR_JAVA_OPTS"
}

snapshot() { # CPU of every process and the collector's metrics, at one moment
    echo "time $(date +%s.%N)"
    echo "collector $(cpu_seconds "$collector_pid")"
    echo "generator $(cpu_seconds "$generator_pid")"
    echo "mosquitto $(cpu_seconds "$broker_pid")"
    echo "postgres $(postgres_cpu)"
    curl -sf "http://127.0.0.1:$collector_port/actuator/prometheus"
}

batch_figures() { # batch_figures SCRAPE: the batches the collector wrote, from its metrics
    awk '{ v[$1] = $2 } END {
        printf "%.0f batches, mean %.0f messages, mean write %.0f ms",
            v["collector_batch_size_count"], v["collector_batch_size_sum"] / v["collector_batch_size_count"],
            1000 * v["collector_batch_flush_duration_seconds_sum"] / v["collector_batch_flush_duration_seconds_count"] }' \
        <(grep -E '^collector_batch_(size|flush_duration_seconds)_(sum|count) ' <<<"$1")
}

generator_summary() { # the generator's closing line; sets summary, published and acknowledged
    summary=$(grep -o 'Load run done: .*' "$work/generator.log") || { echo "generator failed, see $work/generator.log"; BENCH_KEEP=1; exit 1; }
    published=$(sed -E 's/Load run done: ([0-9]+) readings.*/\1/' <<<"$summary")
    acknowledged=$(sed -E 's/.* ([0-9]+) acknowledged by the broker.*/\1/' <<<"$summary")
    echo "generator: $summary"
}

tally() { # readings stored, lost and duplicated over the whole run; sets stored, distinct, lost and duplicated
    read -r stored distinct < <(query "SELECT count(*), count(DISTINCT (sensor_id, seq)) FROM measurements" | tr '|' ' ')
    # The promise covers what the broker acknowledged; a publication it never acknowledged is reported apart.
    lost=$((acknowledged > distinct ? acknowledged - distinct : 0))
    duplicated=$((stored - distinct))
}

copy_ceiling() { # the machine's ceiling: the same rows, copied into an identical table in one \copy
    # Sets copy_plain (rows/s without the rollup trigger) and copy_rollups (with it).
    local start
    query "\\copy (SELECT sensor_id, ts, value, unit, quality, seq, received_at FROM measurements) TO '$work/rows.csv' WITH (FORMAT csv)"
    query "CREATE TABLE copy_ceiling (LIKE measurements INCLUDING ALL)"
    start=$(date +%s.%N)
    query "\\copy copy_ceiling FROM '$work/rows.csv' WITH (FORMAT csv)"
    copy_plain=$(awk -v n="$stored" -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%d", n / (b - a) }')
    query "TRUNCATE copy_ceiling"
    query "CREATE TRIGGER copy_ceiling_roll_up AFTER INSERT ON copy_ceiling REFERENCING NEW TABLE AS inserted
           FOR EACH STATEMENT EXECUTE FUNCTION roll_up_inserted_measurements()"
    start=$(date +%s.%N)
    query "\\copy copy_ceiling FROM '$work/rows.csv' WITH (FORMAT csv)"
    copy_rollups=$(awk -v n="$stored" -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%d", n / (b - a) }')
}

save_profile() { # save_profile NAME: stops the collector, whose JVM writes its recording on exit, and keeps it
    stop_process "$collector_pid"
    mkdir -p target && cp "$work/collector.jfr" "target/$1"
    echo "BENCH profile            target/$1"
}

echo "building the services ..."
./mvnw -q -B -pl collector-service,generator-service -am package -DskipTests
collector_jar=$(ls collector-service/target/collector-service-*-exec.jar)
generator_jar=$(ls generator-service/target/generator-service-*-exec.jar)
jfr=()
if [ "${BENCH_JFR:-0}" = 1 ]; then
    jfr=("-XX:StartFlightRecording=filename=$work/collector.jfr,settings=profile,dumponexit=true")
fi

# --- Broker, database and collector --------------------------------------------------------------------
start_broker "$work"
psql -d postgres -qc "CREATE DATABASE $database" >/dev/null
start_collector "$collector_jar" "$work/collector.log" "$work/raw" "${jfr[@]}"
await 90 curl -sf "http://127.0.0.1:$collector_port/actuator/health/readiness"

# --- The workload: warm-up, then the measured window ---------------------------------------------------
echo "publishing: $sensors sensors at $([ "$rate" = 0 ] && echo 'as many readings/s as the broker takes' || echo "$rate readings/s"), ${warmup} s warm-up + ${seconds} s measured ..."
# The generator runs 10 s past the window, so that load (and its process) lasts until the window's last snapshot.
start_generator "$work/generator.log" "$sensors" GENERATOR_LOAD_RATE="$rate" \
    GENERATOR_LOAD_DURATION=$((warmup + seconds + 10))s
await 60 grep -q 'Load run:' "$work/generator.log"
sleep "$warmup"
before=$(snapshot)
sleep "$seconds"
after=$(snapshot)
generator_cpu=$(awk -v a="$(value "$after" generator)" -v b="$(value "$before" generator)" 'BEGIN { printf "%.1f", a - b }')
wait "$generator_pid" || true
generator_summary

# Everything committed, or nothing new for 20 s.
count=0; last_growth=$SECONDS
while [ "$count" -lt "$acknowledged" ] && [ $((SECONDS - last_growth)) -lt 20 ]; do
    sleep 0.5
    now=$(query 'SELECT count(*) FROM measurements')
    if [ "$now" -gt "$count" ]; then count=$now; last_growth=$SECONDS; fi
done
peak_rss=$(peak_rss_mb "$collector_pid")

# --- Figures -------------------------------------------------------------------------------------------
window=$(awk -v a="$(value "$after" time)" -v b="$(value "$before" time)" 'BEGIN { printf "%.2f", a - b }')
delta() { awk -v a="$(value "$after" "$1")" -v b="$(value "$before" "$1")" 'BEGIN { printf "%.1f", a - b }'; }
committed=$(( $(metric "$after" collector_readings_stored_total) - $(metric "$before" collector_readings_stored_total) ))
received_by_end=$(metric "$after" collector_messages_received_total)
stored_by_end=$(metric "$after" collector_readings_stored_total)
sustained=$(awk -v n="$committed" -v s="$window" 'BEGIN { printf (n / s < 100 ? "%.1f" : "%d"), n / s }')
cpu_per_million=$(awk -v c="$(delta collector)" -v n="$committed" 'BEGIN { printf "%.1f", c / n * 1e6 }')
tally

# Latency percentiles of the window: the difference of the cumulative histogram, interpolated in a bucket.
buckets() { grep '^collector_reading_latency_seconds_bucket' <<<"$1" | sed -E 's/.*le="([^"]+)"\} ([0-9.eE+-]+).*/\1 \2/' | sed 's/^+Inf/1e9/' | LC_ALL=C sort; }
window_buckets=$(LC_ALL=C join <(buckets "$before") <(buckets "$after") | awk '{ print $1, $3 - $2 }' | sort -g)
percentile() {
    awk -v q="$1" '{ le[NR] = $1; c[NR] = $2 } END {
        want = q * c[NR]; prev_le = 0; prev_c = 0
        for (i = 1; i <= NR; i++) {
            if (c[i] >= want) { f = (c[i] == prev_c) ? 1 : (want - prev_c) / (c[i] - prev_c)
                                printf "%.3f", prev_le + f * (le[i] - prev_le); exit }
            prev_le = le[i]; prev_c = c[i] } }' <<<"$window_buckets"
}
within() { awk -v le="$1" '$1 == le { n = $2 } { total = $2 } END { printf "%.2f", 100 * n / total }' <<<"$window_buckets"; }

copy_ceiling

cat <<EOF

BENCH date                 $(host)
BENCH workload             $sensors sensors, $([ "$rate" = 0 ] && echo 'as fast as the broker takes them' || echo "$rate readings/s"), QoS 1, ${warmup} s warm-up + ${seconds} s measured
BENCH collector settings   $(collector_settings)
BENCH sustained            $sustained readings/s committed over the ${window} s window; behind at its end: $((received_by_end - stored_by_end)) received, not yet committed
BENCH latency (window)     p50 $(percentile 0.5) s, p99 $(percentile 0.99) s, max bucket $(percentile 1.0) s; $(within 1.0) % within 1 s, $(within 5.5) % within 5.5 s (publication to commit)
BENCH batches              $(batch_figures "$after")
BENCH collector CPU        $cpu_per_million CPU seconds per million readings (window)
BENCH CPU in window        collector $(delta collector) s, generator $generator_cpu s, mosquitto $(delta mosquitto) s, postgres $(delta postgres) s, of $(awk -v w="$window" -v n="$(nproc)" 'BEGIN { printf "%.0f", w * n }') core-seconds
BENCH whole run            published $published, acknowledged by the broker $acknowledged, stored $stored: lost $lost, duplicated $duplicated
BENCH collector peak RSS   $peak_rss MB
BENCH ceiling (\\copy)      $copy_plain rows/s into an identical table without rollups, $copy_rollups rows/s with the rollup trigger
BENCH pipeline / ceiling   $(awk -v a="$sustained" -v b="$copy_rollups" 'BEGIN { printf "%.2f", a / b }') of the \\copy rate with rollups ($(awk -v a="$sustained" -v b="$copy_plain" 'BEGIN { printf "%.2f", a / b }') without)
EOF
if [ "${BENCH_JFR:-0}" = 1 ]; then
    save_profile benchmark-collector.jfr
fi
[ "$lost" -eq 0 ] && [ "$duplicated" -eq 0 ]
