#!/usr/bin/env bash
# Prompt caching (issue 14): the same scripted 10-turn conversation with the reference agent, run through
# MainstayRuntime against the simulator with MAINSTAY_PROMPT_CACHE=off, =auto (CLI host) and =auto (service host).
#
#   bench/run-caching.sh               build (bench and the modules it needs, no install), then run
#   bench/run-caching.sh --no-build    run only
#   bench/run-caching.sh --target 60   fail unless automatic caching saves at least 60 % (default 50)
#
# Prints a Markdown report (cost and cache-hit ratio per turn), writes it to bench/target/cost/caching.md,
# exits 1 when the saving is below the target.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/find-java.sh"

build=1
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    *) args+=("$arg") ;;
  esac
done

if [ "$build" = 1 ]; then
  echo "caching: building bench and the modules it needs..." >&2
  (cd "$ROOT" && ./mvnw -B -q -pl bench -am package -DskipTests)
fi

CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/bench-classpath.txt")"
exec "$JAVA_HOME/bin/java" -Xmx256m -Dmainstay.bench.dir="$ROOT/bench" -Dlogback.configurationFile="$ROOT/bench/ledger-logback.xml" \
  -cp "$CP" dev.mainstay.bench.cost.CachingMain "${args[@]+"${args[@]}"}"
