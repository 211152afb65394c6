package dev.mainstay.observe;

import java.util.List;

/**
 * The correlation fields every log line written within a run carries, as SLF4J MDC keys. The agent loop puts
 * {@link #RUN_ID}, {@link #TENANT} and {@link #USER} in the MDC for the whole run and {@link #STEP} for each step, on
 * the run's thread and on every tool thread; tracing adds {@link #TRACE_ID} and {@link #SPAN_ID}. Values are
 * identifiers, never content. The service adds the request fields to its request lines ({@code method},
 * {@code route}, {@code status}, {@code duration_ms}).
 */
public final class LogFields {
    public static final String RUN_ID = "run_id";
    public static final String TENANT = "tenant";
    public static final String USER = "user";
    /**
     * The step number (one model call and the tool calls it asked for share it), from 1; {@code 0} on the run's own
     * lines before its first step.
     */
    public static final String STEP = "step";
    /** The W3C trace id (32 hex digits) of the trace the run belongs to. */
    public static final String TRACE_ID = "trace_id";
    /** The id (16 hex digits) of the span the line was written in. */
    public static final String SPAN_ID = "span_id";

    /** Every run field, in the order logs show them. */
    public static final List<String> RUN_FIELDS = List.of(RUN_ID, TENANT, USER, TRACE_ID, SPAN_ID, STEP);

    private LogFields() {}
}
