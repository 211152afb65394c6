package dev.mainstay.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A W3C trace context as the {@code traceparent} header carries it ({@code 00-<trace id>-<parent id>-<flags>}): how
 * a caller's trace enters the API, travels through the queue in the run row, and is joined by the worker that runs
 * the run, on whatever node. Immutable.
 *
 * @param traceId 32 lower-case hex digits, not all zero
 * @param spanId 16 lower-case hex digits, not all zero: the caller's span, parent of what Mainstay does
 * @param sampled whether the caller records this trace
 */
public record Traceparent(String traceId, String spanId, boolean sampled) {
    /** The header's name. */
    public static final String HEADER = "traceparent";

    public Traceparent {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(spanId, "spanId");
        if (!validHex(traceId, 32) || !validHex(spanId, 16)) {
            throw new IllegalArgumentException("not a W3C trace context: trace id '" + traceId + "', span id '"
                    + spanId + "'");
        }
    }

    /**
     * The trace context of a {@code traceparent} header, empty when it is absent or malformed (the W3C rule: a
     * receiver that cannot parse it starts a new trace). Versions after {@code 00} are read by their {@code 00} part.
     */
    public static Optional<Traceparent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        var h = header.strip().toLowerCase(Locale.ROOT);
        if (h.length() < 55 || h.charAt(2) != '-' || h.charAt(35) != '-' || h.charAt(52) != '-'
                || h.startsWith("ff") || !validHex(h.substring(0, 2), 2) || h.startsWith("00") && h.length() != 55
                || h.length() > 55 && h.charAt(55) != '-') {
            return Optional.empty();
        }
        var trace = h.substring(3, 35);
        var span = h.substring(36, 52);
        var flags = h.substring(53, 55);
        if (!validHex(trace, 32) || !validHex(span, 16) || !validHex(flags, 2)) {
            return Optional.empty();
        }
        return Optional.of(new Traceparent(trace, span, (HexFormat.fromHexDigits(flags) & 1) == 1));
    }

    /** The trace context of {@code context}'s span, empty when it has none (a new run with tracing off). */
    public static Optional<Traceparent> of(SpanContext context) {
        return context.isValid() ? Optional.of(new Traceparent(context.getTraceId(), context.getSpanId(),
                context.isSampled())) : Optional.empty();
    }

    /**
     * A new trace with random ids, for a request that came without one: even with tracing off, every run then has a
     * trace id that its log lines, on every node, carry.
     */
    public static Traceparent random(RandomGenerator random) {
        var hex = HexFormat.of();
        String trace;
        String span;
        do {
            trace = hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong());
            span = hex.toHexDigits(random.nextLong());
        } while (!validHex(trace, 32) || !validHex(span, 16));
        return new Traceparent(trace, span, true);
    }

    /** The header value. */
    public String header() {
        return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
    }

    /** As the parent of spans started in another process. */
    public SpanContext spanContext() {
        return SpanContext.createFromRemoteParent(traceId, spanId,
                sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
    }

    /** A context whose current span is this remote parent. */
    public Context context() {
        return Context.root().with(Span.wrap(spanContext()));
    }

    private static boolean validHex(String s, int length) {
        if (s.length() != length) {
            return false;
        }
        boolean nonZero = length == 2;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
            nonZero |= c != '0';
        }
        return nonZero;
    }
}
