package dev.mainstay.tool;

import dev.mainstay.time.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * What a tool call produced, as the model will see it. A failure the model should know about (bad input, an
 * unknown place, a backend down) is an error result, not an exception.
 *
 * <p>Three kinds of error result, told apart so policies can react without parsing text:
 *
 * <ul>
 *   <li>{@link #error}: the call could not be served as asked (bad input, an unknown place, a 404, a tool that is
 *       not configured). The tool and its backend worked; a circuit breaker counts it as a success.
 *   <li>{@link #unavailable}: the tool's outside backend could not answer for infrastructure reasons (HTTP 5xx or
 *       429, a timeout, a refused or reset connection, an unreadable body). The model sees it like any error; a
 *       tool circuit breaker counts it as a failure, so a dead backend opens the tool's breaker.
 *   <li>{@link #degraded}: a policy answered instead of the tool (its breaker is open, its bulkhead is full).
 * </ul>
 *
 * @param content the text returned to the model; never null
 * @param isError whether the call failed
 * @param degraded whether a policy answered instead of the tool (e.g. its breaker is open)
 * @param backendUnavailable whether the tool ran but its backend was unavailable; implies {@code isError} and
 *     excludes {@code degraded}
 */
public record ToolResult(String content, boolean isError, boolean degraded, boolean backendUnavailable) {
    public ToolResult {
        Objects.requireNonNull(content, "content");
        if (backendUnavailable && (!isError || degraded)) {
            throw new IllegalArgumentException(
                    "a backend-unavailable result must be an error and not degraded, but was isError=" + isError
                            + ", degraded=" + degraded);
        }
    }

    /** A result whose backend, if any, was available. */
    public ToolResult(String content, boolean isError, boolean degraded) {
        this(content, isError, degraded, false);
    }

    public static ToolResult ok(String content) {
        return new ToolResult(content, false, false, false);
    }

    /** A failure caused by the request (bad input, an unknown place): the tool and its backend worked. */
    public static ToolResult error(String message) {
        return new ToolResult(message, true, false, false);
    }

    /** A failure because the tool's backend could not answer (5xx, 429, timeout, connection failure). */
    public static ToolResult unavailable(String message) {
        return new ToolResult(message, true, false, true);
    }

    /**
     * What the model sees when {@code tool} did not answer within its deadline ({@code after}): a backend that could
     * not answer in time, so a {@link #unavailable} result.
     */
    public static ToolResult timedOut(String tool, Duration after) {
        return unavailable(tool + " timed out after " + Durations.format(after));
    }

    /** An answer given by a policy instead of the tool. */
    public static ToolResult degraded(String message) {
        return new ToolResult(message, true, true, false);
    }
}
