package dev.mainstay.reliability.bulkhead;

import dev.mainstay.reliability.event.ReliabilityEvent.CallRejected;
import dev.mainstay.reliability.event.ReliabilityEvent.ToolDegraded;
import dev.mainstay.reliability.event.ReliabilityListener;
import dev.mainstay.tool.ToolInterceptor;
import dev.mainstay.tool.ToolResult;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Caps the calls of each tool running at once, so one slow backend cannot take every virtual thread and connection
 * with it. A call beyond the cap waits up to {@link ToolBulkheadConfig#maxWait()} (never past the run's deadline),
 * then is answered with {@code ToolResult.degraded("<tool> is busy right now …")} and a {@code bulkhead_full}
 * rejection event. Waiting is real time (a fair {@link Semaphore}). Thread-safe; one instance serves every tool.
 */
public final class ToolBulkheadInterceptor implements ToolInterceptor {
    private final ToolBulkheadConfig config;
    private final ReliabilityListener listener;
    private final ConcurrentHashMap<String, Semaphore> slots = new ConcurrentHashMap<>();

    public ToolBulkheadInterceptor(ToolBulkheadConfig config, ReliabilityListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = ReliabilityListener.safe(listener);
    }

    @Override
    public ToolResult intercept(Chain chain) throws Exception {
        var tool = chain.spec().name();
        var semaphore = slots.computeIfAbsent(tool, t -> new Semaphore(config.limitFor(t), true));
        var wait = chain.context().deadline().timeoutFor(config.maxWait());
        var acquired = wait.isZero() ? semaphore.tryAcquire() : semaphore.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (!acquired) {
            listener.onEvent(new CallRejected(chain.context().runId(), "bulkhead:" + tool, "bulkhead_full"));
            listener.onEvent(new ToolDegraded(chain.context().runId(), tool, "bulkhead_full"));
            return ToolResult.degraded(tool + " is busy right now (" + config.limitFor(tool)
                    + " calls already running); answer without it");
        }
        try {
            return chain.proceed();
        } finally {
            semaphore.release();
        }
    }

    /** Calls of each tool running now, by tool name, for tools called so far. */
    public Map<String, Integer> inFlight() {
        var snapshot = new TreeMap<String, Integer>();
        slots.forEach((tool, s) -> snapshot.put(tool, config.limitFor(tool) - s.availablePermits()));
        return snapshot;
    }

    public ToolBulkheadConfig config() {
        return config;
    }
}
