#!/usr/bin/env bash
# Mainstay's overhead benchmark, side by side with the raw SDK, LangChain4j and Spring AI.
#
#   bench/run-overhead.sh            build, then the full benchmark (4 rounds, about 21 minutes on 2 cores)
#   bench/run-overhead.sh --quick    build, then one short round: a smoke run of the harness, not a measurement
#   bench/run-overhead.sh --no-build [options]   skip the build (e.g. after a first run)
#   bench/run-overhead.sh --no-peers [options]   raw and Mainstay only (no peer modules built or run)
#
# Other options go to the driver (dev.mainstay.bench.overhead.OverheadMain): --rounds N, --stacks a,b,
# --server canned|sim, --jfr STACK [--jfr-phase c1|c1_stream|concurrent|heap] [--profiler jfr|cpu|itimer|wall|alloc],
# --out DIR.
# The report is printed and written to bench/target/overhead/overhead-results.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/find-java.sh"

build=1
peers=1
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --no-peers) peers=0 ;;
    *) args+=("$arg") ;;
  esac
done

if [ "$build" = 1 ]; then
  modules="bench"
  profile=()
  if [ "$peers" = 1 ]; then
    modules="bench,bench/peer-langchain4j,bench/peer-spring-ai"
    profile=(-Ppeers)
  fi
  echo "overhead: building $modules (mainstay-core and friends come from the local repository)..." >&2
  # offline first (fast); online when a dependency is missing from the local repository
  if ! (cd "$ROOT" && ./mvnw -B -q -o "${profile[@]}" -pl "$modules" package -DskipTests >/dev/null 2>&1); then
    (cd "$ROOT" && ./mvnw -B -q "${profile[@]}" -pl "$modules" package -DskipTests)
  fi
fi

if [ "$peers" = 0 ] && ! printf '%s\n' "${args[@]+"${args[@]}"}" | grep -q -- '--stacks'; then
  args+=(--stacks raw,mainstay-bare,mainstay-full)
fi

CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/bench-classpath.txt")"
exec "$JAVA_HOME/bin/java" -Xmx256m -Dmainstay.bench.dir="$ROOT/bench" -cp "$CP" \
  dev.mainstay.bench.overhead.OverheadMain "${args[@]+"${args[@]}"}"
