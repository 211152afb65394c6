#!/usr/bin/env bash
# Builds COMMIT (default: main) in a temporary copy of the tree and runs `mainstay load` alternately with it and with
# this tree — SQLite, then PostgreSQL — for ROUNDS rounds, printing one JSON line per run. On a shared machine only
# runs next to each other compare; read the CPU per run and the counts (profile-load.sh) before runs/s.
#   bench/server/compare-load.sh [COMMIT] [ROUNDS] [RUNS]
# PostgreSQL: MAINSTAY_DB_URL, or jdbc:postgresql://127.0.0.1:5432/test. The simulator answers at 0 ms.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
COMMIT="${1:-main}"
ROUNDS="${2:-2}"
RUNS="${3:-2000}"
PG_URL="${MAINSTAY_DB_URL:-jdbc:postgresql://127.0.0.1:5432/test}"
BASE="$(mktemp -d /tmp/mainstay-base.XXXXXX)"
trap 'rm -rf "$BASE"' EXIT
git -C "$ROOT" archive "$COMMIT" | tar -x -C "$BASE"
(cd "$BASE" && ./mvnw -o -B -q -pl app -am package -DskipTests && touch app/target/mainstay-app.jar)
(cd "$ROOT" && ./mainstay --version >/dev/null) # builds this tree if it is stale
for round in $(seq 1 "$ROUNDS"); do
  for tree in "$BASE" "$ROOT"; do
    label=$([ "$tree" = "$BASE" ] && echo "$COMMIT" || echo "this tree")
    for db in sqlite postgresql; do
      echo "# round $round, $label, $db, $(uptime | sed 's/.*load/load/')"
      if [ "$db" = postgresql ]; then export MAINSTAY_DB_URL="$PG_URL"; else unset MAINSTAY_DB_URL; fi
      MAINSTAY_SIM_LATENCY=0ms "$tree/mainstay" load --runs "$RUNS" --warmup 200 --timeout 5m --json 2>/dev/null \
        | tail -n 1
    done
  done
done
