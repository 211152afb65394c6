package dev.mainstay.bench.harness;

/**
 * The heap a stack holds per run in flight.
 *
 * @param inFlight runs in flight while the heap was measured
 * @param atServer the fewest requests the server held at a sample (runs not yet queued inside the client)
 * @param baselineBytes heap after GC with the stack open and idle, before the runs started
 * @param inFlightBytes median heap after GC while the runs were in flight
 * @param afterDrainBytes heap after GC once every run had finished: above the baseline means something is kept
 * @param completedRuns runs that finished during the phase
 * @param wallNanos how long the phase took
 */
public record HeapResult(
        int inFlight, int atServer, long baselineBytes, long inFlightBytes, long afterDrainBytes, long completedRuns,
        long wallNanos) {

    /**
     * Heap per run in flight, over the idle heap: the lower of the heap before and after the runs. Before can still
     * hold what the previous phase's stack left for its own threads to release; after can hold what the stack keeps
     * pooled (idle connections). Either is the stack at rest; the lower one charges every run its full cost.
     */
    public double kilobytesPerRun() {
        return (inFlightBytes - Math.min(baselineBytes, afterDrainBytes)) / 1024.0 / inFlight;
    }

    JsonLine json() {
        return new JsonLine()
                .field("in_flight", inFlight)
                .field("at_server", atServer)
                .field("baseline_mb", baselineBytes / 1048576.0)
                .field("in_flight_mb", inFlightBytes / 1048576.0)
                .field("after_drain_mb", afterDrainBytes / 1048576.0)
                .field("heap_kb_per_run", kilobytesPerRun())
                .field("completed_runs", completedRuns)
                .field("runs_per_s", completedRuns / (wallNanos / 1e9));
    }
}
