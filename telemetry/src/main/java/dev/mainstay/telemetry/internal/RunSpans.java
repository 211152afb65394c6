package dev.mainstay.telemetry.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open spans of the runs in flight on this node, shared by the run listener (run and tool spans) and the
 * TELEMETRY interceptor (attempt spans, parented on their run's span). An entry lives from {@code RunStarted} to
 * {@code RunFinished}; both always come, so nothing leaks. Thread-safe.
 */
public final class RunSpans {
    private final Map<String, RunTrace> runs = new ConcurrentHashMap<>();

    /** One run's span and the spans of its tool calls in flight. */
    public record RunTrace(Span span, Context context, Map<String, Span> tools, Map<String, AtomicInteger> attempts) {
        RunTrace(Span span, Context context) {
            this(span, context, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        }

        /** The number of this attempt of {@code step} at {@code endpoint}, from 1: 2 is the first retry. */
        public int nextAttempt(int step, String endpoint) {
            return attempts.computeIfAbsent(step + "|" + endpoint, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    public RunTrace open(String runId, Span span, Context parent) {
        var trace = new RunTrace(span, parent.with(span));
        runs.put(runId, trace);
        return trace;
    }

    public Optional<RunTrace> find(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    public Optional<RunTrace> close(String runId) {
        return Optional.ofNullable(runs.remove(runId));
    }

    /** Runs with an open span, for tests and diagnostics. */
    public int open() {
        return runs.size();
    }
}
