#!/usr/bin/env bash
# Runs `mainstay load` in process with a JFR recording, then prints SQL statements per run and where the CPU went.
#   bench/server/profile-load.sh [--pg] [RUNS] [WARMUP]      (defaults: SQLite, 2000 runs, 200 warm-up)
# --pg uses MAINSTAY_DB_URL, or jdbc:postgresql://127.0.0.1:5432/test. The simulator answers at 0 ms.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [ "${1:-}" = "--pg" ]; then
  export MAINSTAY_DB_URL="${MAINSTAY_DB_URL:-jdbc:postgresql://127.0.0.1:5432/test}"
  shift
else
  unset MAINSTAY_DB_URL
fi
RUNS="${1:-2000}"
WARMUP="${2:-200}"
OUT="$ROOT/bench/target/server"
mkdir -p "$OUT"
JFR_FILE="$OUT/load-$(date +%Y%m%d-%H%M%S).jfr"
JDK_JAVA_OPTIONS="-XX:StartFlightRecording=filename=$JFR_FILE,settings=profile" MAINSTAY_SIM_LATENCY=0ms \
  "$ROOT/mainstay" load --runs "$RUNS" --warmup "$WARMUP" --timeout 5m
. "$ROOT/scripts/find-java.sh"
export JAVA_HOME
python3 "$ROOT/bench/server/jfr_load_summary.py" "$JFR_FILE" "$((RUNS + WARMUP))"
echo "recording: $JFR_FILE"
