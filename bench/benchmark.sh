#!/usr/bin/env bash
# Capacity benchmark: how many readings per second the pipeline carries from publication to commit.
#
#   bench/benchmark.sh [RATE] [SECONDS] [SENSORS]        defaults: 20000 60 1000
#   bench/benchmark.sh --catch-up [READINGS] [SENSORS]   defaults: 1000000 1000
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
# Catch-up (--catch-up): the backlog a collector finds after an outage. The collector starts once on the
# fresh database, which migrates it and registers the collector's persistent session with the broker, and
# stops. The generator then publishes READINGS readings of SENSORS sensors at QoS 1, as fast as the broker
# takes them, which queues them for the stopped collector (the broker's limit, max_queued_messages, is raised
# in the run's copy of the configuration if READINGS exceed it; the output names the limit). Once all are
# acknowledged, the collector starts again on the migrated database. One psql session reads the committed
# count every 50 ms by the database's clock (the day rollups' reading count, which the rollup trigger keeps
# in each insert's own transaction). Prints the time from the collector's process start (the kernel's) to
# readiness, to the first message received and to the first commit; the readings committed per second from
# the first commit to the last, and from the process start; the collector's CPU-seconds per million readings,
# JVM start included and from the first commit on; the CPU of every process while publishing and while
# catching up; the collector's and the broker's peak RSS; the readings lost and duplicated against what the
# broker acknowledged; and the \copy ceiling of the same rows in the same run, with the ratio.
#
# Collector settings can be passed in the environment (COLLECTOR_BATCH_SIZE, MQTT_RECEIVE_MAXIMUM, ...);
# BENCH_JFR=1 records a JFR profile of the collector into target/ (in catch-up mode, of the collector that
# catches up); BENCH_KEEP=1 keeps the database and the work directory. Needs java, mosquitto, psql, curl and
# python3.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

mode=live
if [ "${1:-}" = --catch-up ]; then
    mode=catch-up
    readings=${2:-1000000}
    sensors=${3:-1000}
else
    rate=${1:-20000}
    seconds=${2:-60}
    sensors=${3:-1000}
fi
warmup=${BENCH_WARMUP:-20}
# The heap is capped as docker-compose.yml caps it (COLLECTOR_JAVA_TOOL_OPTIONS); RSS is measured with it.
: "${BENCH_COLLECTOR_JAVA_OPTS:=-Xmx192m -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError}"

use_test_database
database=bench_$(date +%s)_$$
work=$(mktemp -d -t iot-bench.XXXXXX)
pids=()

trap cleanup EXIT # lib.sh

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
    copy_plain=$(copy_rate "$work/rows.csv" "$stored")
    query "TRUNCATE copy_ceiling"
    query "CREATE TRIGGER copy_ceiling_roll_up AFTER INSERT ON copy_ceiling REFERENCING NEW TABLE AS inserted
           FOR EACH STATEMENT EXECUTE FUNCTION roll_up_inserted_measurements()"
    copy_rollups=$(copy_rate "$work/rows.csv" "$stored")
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

# --- Catch-up: a backlog queued by the broker while the collector was stopped ----------------------------
# The loop that watches the collector start and catch up forks no process (nap, collector_ready and
# collector_ticks in lib.sh).
latest_count() { # sets count: the newest the poll has written; an incomplete last line waits for the next call
    local line fields
    while read -r line <&"$commits_fd"; do
        read -r -a fields <<<"$partial$line"
        partial=''
        if [ "${#fields[@]}" -eq 3 ]; then count=${fields[1]}; fi
    done
    partial+=$line
}

tenths() { awk -v a="$1" -v b="${2:-0}" 'BEGIN { printf "%.1f", a - b }'; } # tenths A [B]: A - B, to 0.1

