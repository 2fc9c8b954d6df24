#!/usr/bin/env bash
# Compression benchmark: which codec suits a closed raw-archive day.
#
#   bench/compression-benchmark.sh [SENSORS] [INTERVAL_MS]        defaults: 5 1000 (the seed's fleet)
#
# Writes one UTC day of archive lines as the collector archives them (the generator's kind of readings: a
# baseline with drift and noise, two decimals; received a few milliseconds after their timestamp), then
# compresses it with gzip -6 (the level of java.util.zip, which the collector uses) and zstd at a few levels,
# and prints for each the size, the ratio, and the CPU-seconds to compress and to decompress. Needs python3,
# gzip and zstd.
set -euo pipefail

sensors=${1:-5}
interval_ms=${2:-1000}
work=$(mktemp -d -t iot-compression-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
day_file="$work/raw_20260115.jsonl"

python3 - "$day_file" "$sensors" "$interval_ms" <<'PY'
import json, random, sys, datetime
path, sensors, interval_ms = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(42)
start = datetime.datetime(2026, 1, 15, tzinfo=datetime.timezone.utc)
steps = 86_400_000 // interval_ms
drift = [0.0] * sensors
def stamp(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"
with open(path, "w", encoding="utf-8") as out:
    for step in range(steps):
        ts = start + datetime.timedelta(milliseconds=step * interval_ms)
        for s in range(sensors):
            drift[s] = max(-2.0, min(2.0, drift[s] + random.gauss(0, 0.02)))
            value = round(21.0 + s + drift[s] + random.gauss(0, 0.3), 2)
            received = ts + datetime.timedelta(milliseconds=random.randint(3, 60))
            payload = json.dumps({"sensor_id": f"sensor-{s + 1}", "timestamp": stamp(ts), "value": value,
                                  "unit": "°C", "seq": step}, separators=(",", ":"), ensure_ascii=False)
            out.write(json.dumps({"received_at": stamp(received), "topic": f"sensors/sensor-{s + 1}/readings",
                                  "qos": 1, "retained": False, "duplicate": False, "payload": payload},
                                 separators=(",", ":"), ensure_ascii=False) + "\n")
PY

lines=$(wc -l <"$day_file")
bytes=$(stat -c %s "$day_file")
echo "bench: one day of $sensors sensors every $interval_ms ms: $lines lines, $bytes bytes"

cpu() { # cpu OUTPUT COMMAND...: runs the command, prints its user+system CPU-seconds
    local out=$1
    shift
    /usr/bin/time -f "%U %S" -o "$work/time" "$@" >"$out"
    awk '{ printf "%.2f", $1 + $2 }' "$work/time"
}

measure() { # measure LABEL EXTENSION COMPRESS... : compresses, decompresses, checks the round trip
    local label=$1 extension=$2
    shift 2
    local packed="$work/day.$extension" unpacked="$work/day.out"
    local compress_cpu decompress_cpu size
    compress_cpu=$(cpu "$packed" "$@" -c "$day_file")
    decompress_cpu=$(cpu "$unpacked" "$1" -d -c "$packed")
    cmp -s "$day_file" "$unpacked" || { echo "bench: $label did not round-trip" >&2; exit 1; }
    size=$(stat -c %s "$packed")
    awk -v label="$label" -v size="$size" -v bytes="$bytes" -v c="$compress_cpu" -v d="$decompress_cpu" 'BEGIN {
        printf "BENCH %-10s %11d bytes, %5.1f : 1, compress %6.2f CPU-s, decompress %5.2f CPU-s\n",
            label, size, bytes / size, c, d }'
}

measure "gzip -6" gz gzip -6
measure "gzip -9" gz gzip -9
measure "zstd -3" zst zstd -q -3
measure "zstd -9" zst zstd -q -9
measure "zstd -19" zst zstd -q -19
echo "BENCH host       $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), gzip $(gzip --version | head -n 1 | awk '{ print $2 }'), zstd $(zstd --version | sed -E 's/.*v([0-9.]+).*/\1/')"
