#!/bin/sh
# Writes a service's class-data sharing archive (AppCDS): the classes its start-up loads, parsed and verified
# once, so that every later start maps them instead of loading them again (BENCHMARKS.md, "Start-up as the
# image runs it").
#
#   docker/class-data-archive.sh JAR ARCHIVE [JAVA OPTION...]
#
# JAR is the service's jar extracted as `java -Djarmode=tools -jar SERVICE-exec.jar extract` lays it out: the
# archive records the class path, which must be plain jars, not jars nested in one. The service then runs as
# `java -XX:SharedArchiveFile=ARCHIVE ... -jar JAR`, with the same JAR on the same JVM; should either differ,
# the JVM says so in one warning and starts without the archive.
#
# The training run builds the application context and exits once it is refreshed (spring.context.exit), before
# anything is started: no MQTT connection, no web server, no schema migration, no background work; so it needs
# neither a database nor a broker.
set -eu

[ "$#" -ge 2 ] || { echo "usage: $0 JAR ARCHIVE [JAVA OPTION...]" >&2; exit 2; }
jar=$1 archive=$2
shift 2
log=$(mktemp)
# -Xlog:cds*=error: the JDK warns once for every class it cannot archive (classes it generates at run time).
if ! java "$@" -XX:ArchiveClassesAtExit="$archive" -Xlog:cds*=error -Dspring.context.exit=onRefresh \
        -jar "$jar" > "$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "class-data archive: the training run of $jar failed (its output is above)" >&2
    exit 1
fi
rm -f "$log"
[ -s "$archive" ] || { echo "class-data archive: the training run of $jar wrote no $archive" >&2; exit 1; }
echo "class-data archive: $archive, $(du -m "$archive" | cut -f1) MB, for $jar"
