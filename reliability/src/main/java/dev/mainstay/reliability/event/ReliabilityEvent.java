package dev.mainstay.reliability.event;

import dev.mainstay.reliability.breaker.BreakerState;
import java.time.Duration;
import java.util.Objects;

/**
 * Something a reliability policy did. Sealed: a listener's {@code switch} without {@code default} stops compiling
 * when a new kind of event is added. Every event carries the run whose call it concerns ({@code runId}; for a breaker
 * transition, the run whose call moved the breaker; empty when no run was involved). Events carry names and stable
 * codes only, never request content, messages from the provider or credentials.
 */
public sealed interface ReliabilityEvent {
    /** The run whose call this event concerns, empty when none. */
    String runId();

    /** A failed attempt will be retried after {@code delay}. {@code attempt} is the attempt that failed, from 1. */
    record RetryScheduled(String runId, String endpoint, int attempt, Duration delay, String causeCode) implements ReliabilityEvent {
        public RetryScheduled {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(delay, "delay");
            Objects.requireNonNull(causeCode, "causeCode");
        }
    }

    /**
     * A retryable failure was not retried any more: {@code reason} is {@code max_attempts}, {@code deadline},
     * {@code content_delivered}, {@code circuit_open} (the endpoint's breaker opened meanwhile) or {@code cancelled}.
     */
    record RetryGaveUp(String runId, String endpoint, int attempts, String causeCode, String reason) implements ReliabilityEvent {
        public RetryGaveUp {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(causeCode, "causeCode");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A retry was refused because the endpoint's retry budget is empty; the last error was thrown. */
    record RetryBudgetExhausted(String runId, String endpoint, int attempts, String causeCode) implements ReliabilityEvent {
        public RetryBudgetExhausted {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(causeCode, "causeCode");
        }
    }

    /** A circuit breaker moved from one state to another. */
    record BreakerStateChanged(String runId, String name, BreakerState from, BreakerState to) implements ReliabilityEvent {
        public BreakerStateChanged {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * A policy refused a call without running it. {@code policy} is e.g. {@code circuit-breaker:anthropic},
     * {@code concurrency-limit}, {@code bulkhead:web_search}; {@code reason} a stable code such as
     * {@code circuit_open}.
     */
    record CallRejected(String runId, String policy, String reason) implements ReliabilityEvent {
        public CallRejected {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The endpoint {@code from} failed with {@code causeCode}; the call moves on to the endpoint {@code to}. */
    record FallbackUsed(String runId, String from, String to, String causeCode) implements ReliabilityEvent {
        public FallbackUsed {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(causeCode, "causeCode");
        }
    }

    /** An adaptive concurrency limit changed. */
    record LimitChanged(String runId, String name, int oldLimit, int newLimit) implements ReliabilityEvent {
        public LimitChanged {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A policy answered a tool call in place of the tool (breaker open, bulkhead full, infrastructure failure).
     * {@code reason} is {@code circuit_open}, {@code bulkhead_full} or {@code tool_failed}.
     */
    record ToolDegraded(String runId, String tool, String reason) implements ReliabilityEvent {
        public ToolDegraded {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A tool call ran past its deadline and was interrupted. */
    record ToolTimedOut(String runId, String tool, Duration after) implements ReliabilityEvent {
        public ToolTimedOut {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(after, "after");
        }
    }
}
