#!/usr/bin/env bash
# Runs the chaos suite (issues 4 and 11) with the committed profiles and their own default settings, and writes the Markdown that goes into
# docs/benchmarks/reliability.md (machine, exact commands, one table per run) to bench/chaos/results.md and stdout.
#
#   bench/chaos/run-all.sh                  # uses ./mainstay (which builds the distribution when sources changed)
#   MAINSTAY="java -jar app/target/mainstay-app.jar" bench/chaos/run-all.sh   # an already built jar
#
# Every run talks only to the in-process simulator on 127.0.0.1; no API key is read. Each run is bounded by its
# --runs, its per-run deadline and an overall --timeout, so the script ends by itself (about 8 minutes). Every
# profile runs with production reliability settings except what its file's "defaults" say (printed in each table).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PROFILES=bench/chaos/profiles
OUT="${OUT:-$ROOT/bench/chaos/results.md}"
read -r -a MAINSTAY_CMD <<<"${MAINSTAY:-$ROOT/mainstay}"

run() { # $1 = a title; the rest = arguments of `mainstay chaos`
  local title="$1"
  shift
  printf '\n## %s\n\n```\n$ ./mainstay chaos %s\n```\n\n' "$title" "$*"
  # a missed target exits 1: it is a result to report, not a reason to stop the suite
  "${MAINSTAY_CMD[@]}" chaos "$@" 2>/dev/null || true
}

{
  printf '# Chaos suite results\n\n'
  printf -- '- date: %s\n' "$(date -u +%Y-%m-%dT%H:%MZ)"
  printf -- '- commit: %s%s\n' "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
    "$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  printf -- '- machine: %s cores (nproc), %s GB RAM (free -g), load average before the runs: %s\n' "$(nproc)" \
    "$(free -g | awk '/^Mem:/ {print $2}')" "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf -- '- java: %s\n' "$("${JAVA_HOME:-/usr}/bin/java" -version 2>&1 | head -1)"
  printf -- '- JVM flags (./mainstay): --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1\n'

  run "none (control)" --profile-file $PROFILES/none.json --seed 7
  run "overload" --profile-file $PROFILES/overload.json --seed 7
  run "outage" --profile-file $PROFILES/outage.json --seed 7
  run "flaky-tools" --profile-file $PROFILES/flaky-tools.json --seed 7
  run "flaky-tools with a tight deadline (deadline enforcement: runs that hit it fail, none may overrun it by 1 s)" \
    --profile-file $PROFILES/flaky-tools.json --seed 7 --run-deadline 3s --tool-timeout 2s
  run "sustained overload of the primary" --profile-file $PROFILES/sustained-overload.json --seed 7
  run "overload everywhere" --profile-file $PROFILES/overload-everywhere.json --seed 7
  run "rate-limit storm on the primary" --profile-file $PROFILES/rate-limit-storm.json --seed 7
  run "rate-limit storm without a fallback (waits: hint plus jitter, never earlier)" \
    --profile-file $PROFILES/rate-limit-storm.json --seed 7 --fallback none --runs 60
  run "hang (cold JVM: no warm-up)" --profile-file $PROFILES/hang.json --seed 7
  printf '\n## Ctrl-C\n\n```\n$ bench/chaos/ctrl-c.sh\n```\n\n'
  MAINSTAY="${MAINSTAY:-$ROOT/mainstay}" "$ROOT/bench/chaos/ctrl-c.sh" || echo "(ctrl-c.sh failed: exit $?)"
  printf -- '\n- load average after the runs: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT"