catch_up() {
    local project_limit queue_limit count=0 partial='' ticks
    export LC_NUMERIC=C # EPOCHREALTIME's decimal point
    start_broker "$work" "$readings"
    project_limit=$(awk '$1 == "max_queued_messages" { print $2 }' mosquitto/mosquitto.conf)
    queue_limit=$(awk '$1 == "max_queued_messages" { print $2 }' "$work/mosquitto.conf")
    psql -d postgres -qc "CREATE DATABASE $database" >/dev/null

    # A first start migrates the database and registers the persistent session and its subscription.
    echo "migrating the database and registering the collector's session ..."
    start_collector "$collector_jar" "$work/collector-first.log" "$work/raw"
    await 90 curl -sf "http://127.0.0.1:$collector_port/actuator/health/readiness"
    stop_process "$collector_pid"

    echo "publishing $readings readings of $sensors sensors at QoS 1, as fast as the broker takes them, to the stopped collector ..."
    local mosquitto_from postgres_from publish_started generator_cpu publish_mosquitto publish_postgres
    mosquitto_from=$(cpu_seconds "$broker_pid")
    postgres_from=$(postgres_cpu)
    publish_started=$(date +%s.%N)
    start_generator "$work/generator.log" "$sensors" GENERATOR_LOAD_RATE=0 GENERATOR_LOAD_COUNT="$readings" \
        GENERATOR_LOAD_EXIT_WHEN_DONE=false
    # It stays up once done, so that its CPU can be read.
    until grep -qs 'Load run done: ' "$work/generator.log"; do
        kill -0 "$generator_pid" 2>/dev/null || { echo "generator failed, see $work/generator.log"; BENCH_KEEP=1; exit 1; }
        sleep 0.2
    done
    generator_cpu=$(tenths "$(cpu_seconds "$generator_pid")")
    publish_mosquitto=$(tenths "$(cpu_seconds "$broker_pid")" "$mosquitto_from")
    publish_postgres=$(tenths "$(postgres_cpu)" "$postgres_from")
    local publish_seconds
    publish_seconds=$(tenths "$(date +%s.%N)" "$publish_started")
    stop_process "$generator_pid"
    generator_summary

    # What is committed, every 50 ms, by the database's clock. The rollup trigger counts every stored reading
    # in the insert's own transaction, so the day rollups' count is the committed count, and cheap to read.
    local poll_pid poll_backend
    psql -d "$database" -XAtq -F ' ' > "$work/commits" 2>&1 <<<"SELECT extract(epoch FROM clock_timestamp()),
        coalesce(sum(reading_count), 0), pg_backend_pid() FROM measurements_1day
\\watch 0.05" &
    poll_pid=$!
    pids+=("$poll_pid")
    await 10 test -s "$work/commits"
    poll_backend=$(awk 'NF == 3 { print $3; exit }' "$work/commits")

    echo "catching up: the collector starts with $acknowledged readings waiting in the broker ..."
    local poll_from collector_started ready_at='' first_ticks='' last=0 last_growth=$SECONDS deadline=$((SECONDS + 90))
    exec {nap_fd}<> <(:)
    exec {commits_fd}<"$work/commits"
    mosquitto_from=$(cpu_seconds "$broker_pid")
    postgres_from=$(postgres_cpu)
    poll_from=$(cpu_seconds "$poll_backend")
    start_collector "$collector_jar" "$work/collector.log" "$work/raw" "${jfr[@]}"
    collector_started=$(process_started "$collector_pid")
    # Until everything is committed, or nothing new for 20 s once the collector is ready.
    while :; do
        kill -0 "$collector_pid" 2>/dev/null || { echo "the collector exited, see $work/collector.log"; BENCH_KEEP=1; exit 1; }
        if [ -z "$ready_at" ]; then
            if collector_ready; then
                ready_at=$EPOCHREALTIME
                last_growth=$SECONDS
            elif [ "$SECONDS" -ge "$deadline" ]; then
                echo "the collector did not get ready, see $work/collector.log"; BENCH_KEEP=1; exit 1
            fi
        fi
        latest_count
        if [ "$count" -gt 0 ] && [ -z "$first_ticks" ]; then collector_ticks; first_ticks=$ticks; fi
        if [ "$count" -gt "$last" ]; then last=$count; last_growth=$SECONDS; fi
        [ "$count" -ge "$acknowledged" ] && break
        [ -n "$ready_at" ] && [ $((SECONDS - last_growth)) -ge 20 ] && break
        nap 0.05
    done
    exec {commits_fd}<&- {nap_fd}<&-
    local collector_cpu catch_up_mosquitto catch_up_postgres poll_cpu collector_rss broker_rss scrape
    collector_cpu=$(tenths "$(cpu_seconds "$collector_pid")")
    catch_up_mosquitto=$(tenths "$(cpu_seconds "$broker_pid")" "$mosquitto_from")
    catch_up_postgres=$(tenths "$(postgres_cpu)" "$postgres_from")
    poll_cpu=$(tenths "$(cpu_seconds "$poll_backend")" "$poll_from")
    collector_rss=$(peak_rss_mb "$collector_pid")
    broker_rss=$(peak_rss_mb "$broker_pid")
    scrape=$(curl -sf "http://127.0.0.1:$collector_port/actuator/prometheus")
    stop_process "$poll_pid"

    # From the polls: the first commit (time, count), the last (the first poll that saw the final count), and
    # the longest time between two polls that saw the count grow.
    local first_at first_count last_at final pause first_received first_cpu
    read -r first_at first_count last_at final pause < <(awk 'NF == 3 && $2 > seen {
            if (seen == 0) { first = $1; first_count = $2 }
            else if ($1 - grew > pause) pause = $1 - grew
            grew = $1; seen = $2 }
        END { printf "%s %d %s %d %.2f\n", first == "" ? "-" : first, first_count, grew == "" ? "-" : grew, seen, pause }' \
        "$work/commits")
    [ "$first_at" != - ] || { echo "nothing was committed, see $work/collector.log"; BENCH_KEEP=1; exit 1; }
    first_received=$(query "SELECT extract(epoch FROM min(received_at)) FROM measurements")
    first_cpu=$(awk -v t="$first_ticks" -v tick="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / tick }')
    # The broker logs each save of its database (autosave_interval), with a timestamp to the second.
    local saves
    saves=$(awk -v from="$(date -d "@$collector_started" +%Y-%m-%dT%H:%M:%S)" -v to="$(date -d "@$last_at" +%Y-%m-%dT%H:%M:%S)" \
        '/Saving in-memory database/ { t = substr($1, 1, 19); if (t >= from && t <= to) n++ } END { print n + 0 }' "$work/mosquitto.log")
    tally
    copy_ceiling

    local rate_from_first cpu_per_million cpu_after_first window
    since_start() { awk -v a="$1" -v b="$collector_started" 'BEGIN { printf "%.2f", a - b }'; }
    window=$(since_start "$last_at")
    rate_from_first=$(awk -v n="$((final - first_count))" -v a="$last_at" -v b="$first_at" \
        'BEGIN { if (a > b) printf "%d", n / (a - b); else printf "-" }')
    cpu_per_million=$(awk -v c="$collector_cpu" -v n="$final" 'BEGIN { printf "%.1f", c / n * 1e6 }')
    cpu_after_first=$(awk -v c="$collector_cpu" -v f="$first_cpu" -v n="$((final - first_count))" \
        'BEGIN { if (n > 0) printf "%.1f", (c - f) / n * 1e6; else printf "-" }')
    ratio() { awk -v a="$rate_from_first" -v b="$1" 'BEGIN { printf (a == "-" ? "-" : "%.2f"), a / b }'; }

    cat <<EOF2

BENCH date                 $(host)
BENCH workload             catch-up: $readings readings of $sensors sensors, QoS 1, published while the collector was stopped, then the collector started on the migrated database
BENCH collector settings   $(collector_settings)
BENCH broker               max_queued_messages $queue_limit ($([ "$queue_limit" = "$project_limit" ] && echo "the project's configuration" || echo "raised for this run; the project's configuration has $project_limit")), persistence on, autosave every $(awk '$1 == "autosave_interval" { print $2 }' "$work/mosquitto.conf") s ($saves during the catch-up); peak RSS $broker_rss MB
BENCH publishing           $summary; $publish_seconds s with the generator's JVM start
BENCH CPU publishing       generator $generator_cpu s (JVM start included), mosquitto $publish_mosquitto s, postgres $publish_postgres s
BENCH start-up             ready after $(since_start "$ready_at") s, first message received after $(since_start "$first_received") s, first commit after $(since_start "$first_at") s ($first_count readings), from the collector's process start
BENCH catch-up             $rate_from_first readings/s committed from the first commit to the last ($((final - first_count)) readings in $(awk -v a="$last_at" -v b="$first_at" 'BEGIN { printf "%.2f", a - b }') s); all $final in $window s from the process start = $(awk -v n="$final" -v s="$window" 'BEGIN { printf "%d", n / s }') readings/s; longest time without a commit $pause s
BENCH batches              $(batch_figures "$scrape")
BENCH collector CPU        $cpu_per_million CPU seconds per million readings (JVM start included), $cpu_after_first from the first commit on; $first_cpu s to the first commit
BENCH CPU in catch-up      collector $collector_cpu s, mosquitto $catch_up_mosquitto s, postgres $catch_up_postgres s (the benchmark's 50 ms poll $poll_cpu s of it), of $(awk -v w="$window" -v n="$(nproc)" 'BEGIN { printf "%.0f", w * n }') core-seconds (process start to last commit)
BENCH whole run            published $published, acknowledged by the broker $acknowledged, stored $stored: lost $lost, duplicated $duplicated
BENCH collector peak RSS   $collector_rss MB
BENCH ceiling (\\copy)      $copy_plain rows/s into an identical table without rollups, $copy_rollups rows/s with the rollup trigger
BENCH pipeline / ceiling   $(ratio "$copy_plain") of the \\copy rate without rollups ($(ratio "$copy_rollups") with), from the first commit on
EOF2
    if [ "$final" -ne "$stored" ]; then
        echo "BENCH note               the polls counted $final committed readings, the table holds $stored"
    fi
    if [ "${BENCH_JFR:-0}" = 1 ]; then
        save_profile benchmark-catch-up-collector.jfr
    fi
    [ "$lost" -eq 0 ] && [ "$duplicated" -eq 0 ]
}

if [ "$mode" = catch-up ]; then
    catch_up
    exit
fi

# --- Live: the broker, a fresh database and the collector ----------------------------------------------
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
