# Functions the benchmark scripts share; sourced from the repository's root.

use_test_database() { # the PostgreSQL of TEST_DATABASE_URL (default: this machine's) for psql and the benchmark
    # Sets pg_host and pg_port and exports PGHOST, PGPORT, PGUSER and PGPASSWORD; the benchmark's own database
    # lives next to that database.
    : "${TEST_DATABASE_URL:=jdbc:postgresql://127.0.0.1:5432/postgres}"
    : "${TEST_DATABASE_USERNAME:=postgres}"
    : "${TEST_DATABASE_PASSWORD:=}"
    local server
    server=$(sed -E 's#^jdbc:postgresql://([^/?]+).*#\1#' <<<"$TEST_DATABASE_URL")
    pg_host=${server%%:*}
    pg_port=${server##*:}
    [ "$pg_port" = "$server" ] && pg_port=5432
    export PGHOST=$pg_host PGPORT=$pg_port PGUSER=$TEST_DATABASE_USERNAME PGPASSWORD=$TEST_DATABASE_PASSWORD
}

cleanup() { # on exit: stops what is in pids, drops $database, removes $work; BENCH_KEEP=1 keeps the last two
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [ "${BENCH_KEEP:-0}" != 1 ]; then
        psql -d postgres -qc "DROP DATABASE IF EXISTS $database" >/dev/null 2>&1 || true
        rm -rf "$work"
    else
        echo "kept: database $database, directory $work"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

await() { # await SECONDS COMMAND...: until COMMAND succeeds, or fail
    local deadline=$((SECONDS + $1)); shift
    until "$@" >/dev/null 2>&1; do
        [ "$SECONDS" -lt "$deadline" ] || { echo "timed out waiting for: $*" >&2; return 1; }
        sleep 0.2
    done
}

start_broker() { # start_broker DIRECTORY [QUEUED]: a Mosquitto of its own, with the project's configuration
    # On a free port, with its data directory and its log file in DIRECTORY; sets broker_port and broker_pid
    # and adds the process to the caller's pids, which it stops on exit. With QUEUED, the run's copy of the
    # configuration lets the broker queue at least that many messages for a client that is away
    # (max_queued_messages), and says so when the project's configuration allows fewer.
    local dir=$1 queued=${2:-0} limit raise=()
    limit=$(awk '$1 == "max_queued_messages" { print $2 }' mosquitto/mosquitto.conf)
    if [ "$queued" -gt "${limit:=1000}" ]; then # 1000: Mosquitto's default
        echo "broker: max_queued_messages raised from $limit to $queued in this run's copy of the configuration"
        raise=(-e "/^max_queued_messages /d" -e "\$a max_queued_messages $queued")
    fi
    broker_port=$(free_port)
    mkdir -p "$dir/mosquitto"
    sed -e "s#^listener .*#listener $broker_port 127.0.0.1\nallow_anonymous true\nuser $(id -un)#" \
        -e "s#^persistence_location .*#persistence_location $dir/mosquitto/#" \
        -e "s#^log_dest .*#log_dest file $dir/mosquitto.log#" \
        "${raise[@]}" mosquitto/mosquitto.conf > "$dir/mosquitto.conf"
    mosquitto -c "$dir/mosquitto.conf" > /dev/null 2>&1 &
    broker_pid=$!
    pids+=("$broker_pid")
    await 10 bash -c "exec 3<>/dev/tcp/127.0.0.1/$broker_port"
}

start_collector() { # start_collector JAR LOG RAW_DIRECTORY [JAVA OPTION...]: the collector as a JVM of its own
    # On the run's database ($database) and broker ($broker_port), its Actuator on a free port; sets
    # collector_port and collector_pid and adds the process to pids. The JVM gets the options given here,
    # then BENCH_COLLECTOR_JAVA_OPTS (by default the heap and the garbage collector of docker-compose.yml).
    local jar=$1 log=$2 raw=$3
    shift 3
    collector_port=$(free_port)
    # shellcheck disable=SC2086 # the options are words
    SPRING_DATASOURCE_URL="jdbc:postgresql://$pg_host:$pg_port/$database" \
    SPRING_DATASOURCE_USERNAME="$PGUSER" SPRING_DATASOURCE_PASSWORD="$PGPASSWORD" \
    MQTT_URL="tcp://127.0.0.1:$broker_port" MQTT_CLIENT_ID=bench-collector \
    COLLECTOR_RAW_DIR="$raw" SERVER_PORT=$collector_port \
        java "$@" ${BENCH_COLLECTOR_JAVA_OPTS:--Xmx192m -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError} -jar "$jar" > "$log" 2>&1 &
    collector_pid=$!
    pids+=("$collector_pid")
}

start_generator() { # start_generator LOG SENSORS [NAME=VALUE...]: the generator in load mode, as a JVM of its own
    # To the run's broker at its default QoS (1), sensors sensor-1 ... sensor-SENSORS, the settings given (GENERATOR_LOAD_RATE,
    # _COUNT, _DURATION, ...); sets generator_pid and adds the process to pids. BENCH_GENERATOR_JAVA_OPTS are its
    # JVM options.
    local log=$1 sensors=$2
    shift 2
    # shellcheck disable=SC2086 # the options are words
    env GENERATOR_LOAD_ENABLED=true GENERATOR_SENSOR_COUNT="$sensors" GENERATOR_SEED=1 \
        MQTT_URL="tcp://127.0.0.1:$broker_port" MQTT_CLIENT_ID=bench-generator SERVER_PORT="$(free_port)" "$@" \
        java ${BENCH_GENERATOR_JAVA_OPTS:-} -jar "$generator_jar" > "$log" 2>&1 &
    generator_pid=$!
    pids+=("$generator_pid")
}

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

process_started() { # process_started PID: when the kernel started the process, in seconds since the epoch
    # /proc/PID/stat has it in clock ticks since boot, and /proc/uptime the time since boot now.
    awk -v now="$(date +%s.%N)" -v tick="$(getconf CLK_TCK)" 'FNR == NR { up = $1; next }
        { sub(/^.*\) /, ""); printf "%.3f", now - up + $20 / tick }' /proc/uptime "/proc/$1/stat"
}

cpu_model() { # as the CPU names itself, with its clock; hosts of one size differ in speed
    awk -F': *' '/^model name/ { model = $2 } /^cpu MHz/ { mhz = $2 }
        END { printf "%s%s", model == "" ? "unknown CPU" : model, mhz == "" ? "" : sprintf(" at %.1f GHz", mhz / 1000) }' /proc/cpuinfo
}

host() { # the BENCH date line's text
    echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores ($(cpu_model)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
}

# The loops that watch a collector start fork no process: on the two cores measured here, a curl, tail and
# sleep every 50 ms took a tenth of a core, from the collector's start-up among others.
nap() { read -r -t "$1" -u "$nap_fd" || true; } # nap SECONDS: on a pipe nothing writes to

collector_ready() { # the collector's readiness, asked over a TCP connection of the shell's own
    local http status=''
    { exec {http}<>"/dev/tcp/127.0.0.1/$collector_port"; } 2>/dev/null || return 1
    printf 'GET /actuator/health/readiness HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&"$http"
    read -r -t 2 status <&"$http" || true
    exec {http}>&-
    [[ $status == "HTTP/1."?" 200"* ]]
}

collector_ticks() { # sets ticks: the collector's user + system CPU time, in clock ticks
    local stat
    read -r -a stat < "/proc/$collector_pid/stat"
    ticks=$((stat[13] + stat[14]))
}

query() { psql -d "$database" -XAtqc "$1"; } # query SQL: in the run's own database, rows unaligned

metric() { # metric SCRAPE NAME: the sum of a Prometheus metric's samples
    awk -v name="$2" '$1 == name || index($1, name "{") == 1 { sum += $2 } END { printf "%.0f", sum }' <<<"$1"
}

value() { awk -v key="$2" '$1 == key { print $2; exit }' <<<"$1"; } # value SNAPSHOT KEY: a "key value" line's value

copy_rate() { # copy_rate CSV ROWS: \copy the CSV into the table copy_ceiling; prints rows per second
    local start
    start=$(date +%s.%N)
    query "\\copy copy_ceiling FROM '$1' WITH (FORMAT csv)"
    awk -v n="$2" -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%d", n / (b - a) }'
}
