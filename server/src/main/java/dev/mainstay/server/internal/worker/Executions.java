package dev.mainstay.server.internal.worker;

import dev.mainstay.event.RunEvent;
import dev.mainstay.event.RunListener;
import dev.mainstay.journal.Fence;
import dev.mainstay.server.internal.service.LocalRuns;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs executing on this node, by run id. It is the run listener the agent loop publishes to: each event goes
 * to its execution's {@link EventWriter} (events of a run given up go nowhere). And it is how the API's cancel and
 * the lease keeper reach a local execution. Thread-safe.
 */
final class Executions implements RunListener, LocalRuns {
    private final ConcurrentHashMap<String, RunExecution> byRun = new ConcurrentHashMap<>();

    /** Registers {@code execution}; false when another execution of the run is still here. */
    boolean add(RunExecution execution) {
        return byRun.putIfAbsent(execution.runId(), execution) == null;
    }

    void remove(RunExecution execution) {
        byRun.remove(execution.runId(), execution);
        execution.ended();
    }

    Optional<RunExecution> get(String runId) {
        return Optional.ofNullable(byRun.get(runId));
    }

    Optional<RunExecution> get(Fence fence) {
        return get(fence.runId()).filter(e -> e.fence().equals(fence));
    }

    /** The executions still holding their runs (not given up). */
    List<RunExecution> live() {
        return byRun.values().stream().filter(e -> !e.isGivenUp()).toList();
    }

    int size() {
        return byRun.size();
    }

    @Override
    public boolean isExecuting(String runId) {
        var execution = byRun.get(runId);
        return execution != null && !execution.isGivenUp();
    }

    @Override
    public boolean cancel(String runId) {
        var execution = byRun.get(runId);
        if (execution == null || execution.isGivenUp()) {
            return false;
        }
        execution.cancel();
        return true;
    }

    @Override
    public void onEvent(RunEvent event) {
        var execution = byRun.get(event.runId());
        if (execution != null && !execution.isGivenUp()) {
            execution.events().offer(event);
        }
    }
}
