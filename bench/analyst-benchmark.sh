#!/usr/bin/env bash
# Analyst benchmark: how long each query of example_queries.sql takes on a database holding months of data.
#
#   bench/analyst-benchmark.sh [seed-month|fleet-2h ...]   default: both
#
# For each dataset, builds a fresh database on the PostgreSQL that TEST_DATABASE_URL names through the
# collector's own migrations (its replay command migrates a new database; the archive it is given is empty)
# and fills measurements through the rollup trigger, as the collector would, in statements of a day or of
# ten minutes:
#   seed-month  the seed's fleet, sensor-1 ... sensor-5 at 1 Hz, the 30 days up to now: 12,960,000 rows
#   fleet-2h    sensor-1 ... sensor-1000 at 1 Hz, the 2 hours up to now: 7,200,000 rows (all but the five
#               registered sensors' readings flagged unknown_sensor)
# Then it runs every query of example_queries.sql (each as the file has it, windows relative to now()) and
# prints its time with its title: the fastest of three runs for a query under a second, else its one run, and
# "> 20s" for one stopped by the statement timeout (BENCH_QUERY_TIMEOUT); at the end how many took 200 ms or
# more, and the slowest.
#
# Needs java, psql and python3; builds the collector if needed.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

use_test_database
datasets=("$@")
[ ${#datasets[@]} -gt 0 ] || datasets=(seed-month fleet-2h)
work=$(mktemp -d -t iot-analyst-bench.XXXXXX)
databases=()
cleanup() {
    for database in "${databases[@]}"; do psql -d postgres -qc "DROP DATABASE IF EXISTS $database" >/dev/null 2>&1 || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# Built every time, as the other benchmarks do: the jar carries the migrations, and a jar left from an earlier
# build would time an earlier schema.
echo "bench: building the collector"
./mvnw -B -q -pl collector-service -am package -DskipTests
jar=$(ls collector-service/target/collector-service-*-exec.jar | head -n 1)

fill() { # fill DATABASE SENSORS STEPS STEP: STEPS statements of STEP each, ending now, every sensor at 1 Hz
    local database=$1 sensors=$2 steps=$3 step=$4 i
    for i in $(seq "$steps" -1 1); do
        psql -d "$database" -XAtqc "
            INSERT INTO measurements (sensor_id, ts, value, unit, quality, seq, received_at)
            SELECT 'sensor-' || s, t, 20 + 5 * sin(extract(epoch FROM t) / 3600) + s % 7, NULL,
                   CASE WHEN s <= 5 THEN 'valid' ELSE 'unknown_sensor' END, extract(epoch FROM t)::bigint,
                   t + interval '40 milliseconds'
            FROM generate_series(1, $sensors) AS s,
                 generate_series(date_trunc('second', now()) - $i * interval '$step' + interval '1 second',
                                 date_trunc('second', now()) - ($i - 1) * interval '$step', interval '1 second') AS t"
        printf '\rbench: filled %d of %d statements of %s' $((steps - i + 1)) "$steps" "$step"
    done
    echo
    psql -d "$database" -XAtqc "VACUUM ANALYZE"
}

for dataset in "${datasets[@]}"; do
    case $dataset in
        seed-month) sensors=5 steps=30 step="1 day" ;;
        fleet-2h) sensors=1000 steps=12 step="10 minutes" ;;
        *) echo "bench: unknown dataset $dataset (seed-month or fleet-2h)" >&2; exit 2 ;;
    esac
    database=bench_analyst_${dataset//-/_}_$(date +%s)
    databases+=("$database")
    psql -d postgres -qc "CREATE DATABASE $database"
    mkdir -p "$work/empty"
    java -jar "$jar" replay --from 2026-01-01 --to 2026-01-01 \
        --spring.datasource.url="jdbc:postgresql://$pg_host:$pg_port/$database" \
        --spring.datasource.username="$PGUSER" --spring.datasource.password="$PGPASSWORD" \
        --collector.raw.directory="$work/empty" >"$work/migrate.out" 2>&1 || { cat "$work/migrate.out"; exit 1; }
    started=$SECONDS
    fill "$database" "$sensors" "$steps" "$step"
    echo "bench: $dataset: $(psql -d "$database" -XAtqc "SELECT to_char(count(*), 'FM999,999,999') FROM measurements") rows in $((SECONDS - started)) s"
    python3 - "$database" "$dataset" <<'PY'
import os, re, subprocess, sys
database, dataset = sys.argv[1], sys.argv[2]
queries, title, lines = [], None, []
for line in open("example_queries.sql", encoding="utf-8"):
    line = line.rstrip("\n")
    if title is None:
        if line.startswith("-- ") and not line.startswith("-- =="):
            title, lines = line[3:], []
        continue
    if line.startswith("--") and not lines:
        title = line[3:]
        continue
    if not line.strip() and not lines:
        title = None
        continue
    lines.append(line)
    if line.endswith(";"):
        queries.append((title, "\n".join(lines)))
        title = None
limit = os.environ.get("BENCH_QUERY_TIMEOUT", "20s")
def timed(sql):
    """The query's time in ms, or None when it ran into the statement timeout."""
    script = f"\\timing on\n\\o /dev/null\nSET statement_timeout = '{limit}';\n{sql}\n"
    run = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database], input=script, text=True,
                         capture_output=True)
    if "statement timeout" in run.stderr:
        return None
    if run.returncode != 0:
        sys.exit(run.stderr)
    return float(re.findall(r"Time: ([0-9.]+) ms", run.stdout)[-1])
over, slowest = 0, (0, "")
for n, (title, sql) in enumerate(queries, 1):
    first = timed(sql)
    # Fast queries get two more runs and count their fastest; a slow one is slow whatever the cache holds.
    ms = None if first is None else min([first] + ([timed(sql), timed(sql)] if first < 1000 else []))
    over += ms is None or ms >= 200
    shown = f"> {limit:>6}" if ms is None else f"{ms:9.1f} ms"
    slowest = max(slowest, (float("inf") if ms is None else ms, title))
    print(f"BENCH {dataset:10} {n:2}  {shown}  {title[:90]}", flush=True)
print(f"BENCH {dataset:10} {len(queries)} queries, {over} of them 200 ms or more (or over {limit}); slowest: {slowest[1][:70]}")
PY
done
echo "BENCH host       $(host)"
