#!/usr/bin/env bash
# Replay benchmark: how many archived readings per second the replay command puts into the database, alone
# and beside a live collector that writes to the same database.
#
#   bench/replay-benchmark.sh [LINES] [SENSORS]               defaults: 1000000 1000
#   bench/replay-benchmark.sh --live RATE [LINES] [SENSORS]   the same beside a live collector at RATE readings/s
#
# Writes one archive day of LINES readings from SENSORS sensors (as the collector archives them), closes
# nothing (replay reads a plain day as it reads a closed one, minus the manifest check), and runs the
# collector's replay command on a fresh database of the PostgreSQL that TEST_DATABASE_URL names.
#
# Alone (the default), twice: first into empty tables (every reading stored), then again (every reading a
# duplicate). Each replay starts after a CHECKPOINT, so that no run pays for the WAL of the one before. Prints each run's archived lines per second (from the command's own "done in" line, which leaves
# out the JVM start and the migration), the command's CPU-seconds per million lines, and the machine's \copy
# ceiling for the same rows measured in the same run, with the ratio.
#
# Beside a live collector (--live RATE), once, into the database a live collector is writing: it starts a
# Mosquitto of its own with the project's configuration, the collector, and the generator in load mode (QoS 1,
# RATE readings/s in all, from the same SENSORS sensors as the archived day, sensor-1 ..., so that both write
# rollup rows of the same sensors). After a warm-up (BENCH_WARMUP, 20 s) it measures the live collector alone
# for BENCH_LIVE_WINDOW (30) seconds, then runs the replay while the load goes on, and stops the load
# BENCH_LIVE_TAIL (5) seconds after it (the collector's JVM options come from BENCH_COLLECTOR_JAVA_OPTS, as in
# bench/benchmark.sh). Prints the replay's lines per second (as above); for the window without the replay and for
# the replay's own (from its first line to its exit), the live collector's committed readings per second and
# its latency from publication to commit (p50, p99 and the slowest reading's histogram bucket); and the live
# readings lost and duplicated over the whole run, against what the broker acknowledged. The archived day is
# BENCH_REPLAY_DAY: 2026-01-15 by default, a past day, whose readings share only each sensor's sensor_activity
# row with the live ones; "today" (UTC) shares the live collector's hour and day buckets too. Exits non-zero
# when a live reading was lost or duplicated.
#
# The replay command runs with BENCH_REPLAY_JAVA_OPTS, by default the heap and collector docker-compose.yml gives
# the collector (COLLECTOR_JAVA_TOOL_OPTIONS), as `docker compose run collector replay ...` would run it.
#
# Needs java, psql and python3, with --live mosquitto and curl too; builds what it runs if needed.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

live_rate=
if [ "${1:-}" = --live ]; then
    live_rate=${2:?"--live needs a rate in readings/s"}
    shift 2
fi
lines=${1:-1000000}
sensors=${2:-1000}
: "${BENCH_REPLAY_JAVA_OPTS:=-Xmx192m -XX:+UseParallelGC}"

use_test_database
database=bench_replay_$(date +%s)_$$
work=$(mktemp -d -t iot-replay-bench.XXXXXX)
day=2026-01-15
# Alone: sensors of their own; beside the live collector: the generator's, and sequence numbers above its own.
prefix=bench-
first=0
seq_offset=0
if [ -n "$live_rate" ]; then
    day=${BENCH_REPLAY_DAY:-$day}
    [ "$day" = today ] && day=$(date -u +%F)
    prefix=sensor-
    first=1
    seq_offset=1000000000000
fi
pids=()

trap cleanup EXIT # lib.sh

# Built every time: a jar left from an earlier build would time earlier code and migrations.
echo "bench: building the collector${live_rate:+ and the generator}"
./mvnw -B -q -pl "collector-service${live_rate:+,generator-service}" -am package -DskipTests
jar=$(ls collector-service/target/collector-service-*-exec.jar | head -n 1)
generator_jar=$(ls generator-service/target/generator-service-*-exec.jar 2>/dev/null | head -n 1 || true)

