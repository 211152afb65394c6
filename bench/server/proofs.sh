#!/usr/bin/env bash
# The service's correctness benchmarks on two `mainstay serve` nodes sharing one PostgreSQL (a fresh schema, dropped
# after): idempotency (N concurrent POSTs with one key -> one run; a changed body -> 422) and stream resume (random
# disconnects, reconnects with Last-Event-ID to either node -> every event exactly once, in order). Loopback only;
# stops by itself. Results: docs/benchmarks/data/server-proofs.json.
#
#   bench/server/proofs.sh          sizes: IDEM_REQUESTS (1000), STREAM_RUNS (100), RECONNECTS (1000)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$ROOT/scripts/find-java.sh"
IDEM_REQUESTS="${IDEM_REQUESTS:-1000}"; STREAM_RUNS="${STREAM_RUNS:-100}"; RECONNECTS="${RECONNECTS:-1000}"
SCHEMA="bench_proofs_$$"
WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
psql -q -h 127.0.0.1 -U postgres -d test -c "CREATE SCHEMA $SCHEMA" >/dev/null
export MAINSTAY_DB_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA"
export MAINSTAY_SIM_LATENCY="200ms..800ms" MAINSTAY_STREAM=true MAINSTAY_LOG_LEVEL=error MAINSTAY_HOST=127.0.0.1

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start_node() { # $1: log file, $2: the variable to set to its port (not a $(...) subshell: PIDS must keep the pid)
  local port; port="$(free_port)"
  "$ROOT/mainstay" serve --port "$port" >"$1" 2>&1 &
  PIDS+=("$!")
  for _ in $(seq 1 240); do
    if curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then printf -v "$2" '%s' "$port"; return 0; fi
    sleep 0.5
  done
  echo "node did not become ready; see $1" >&2; cat "$1" >&2; return 1
}
start_node "$WORK/node1.log" P1
KEY="$(grep -o 'msk_[A-Za-z0-9]*' "$WORK/node1.log" | head -1)"
start_node "$WORK/node2.log" P2
"$ROOT/mainstay" tenant limits default --max-concurrent-runs 500 --requests-per-second 100000 --burst 100000 >/dev/null
sleep 11 # nodes cache a tenant's limits for 10 s
echo "== nodes on :$P1 and :$P2 (PostgreSQL schema $SCHEMA)" >&2

echo "== idempotency: $IDEM_REQUESTS concurrent POSTs, one key" >&2
IDEM="$("$JAVA_HOME/bin/java" "$ROOT/bench/server/IdempotencyBench.java" "http://127.0.0.1:$P1" "$KEY" "$IDEM_REQUESTS" || true)"
echo "$IDEM"
echo "== stream resume: $STREAM_RUNS runs, $RECONNECTS reconnects across both nodes" >&2
STREAM="$("$JAVA_HOME/bin/java" "$ROOT/bench/server/StreamResumeBench.java" "$KEY" "$STREAM_RUNS" "$RECONNECTS" \
  "http://127.0.0.1:$P1" "http://127.0.0.1:$P2" || true)"
echo "$STREAM"
mkdir -p "$ROOT/docs/benchmarks/data"
echo "{\"idempotency\":${IDEM:-null},\"stream_resume\":${STREAM:-null}}" >"$ROOT/docs/benchmarks/data/server-proofs.json"
