#!/usr/bin/env bash
# Replay benchmark: how many archived readings per second the replay command puts into the database.
#
#   bench/replay-benchmark.sh [LINES] [SENSORS]        defaults: 1000000 1000
#
# Writes one archive day of LINES readings from SENSORS sensors (as the collector archives them), closes
# nothing (replay reads a plain day as it reads a closed one, minus the manifest check), and runs the
# collector's replay command twice on a fresh database of the PostgreSQL that TEST_DATABASE_URL names: first
# into empty tables (every reading stored), then again (every reading a duplicate). Prints each run's
# archived lines per second (from the command's own "done in" line, which leaves out the JVM start and the
# migration), the command's CPU-seconds per million lines, and the machine's \copy ceiling for the same rows
# measured in the same run, with the ratio. Needs java, psql and python3; builds the collector if needed.
set -euo pipefail
cd "$(dirname "$0")/.."

lines=${1:-1000000}
sensors=${2:-1000}
: "${TEST_DATABASE_URL:=jdbc:postgresql://127.0.0.1:5432/postgres}"
: "${TEST_DATABASE_USERNAME:=postgres}"
: "${TEST_DATABASE_PASSWORD:=}"
: "${BENCH_REPLAY_JAVA_OPTS:=-Xmx512m}"

server=$(sed -E 's#^jdbc:postgresql://([^/?]+).*#\1#' <<<"$TEST_DATABASE_URL")
pg_host=${server%%:*}
pg_port=${server##*:}
[ "$pg_port" = "$server" ] && pg_port=5432
export PGHOST=$pg_host PGPORT=$pg_port PGUSER=$TEST_DATABASE_USERNAME PGPASSWORD=$TEST_DATABASE_PASSWORD
database=bench_replay_$(date +%s)_$$
work=$(mktemp -d -t iot-replay-bench.XXXXXX)
day=2026-01-15

cleanup() {
    psql -d postgres -qc "DROP DATABASE IF EXISTS $database" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

query() { psql -d "$database" -XAtqc "$1"; }

jar=$(ls collector-service/target/collector-service-*-exec.jar 2>/dev/null | head -n 1 || true)
if [ -z "$jar" ]; then
    echo "bench: building the collector"
    ./mvnw -B -q -pl collector-service -am package -DskipTests
    jar=$(ls collector-service/target/collector-service-*-exec.jar | head -n 1)
fi

echo "bench: writing $lines archived readings of $sensors sensors for $day"
python3 - "$work/raw_${day//-/}.jsonl" "$lines" "$sensors" "$day" <<'PY'
import json, sys, datetime
path, lines, sensors, day = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
start = datetime.datetime.fromisoformat(day + "T00:00:00+00:00")
per_sensor = -(-lines // sensors)
step = 86_000_000 // per_sensor  # microseconds between two readings of one sensor, within the day
with open(path, "w", encoding="utf-8") as out:
    for n in range(lines):
        sensor, seq = n % sensors, n // sensors
        ts = start + datetime.timedelta(microseconds=seq * step)
        stamp = ts.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        payload = json.dumps({"sensor_id": f"bench-{sensor}", "timestamp": stamp, "value": 20 + (n % 100) / 10,
                              "unit": "°C", "seq": seq}, separators=(",", ":"), ensure_ascii=False)
        out.write(json.dumps({"received_at": stamp, "topic": f"sensors/bench-{sensor}/readings", "qos": 1,
                              "retained": False, "duplicate": False, "payload": payload},
                             separators=(",", ":"), ensure_ascii=False) + "\n")
PY
psql -d postgres -qc "CREATE DATABASE $database"

replay() { # replay LABEL: runs the command, prints its lines/s and CPU per million lines
    local label=$1 out="$work/$1.out"
    /usr/bin/time -f "%U %S" -o "$work/$label.time" java $BENCH_REPLAY_JAVA_OPTS -jar "$jar" \
        replay --from "$day" --to "$day" \
        --spring.datasource.url="jdbc:postgresql://$pg_host:$pg_port/$database" \
        --spring.datasource.username="$PGUSER" --spring.datasource.password="$PGPASSWORD" \
        --collector.raw.directory="$work" >"$out" 2>&1 || { cat "$out"; return 1; }
    local seconds cpu
    seconds=$(sed -nE 's/^replay: done in ([0-9]+) s.*/\1/p' "$out")
    cpu=$(awk '{ printf "%.1f", $1 + $2 }' "$work/$label.time")
    grep -E "^replay: $day:" "$out"
    awk -v l="$lines" -v s="$seconds" -v c="$cpu" -v label="$label" 'BEGIN {
        printf "BENCH %-22s %d lines/s (%d lines in %d s), %.1f CPU-seconds per million lines (JVM start included)\n",
            label, l / (s < 1 ? 1 : s), l, s, c * 1e6 / l }'
}

replay "replay into empty"
replay "replay again"

query "\\copy (SELECT sensor_id, ts, value, unit, quality, seq, received_at FROM measurements) TO '$work/rows.csv' WITH (FORMAT csv)"
stored=$(query "SELECT count(*) FROM measurements")
query "CREATE TABLE copy_ceiling (LIKE measurements INCLUDING ALL)"
query "CREATE TRIGGER copy_ceiling_roll_up AFTER INSERT ON copy_ceiling REFERENCING NEW TABLE AS inserted
       FOR EACH STATEMENT EXECUTE FUNCTION roll_up_inserted_measurements()"
start=$(date +%s.%N)
query "\\copy copy_ceiling FROM '$work/rows.csv' WITH (FORMAT csv)"
ceiling=$(awk -v n="$stored" -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%d", n / (b - a) }')
echo "BENCH stored                 $stored of $lines readings"
echo "BENCH \\copy ceiling          $ceiling rows/s into an identical table with the rollup trigger, same run"
echo "BENCH host                   $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