echo "bench: writing $lines archived readings of $sensors sensors for $day"
python3 - "$work/raw_${day//-/}.jsonl" "$lines" "$sensors" "$day" "$prefix" "$first" "$seq_offset" <<'PY'
import json, sys, datetime
path, lines, sensors, day = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
prefix, first, seq_offset = sys.argv[5], int(sys.argv[6]), int(sys.argv[7])
start = datetime.datetime.fromisoformat(day + "T00:00:00+00:00")
per_sensor = -(-lines // sensors)
step = 86_000_000 // per_sensor  # microseconds between two readings of one sensor, within the day
with open(path, "w", encoding="utf-8") as out:
    for n in range(lines):
        sensor, seq = n % sensors, n // sensors
        ts = start + datetime.timedelta(microseconds=seq * step)
        stamp = ts.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        name = f"{prefix}{first + sensor}"
        payload = json.dumps({"sensor_id": name, "timestamp": stamp, "value": 20 + (n % 100) / 10,
                              "unit": "°C", "seq": seq_offset + seq}, separators=(",", ":"), ensure_ascii=False)
        out.write(json.dumps({"received_at": stamp, "topic": f"sensors/{name}/readings", "qos": 1,
                              "retained": False, "duplicate": False, "payload": payload},
                             separators=(",", ":"), ensure_ascii=False) + "\n")
PY
psql -d postgres -qc "CREATE DATABASE $database"

# A checkpoint just before each replay: otherwise one falls inside some runs and not others (the WAL of the run
# before, or checkpoint_timeout), and the same code measured anywhere between 16 and 20 s.
checkpoint() {
    psql -d postgres -XAtqc "CHECKPOINT" 2>/dev/null \
        || echo "bench: no CHECKPOINT (it needs a superuser or pg_checkpoint); figures may spread more"
}

replay() { # replay LABEL: runs the command, prints its lines/s and CPU per million lines
    local label=$1 out="$work/$1.out"
    checkpoint
    /usr/bin/time -f "%U %S" -o "$work/$label.time" java $BENCH_REPLAY_JAVA_OPTS -jar "$jar" \
        replay --from "$day" --to "$day" \
        --spring.datasource.url="jdbc:postgresql://$pg_host:$pg_port/$database" \
        --spring.datasource.username="$PGUSER" --spring.datasource.password="$PGPASSWORD" \
        --collector.raw.directory="$work" >"$out" 2>&1 || { cat "$out"; return 1; }
    local seconds cpu
    seconds=$(sed -nE 's/^replay: done in ([0-9.]+) s.*/\1/p' "$out")
    cpu=$(awk '{ printf "%.1f", $1 + $2 }' "$work/$label.time")
    grep -E "^replay: $day:" "$out"
    awk -v l="$lines" -v s="$seconds" -v c="$cpu" -v label="$label" 'BEGIN {
        printf "BENCH %-22s %d lines/s (%d lines in %.1f s), %.1f CPU-seconds per million lines (JVM start included)\n",
            label, l / (s < 1 ? 1 : s), l, s, c * 1e6 / l }'
}

# --- Beside a live collector (--live RATE) ---------------------------------------------------------------
snapshot() { # the time and the live collector's metrics, at one moment
    echo "time $(date +%s.%N)"
    curl -sf "http://127.0.0.1:$collector_port/actuator/prometheus"
}

latency_buckets() { # latency_buckets BEFORE AFTER: the latency histogram of what was committed in between
    local extract='s/.*le="([^"]+)"\} ([0-9.eE+-]+).*/\1 \2/'
    LC_ALL=C join <(grep '^collector_reading_latency_seconds_bucket' <<<"$1" | sed -E "$extract" | sed 's/^+Inf/1e9/' | LC_ALL=C sort) \
                  <(grep '^collector_reading_latency_seconds_bucket' <<<"$2" | sed -E "$extract" | sed 's/^+Inf/1e9/' | LC_ALL=C sort) \
        | awk '{ print $1, $3 - $2 }' | sort -g
}

percentile() { # percentile Q BUCKETS: interpolated within the bucket
    awk -v q="$1" '{ le[NR] = $1; c[NR] = $2 } END {
        want = q * c[NR]; prev_le = 0; prev_c = 0
        if (c[NR] == 0) { printf "-"; exit }
        for (i = 1; i <= NR; i++) {
            if (c[i] >= want) { f = (c[i] == prev_c) ? 1 : (want - prev_c) / (c[i] - prev_c)
                                printf "%.3f", prev_le + f * (le[i] - prev_le); exit }
            prev_le = le[i]; prev_c = c[i] } }' <<<"$2"
}

slowest() { # slowest BUCKETS: the upper bound of the histogram bucket that holds the slowest reading
    awk '{ if ($2 > last) { bound = $1; last = $2 } } END { printf (bound == "" ? "-" : "%.3f"), bound }' <<<"$1"
}

live_figures() { # live_figures LABEL BEFORE AFTER: committed readings/s and latency between two snapshots
    local seconds committed buckets
    seconds=$(awk -v a="$(value "$3" time)" -v b="$(value "$2" time)" 'BEGIN { printf "%.1f", a - b }')
    committed=$(( $(metric "$3" collector_readings_stored_total) - $(metric "$2" collector_readings_stored_total) ))
    buckets=$(latency_buckets "$2" "$3")
    printf "BENCH %-22s %s readings/s committed over %s s; latency p50 %s s, p99 %s s, slowest within %s s\n" \
        "$1" "$(awk -v n="$committed" -v s="$seconds" 'BEGIN { printf "%d", n / s }')" "$seconds" \
        "$(percentile 0.5 "$buckets")" "$(percentile 0.99 "$buckets")" "$(slowest "$buckets")"
}

