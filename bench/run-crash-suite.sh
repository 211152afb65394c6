#!/usr/bin/env bash
# Crash suite (issue 12): two `mainstay serve` processes on one database (PostgreSQL by default, or one SQLite file),
# runs that save notes kept in flight with the simulator holding every model call, a node SIGKILLed every ~10 s and
# restarted, one node SIGSTOPped past its lease and resumed, event streams followed with random disconnects.
#
#   bench/run-crash-suite.sh                                  build, then 2,000 runs on PostgreSQL, 1,000 in flight
#   bench/run-crash-suite.sh --db sqlite                      the same on one SQLite file shared by both processes
#   bench/run-crash-suite.sh --db sqlite --in-process         two nodes in this one JVM on one SQLite store: a kill
#                                                             cuts a node off from the store and from its clients, a
#                                                             pause holds its store calls — an emulation of a crash in
#                                                             one process, not a SIGKILL (SQLite only)
#   bench/run-crash-suite.sh --no-build --runs 100 --in-flight 50 --followers 20    a quick look
#
# Needs PostgreSQL on 127.0.0.1:5432 (trust auth, database test) for --db postgres. Traffic stays on loopback.
# Prints a Markdown report, writes it to bench/target/server/crash-suite-<db>[-in-process].md, exits 1 when a target
# is missed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/find-java.sh"

build=1
heap=512m
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --in-process) heap=2g; args+=("$arg") ;; # the harness hosts both nodes: 1,600 workers, 1,000 runs in flight
    *) args+=("$arg") ;;
  esac
done

if [ "$build" = 1 ]; then
  echo "crash suite: building the distribution and the bench..." >&2
  (cd "$ROOT" && ./mvnw -B -q -pl app,bench -am package -DskipTests)
fi

CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/bench-classpath.txt")"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED "-Xmx$heap" -Dmainstay.root="$ROOT" \
  -cp "$CP" dev.mainstay.bench.server.CrashSuiteMain "${args[@]+"${args[@]}"}"
