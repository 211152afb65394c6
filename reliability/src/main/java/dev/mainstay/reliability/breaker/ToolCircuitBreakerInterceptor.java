package dev.mainstay.reliability.breaker;

import dev.mainstay.reliability.breaker.internal.Breaker;
import dev.mainstay.reliability.event.ReliabilityEvent.CallRejected;
import dev.mainstay.reliability.event.ReliabilityEvent.ToolDegraded;
import dev.mainstay.reliability.event.ReliabilityEvent.ToolTimedOut;
import dev.mainstay.reliability.event.ReliabilityListener;
import dev.mainstay.tool.ToolInterceptor;
import dev.mainstay.tool.ToolResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One circuit breaker per tool name. While a tool's breaker is open, calls to it are answered with
 * {@link ToolResult#degraded} ("web_search is unavailable right now (circuit open); answer without it") so the model
 * carries on without the tool.
 *
 * <p>Recorded as failures: a result with {@link ToolResult#backendUnavailable()} (the tool ran but its backend
 * answered 5xx or 429, timed out or refused the connection; the result goes to the model unchanged), a call that
 * ended after its deadline (the loop interrupted it, or it finished too late: a {@code ToolTimedOut} event is
 * emitted too), and an exception that {@code infrastructureFailure} accepts (by
 * default an I/O or timeout exception anywhere in the cause chain); such an exception is also answered with a
 * degraded result instead of failing the run. Any other exception is a bug: it is recorded as a failure and
 * rethrown. An ordinary error result (bad input, unknown city, a 404) is a success: the tool and its backend
 * worked. A degraded result from an inner policy (a full bulkhead) is not recorded: it says nothing about the
 * backend. So repeated unavailable results open the tool's breaker, and from then on the tool is not called.
 *
 * <p>Thread-safe; one instance serves every tool.
 */
public final class ToolCircuitBreakerInterceptor implements ToolInterceptor, BreakerStates {
    /** The default infrastructure predicate: an I/O or timeout exception anywhere in the cause chain. */
    public static final Predicate<Exception> IO_FAILURES = ToolCircuitBreakerInterceptor::isIoFailure;

    private static final Logger LOG = LoggerFactory.getLogger(ToolCircuitBreakerInterceptor.class);

    private final CircuitBreakerConfig config;
    private final InstantSource clock;
    private final ReliabilityListener listener;
    private final Predicate<Exception> infrastructureFailure;
    private final ConcurrentHashMap<String, Breaker> breakers = new ConcurrentHashMap<>();

    public ToolCircuitBreakerInterceptor(
            CircuitBreakerConfig config, InstantSource clock, ReliabilityListener listener) {
        this(config, clock, listener, IO_FAILURES);
    }

    public ToolCircuitBreakerInterceptor(
            CircuitBreakerConfig config,
            InstantSource clock,
            ReliabilityListener listener,
            Predicate<Exception> infrastructureFailure) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = ReliabilityListener.safe(listener);
        this.infrastructureFailure = Objects.requireNonNull(infrastructureFailure, "infrastructureFailure");
    }

    @Override
    public ToolResult intercept(Chain chain) throws Exception {
        var tool = chain.spec().name();
        var runId = chain.context().runId();
        var breaker = breakers.computeIfAbsent(tool, t -> new Breaker(breakerName(t), config, clock, listener));
        if (!breaker.tryAcquire(runId)) {
            listener.onEvent(new CallRejected(runId, "circuit-breaker:" + breaker.name(), "circuit_open"));
            listener.onEvent(new ToolDegraded(runId, tool, "circuit_open"));
            return ToolResult.degraded(tool + " is unavailable right now (circuit open); answer without it");
        }
        var start = clock.instant();
        ToolResult result;
        try {
            result = chain.proceed();
        } catch (InterruptedException interrupted) {
            if (timedOut(chain)) {
                recordTimeout(breaker, runId, tool, start);
            } else {
                breaker.onIgnored(); // the run was cancelled: says nothing about the tool
            }
            throw interrupted;
        } catch (Exception failure) {
            breaker.onFailure(runId, since(start), failure);
            if (!infrastructureFailure.test(failure)) {
                throw failure;
            }
            LOG.warn("tool {} failed with {}; answering with a degraded result", tool, failure.getClass().getName());
            listener.onEvent(new ToolDegraded(runId, tool, "tool_failed"));
            return ToolResult.degraded(tool + " is unavailable right now (it failed); answer without it");
        } catch (Error bug) {
            breaker.onIgnored();
            throw bug;
        }
        if (result.degraded()) {
            breaker.onIgnored();
        } else if (timedOut(chain)) {
            recordTimeout(breaker, runId, tool, start);
        } else if (result.backendUnavailable()) {
            breaker.onFailure(runId, since(start), new BackendUnavailableException(tool + ": " + result.content()));
        } else {
            breaker.onSuccess(runId, since(start));
        }
        return result;
    }

    /** Whether the call ran past its deadline — the earlier of the tool's timeout and the run's deadline. */
    private static boolean timedOut(Chain chain) {
        return chain.context().deadline().isExpired();
    }

    private void recordTimeout(Breaker breaker, String runId, String tool, Instant start) {
        var elapsed = since(start);
        breaker.onFailure(runId, elapsed, new TimeoutException(tool + " timed out"));
        listener.onEvent(new ToolTimedOut(runId, tool, elapsed));
    }

    private Duration since(Instant start) {
        var elapsed = Duration.between(start, clock.instant());
        return elapsed.isNegative() ? Duration.ZERO : elapsed;
    }

    private static String breakerName(String tool) {
        return "tool:" + tool;
    }

    /** The state of {@code tool}'s breaker; {@link BreakerState#CLOSED} for a tool never called. */
    public BreakerState state(String tool) {
        var breaker = breakers.get(tool);
        return breaker == null ? BreakerState.CLOSED : breaker.state();
    }

    /** States of the breakers of every tool called so far, by breaker name ({@code tool:<name>}). */
    @Override
    public Map<String, BreakerState> states() {
        var snapshot = new TreeMap<String, BreakerState>();
        breakers.values().forEach(b -> snapshot.put(b.name(), b.state()));
        return snapshot;
    }

    /** What the breaker records for an unavailable-backend result; never thrown. */
    private static final class BackendUnavailableException extends IOException {
        BackendUnavailableException(String message) {
            super(message, null);
        }
    }

    private static boolean isIoFailure(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException || t instanceof UncheckedIOException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