beside_live() {
    [ -n "$generator_jar" ] || { echo "bench: no generator jar" >&2; return 1; }
    local warmup=${BENCH_WARMUP:-20} window=${BENCH_LIVE_WINDOW:-30} tail=${BENCH_LIVE_TAIL:-5}

    start_broker "$work"

    start_collector "$jar" "$work/collector.log" "$work/live-raw"
    await 90 curl -sf "http://127.0.0.1:$collector_port/actuator/health/readiness"

    echo "bench: live load of $live_rate readings/s from $sensors sensors, ${warmup} s warm-up, ${window} s without replay, then the replay of $day"
    start_generator "$work/generator.log" "$sensors" GENERATOR_LOAD_RATE="$live_rate" GENERATOR_LOAD_DURATION=24h
    await 60 grep -q 'Load run:' "$work/generator.log"
    sleep "$warmup"
    local alone_from alone_to during_from during_to
    alone_from=$(snapshot)
    sleep "$window"
    alone_to=$(snapshot)

    local out="$work/replay-live.out"
    : >"$out"
    checkpoint
    java $BENCH_REPLAY_JAVA_OPTS -jar "$jar" replay --from "$day" --to "$day" \
        --spring.datasource.url="jdbc:postgresql://$pg_host:$pg_port/$database" \
        --spring.datasource.username="$PGUSER" --spring.datasource.password="$PGPASSWORD" \
        --collector.raw.directory="$work" >"$out" 2>&1 &
    local replay_pid=$!
    # The replay's own time starts with its first line (JVM start and schema check left out).
    until grep -q '^replay: ' "$out" || ! kill -0 "$replay_pid" 2>/dev/null; do sleep 0.05; done
    during_from=$(snapshot)
    local replay_status=0
    wait "$replay_pid" || replay_status=$?
    during_to=$(snapshot)
    [ "$replay_status" -eq 0 ] || { cat "$out"; echo "bench: the replay failed" >&2; return 1; }
    sleep "$tail"

    # The load stops; what the broker acknowledged is what the live collector must have stored, once each.
    kill -TERM "$generator_pid"
    wait "$generator_pid" 2>/dev/null || true
    local summary acknowledged count=0 now last_growth=$SECONDS
    summary=$(grep -o 'Load run done: .*' "$work/generator.log") \
        || { echo "bench: no summary from the generator, see $work/generator.log" >&2; return 1; }
    acknowledged=$(sed -E 's/.* ([0-9]+) acknowledged by the broker.*/\1/' <<<"$summary")
    while [ "$count" -lt "$acknowledged" ] && [ $((SECONDS - last_growth)) -lt 20 ]; do
        sleep 0.5
        now=$(query "SELECT count(*) FROM measurements WHERE seq < $seq_offset")
        if [ "$now" -gt "$count" ]; then count=$now; last_growth=$SECONDS; fi
    done
    local stored distinct seconds
    read -r stored distinct < <(query "SELECT count(*), count(DISTINCT (sensor_id, seq)) FROM measurements
                                       WHERE seq < $seq_offset" | tr '|' ' ')
    lost=$((acknowledged > distinct ? acknowledged - distinct : 0))
    duplicated=$((stored - distinct))
    seconds=$(sed -nE 's/^replay: done in ([0-9.]+) s.*/\1/p' "$out")

    echo
    grep -E "^replay: $day:" "$out"
    awk -v l="$lines" -v s="$seconds" 'BEGIN {
        printf "BENCH %-22s %d lines/s (%d lines in %.1f s)\n", "replay beside live", l / (s < 1 ? 1 : s), l, s }'
    live_figures "live without replay" "$alone_from" "$alone_to"
    live_figures "live during replay" "$during_from" "$during_to"
    printf "BENCH %-22s %s\n" "live load" "$summary" \
        "live readings" "acknowledged by the broker $acknowledged, stored $stored: lost $lost, duplicated $duplicated" \
        "workload" "$live_rate readings/s from $sensors sensors (QoS 1); replayed day $day, $lines lines of the same sensors" \
        "host" "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
    [ "$lost" -eq 0 ] && [ "$duplicated" -eq 0 ]
}

if [ -n "$live_rate" ]; then
    beside_live
    exit
fi

replay "replay into empty"
replay "replay again"

query "\\copy (SELECT sensor_id, ts, value, unit, quality, seq, received_at FROM measurements) TO '$work/rows.csv' WITH (FORMAT csv)"
stored=$(query "SELECT count(*) FROM measurements")
query "CREATE TABLE copy_ceiling (LIKE measurements INCLUDING ALL)"
query "CREATE TRIGGER copy_ceiling_roll_up AFTER INSERT ON copy_ceiling REFERENCING NEW TABLE AS inserted
       FOR EACH STATEMENT EXECUTE FUNCTION roll_up_inserted_measurements()"
ceiling=$(copy_rate "$work/rows.csv" "$stored")
echo "BENCH stored                 $stored of $lines readings"
echo "BENCH \\copy ceiling          $ceiling rows/s into an identical table with the rollup trigger, same run"
echo "BENCH host                   $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
