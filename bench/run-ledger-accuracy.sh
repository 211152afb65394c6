#!/usr/bin/env bash
# Ledger accuracy (issue 14): a scripted multi-turn workload with prompt caching on runs through MainstayRuntime
# against the simulator, behind a loopback proxy that records every raw /v1/messages response. The cost computed
# independently from that raw usage is compared, for every token kind, with the journal and the runs' totals.
#
#   bench/run-ledger-accuracy.sh               build (bench and the modules it needs, no install), then run
#   bench/run-ledger-accuracy.sh --no-build    run only
#   bench/run-ledger-accuracy.sh --rounds 5    repeat the task list 5 times (default 3)
#
# Prints a Markdown report, writes it to bench/target/cost/ledger-accuracy.md, exits 1 on any mismatch.
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
  echo "ledger accuracy: building bench and the modules it needs..." >&2
  (cd "$ROOT" && ./mvnw -B -q -pl bench -am package -DskipTests)
fi

CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/bench-classpath.txt")"
exec "$JAVA_HOME/bin/java" -Xmx256m -Dmainstay.bench.dir="$ROOT/bench" -Dlogback.configurationFile="$ROOT/bench/ledger-logback.xml" \
  -cp "$CP" dev.mainstay.bench.cost.LedgerAccuracyMain "${args[@]+"${args[@]}"}"
