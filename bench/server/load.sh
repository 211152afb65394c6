#!/usr/bin/env bash
# The service's load benchmark: `mainstay load` with a node in its own process, on SQLite and on PostgreSQL, with the
# built-in simulator at 0 ms and at 1 s per model call. Writes one JSON document per case to
# docs/benchmarks/data/server-load-<case>.json and prints them. Loopback only; every case stops by itself.
#
#   bench/server/load.sh [case...]       cases: sqlite-0ms postgres-0ms sqlite-1s postgres-1s (default: all)
#
# Sizes (environment): RUNS (0 ms cases, default 3000), CONCURRENCY (default 64), WARMUP (default 300),
# INFLIGHT (1 s cases: runs at once, default 5000), HEAP (the node's -Xmx, default 1g).
# PostgreSQL: PG_URL (default jdbc:postgresql://127.0.0.1:5432/test); each case gets a fresh schema, dropped after.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/docs/benchmarks/data"
RUNS="${RUNS:-3000}"; CONCURRENCY="${CONCURRENCY:-64}"; WARMUP="${WARMUP:-300}"
INFLIGHT="${INFLIGHT:-5000}"; HEAP="${HEAP:-1g}"
PG_URL="${PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}"
mkdir -p "$OUT"
cases=("$@"); [ ${#cases[@]} -gt 0 ] || cases=(sqlite-0ms postgres-0ms sqlite-1s postgres-1s)

run_case() {
  local name="$1" db="${1%%-*}" latency="${1##*-}" schema="" env=()
  if [ "$db" = postgres ]; then
    schema="bench_load_$$_$RANDOM"
    psql -q -h 127.0.0.1 -U postgres -d test -c "CREATE SCHEMA $schema" >/dev/null
    env+=("MAINSTAY_DB_URL=$PG_URL?currentSchema=$schema")
  fi
  local args=(--json --timeout 15m)
  if [ "$latency" = 0ms ]; then
    args+=(--runs "$RUNS" --concurrency "$CONCURRENCY" --warmup "$WARMUP")
  else
    # each run is held in flight by its model calls; twice INFLIGHT runs so the middle of the test is at INFLIGHT
    args+=(--runs $((INFLIGHT * 2)) --concurrency "$INFLIGHT" --workers "$INFLIGHT" --warmup 200)
    # the provider-protecting bulkheads (200 model calls, 16 calls per tool) would hold the runs back: open them
    env+=("MAINSTAY_MODEL_MAX_CONCURRENCY=$INFLIGHT" "MAINSTAY_MODEL_MAX_WAITERS=$INFLIGHT"
      "MAINSTAY_TOOL_MAX_CONCURRENCY=$INFLIGHT")
  fi
  echo "== $name: mainstay load ${args[*]} (MAINSTAY_SIM_LATENCY=$latency, -Xmx$HEAP ${env[*]:-})" >&2
  env "${env[@]}" MAINSTAY_SIM_LATENCY="$latency" MAINSTAY_LOG_LEVEL=error JAVA_TOOL_OPTIONS="-Xmx$HEAP" \
    "$ROOT/mainstay" load "${args[@]}" >"$OUT/server-load-$name.json" || true
  [ -z "$schema" ] || psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA $schema CASCADE" >/dev/null
  cat "$OUT/server-load-$name.json"
}

for c in "${cases[@]}"; do run_case "$c"; done
