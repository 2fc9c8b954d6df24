# Functions the benchmark scripts share; sourced from the repository's root.

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

start_broker() { # start_broker DIRECTORY: a Mosquitto of its own, with the project's configuration
    # On a free port, with its data directory and its log file in DIRECTORY; sets broker_port and broker_pid
    # and adds the process to the caller's pids, which it stops on exit.
    local dir=$1
    broker_port=$(free_port)
    mkdir -p "$dir/mosquitto"
    sed -e "s#^listener .*#listener $broker_port 127.0.0.1\nallow_anonymous true\nuser $(id -un)#" \
        -e "s#^persistence_location .*#persistence_location $dir/mosquitto/#" \
        -e "s#^log_dest .*#log_dest file $dir/mosquitto.log#" \
        mosquitto/mosquitto.conf > "$dir/mosquitto.conf"
    mosquitto -c "$dir/mosquitto.conf" > /dev/null 2>&1 &
    broker_pid=$!
    pids+=("$broker_pid")
    await 10 bash -c "exec 3<>/dev/tcp/127.0.0.1/$broker_port"
}

query() { psql -d "$database" -XAtqc "$1"; } # query SQL: in the run's own database, rows unaligned

metric() { # metric SCRAPE NAME: the sum of a Prometheus metric's samples
    awk -v name="$2" '$1 == name || index($1, name "{") == 1 { sum += $2 } END { printf "%.0f", sum }' <<<"$1"
}

value() { awk -v key="$2" '$1 == key { print $2; exit }' <<<"$1"; } # value SNAPSHOT KEY: a "key value" line's value
