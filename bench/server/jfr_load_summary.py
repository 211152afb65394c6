#!/usr/bin/env python3
"""Summarises a JFR recording of `mainstay load`: SQL statements per run (JDBI's jdbi.statement events) and where the
sampled CPU went, by the first subsystem found on each stack. Usage: jfr_load_summary.py RECORDING.jfr RUNS

RUNS is the number of runs the recording covers (warm-up included). Needs the JDK's `jfr` tool on PATH or in
$JAVA_HOME/bin. Prepared batches (the SQLite event inserts) emit no jdbi.statement event and are not counted."""
import collections, json, os, re, subprocess, sys

SUBSYSTEMS = [("simulator", "dev/mainstay/sim/"), ("store (JDBI, JDBC, SQL)", "dev/mainstay/store/"),
              ("Anthropic SDK + OkHttp", "com/anthropic/"), ("OkHttp", "okhttp3/"),
              ("HTTP API handlers", "dev/mainstay/server/internal/http/"), ("event writer", "EventWriter"),
              ("agent loop, tools, security", "dev/mainstay/agent/"), ("load tool", "dev/mainstay/app/load"),
              ("load tool's HTTP client", "jdk/internal/net/http"), ("Jetty (API and simulator)", "org/eclipse/jetty")]


def jfr(recording, events, depth):
    tool = os.path.join(os.environ.get("JAVA_HOME", ""), "bin", "jfr")
    tool = tool if os.path.exists(tool) else "jfr"
    out = subprocess.run([tool, "print", "--json", "--events", events, "--stack-depth", str(depth), recording],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


def main(recording, runs):
    statements = collections.Counter()
    for event in jfr(recording, "jdbi.statement", 1):
        sql = re.sub(r"\s+", " ", event["values"]["sql"])
        sql = re.sub(r"\(\?, \?\)(, \(\?, \?\))+", "(?, ?)...", sql)
        sql = re.sub(r"\(\?, \?, \?, \?, \?\)(, \(\?, \?, \?, \?, \?\))*", "(?...)...", sql)
        statements[sql[:100]] += 1
    total = sum(statements.values())
    print(f"SQL statements: {total} in all, {total / runs:.1f} per run")
    for sql, n in statements.most_common(20):
        print(f"  {n / runs:6.2f}/run  {sql}")
    buckets = collections.Counter()
    samples = 0
    for event in jfr(recording, "jdk.ExecutionSample", 200):
        stack = event["values"]["stackTrace"]
        if not stack:
            continue
        frames = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in stack["frames"]]
        samples += 1
        for name, marker in SUBSYSTEMS:
            if any(marker in f for f in frames):
                buckets[name] += 1
                break
        else:
            buckets["other (JDK, JIT, GC threads' Java)"] += 1
    print(f"CPU samples: {samples}")
    for name, n in buckets.most_common():
        print(f"  {100 * n / samples:5.1f}%  {name}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: jfr_load_summary.py RECORDING.jfr RUNS")
    main(sys.argv[1], int(sys.argv[2]))
