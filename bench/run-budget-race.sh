#!/usr/bin/env bash
# Budget race (issue 14): 1,000 runs start at once against one tenant's $5 daily budget, through MainstayRuntime
# (the BUDGET link first in the model chain) against the simulator, reserving in the store: one node on SQLite, one
# on PostgreSQL, two nodes sharing PostgreSQL, and two nodes of which one dies mid-way. Needs the PostgreSQL of the
# machine (MAINSTAY_BENCH_PG_URL, default jdbc:postgresql://127.0.0.1:5432/test?user=postgres).
#
#   bench/run-budget-race.sh                          build (bench and the modules it needs, no install), then run
#   bench/run-budget-race.sh --no-build               run only
#   bench/run-budget-race.sh --scenarios sqlite --runs 200
#
# Prints a Markdown report, writes it to bench/target/cost/budget-race.md, exits 1 when a scenario overshoots the
# budget or leaves a reservation behind.
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
  echo "budget race: building bench and the modules it needs..." >&2
  (cd "$ROOT" && ./mvnw -B -q -pl bench -am package -DskipTests)
fi

CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/bench-classpath.txt")"
exec "$JAVA_HOME/bin/java" -Xmx1g -Dmainstay.bench.dir="$ROOT/bench" -Dlogback.configurationFile="$ROOT/bench/ledger-logback.xml" \
  -cp "$CP" dev.mainstay.bench.cost.BudgetRaceMain "${args[@]+"${args[@]}"}"
