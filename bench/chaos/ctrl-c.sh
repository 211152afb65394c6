#!/usr/bin/env bash
# The Ctrl-C scenario of issue 11: SIGINT (then SIGTERM, then a double Ctrl-C) one second into an `ask` against a
# simulator that never answers. Prints, for each, the exit code, the time from the signal to the exit, and the
# report's stop reason. Uses only 127.0.0.1; every wait is bounded.
#
#   bench/chaos/ctrl-c.sh                      # uses ./mainstay
#   MAINSTAY="java -jar app/target/mainstay-app.jar" bench/chaos/ctrl-c.sh
set -euo pipefail
set -m # job control: a background job of a script would otherwise start with SIGINT ignored (POSIX)
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
read -r -a MAINSTAY_CMD <<<"${MAINSTAY:-$ROOT/mainstay}"
WORK="$(mktemp -d)"
trap 'kill "$SIM" 2>/dev/null || true; rm -rf "$WORK"' EXIT

"${MAINSTAY_CMD[@]}" sim --port 0 --faults hang >"$WORK/sim.out" 2>&1 &
SIM=$!
URL=""
for _ in $(seq 1 300); do # up to 30 s for the simulator to listen (on a free port it picks)
  URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/sim.out" | head -1 || true)
  [ -n "$URL" ] && curl -sf "$URL/admin/stats" >/dev/null 2>&1 && break
  sleep 0.1
done
[ -n "$URL" ] || { echo "ctrl-c.sh: the simulator did not start: $(cat "$WORK/sim.out")" >&2; exit 1; }

now_ms() { date +%s%3N; }

scenario() { # $1 = title, $2.. = signals to send, 1 s into the run (a second one right after the first)
  local title="$1"
  shift
  ANTHROPIC_API_KEY=sim-key ANTHROPIC_BASE_URL="$URL" MAINSTAY_NOTES_DB="$WORK/notes.db" \
    "${MAINSTAY_CMD[@]}" ask "What is 12*7?" >"$WORK/out.txt" 2>"$WORK/err.txt" &
  local pid=$!
  local before
  before=$(curl -sf "$URL/admin/stats" | sed -E 's/.*"requests":([0-9]+).*/\1/')
  for _ in $(seq 1 600); do # up to 60 s for the run to send its model call
    local seen
    seen=$(curl -sf "$URL/admin/stats" | sed -E 's/.*"requests":([0-9]+).*/\1/')
    [ "$seen" -gt "$before" ] && break
    sleep 0.1
  done
  sleep 1
  local sent
  sent=$(now_ms)
  for s in "$@"; do
    kill -"$s" "$pid"
  done
  local code=0
  wait "$pid" || code=$?
  local took=$(( $(now_ms) - sent ))
  printf '| %s | %s | %d | %d ms | %s | %s |\n' "$title" "$*" "$code" "$took" \
    "$(grep -m1 '^Stop reason' "$WORK/out.txt" || echo '(no report)')" \
    "$(grep -m1 -o 'failed: cancelled' "$WORK/out.txt" || echo '-')"
}

printf '| scenario | signals | exit code | signal to exit | report | in-flight call |\n|---|---|---|---|---|---|\n'
scenario "Ctrl-C" INT
scenario "SIGTERM" TERM
scenario "Ctrl-C twice" INT INT
