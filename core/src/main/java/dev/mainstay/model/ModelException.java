package dev.mainstay.model;

import dev.mainstay.cost.BilledAttempt;
import dev.mainstay.cost.Cost;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Root of every failure of a model call. Sealed: each subclass is one kind of failure with a stable
 * {@link #code()}; one classifier decides which kinds are retried.
 *
 * <p>Messages never contain credentials or request bodies. {@link #contentDelivered()} is true when a streaming
 * call had already passed content to the caller's {@link StreamObserver} before it failed: such a call must not
 * be retried transparently.
 *
 * <p>Like {@link Throwable#addSuppressed}, a failure gathers facts on its way up the chain, each recorded by the
 * layer that knows it: the provider client records the usage the provider billed for the parts of a stream it
 * delivered ({@link #recordBilledUsage}), the chain's last link prices it ({@link #recordBilled}), retry and fallback
 * put the billed attempts before it in front ({@link #addBilled}, so {@link #billed()} lists them all), the retry
 * link says why it stopped retrying ({@link #recordRetryStop}) and the fallback link which endpoints it left
 * ({@link #recordAttempts}). Each is safe to read from any thread.
 */
public abstract sealed class ModelException extends RuntimeException
        permits ModelApiException, ModelConnectionException, ModelTimeoutException, ModelCancelledException {

    private final boolean contentDelivered;
    private final List<Failover> attempts = new CopyOnWriteArrayList<>();
    private final List<BilledAttempt> earlierBilled = new CopyOnWriteArrayList<>();
    private volatile Usage ownUsage = Usage.ZERO;
    private volatile BilledAttempt own;
    private volatile String retryStop = "";

    protected ModelException(String message, boolean contentDelivered, Throwable cause) {
        super(message, cause, false, true);
        this.contentDelivered = contentDelivered;
    }

    /** A stable code for metrics, the journal and problem+json, e.g. {@code overloaded_error}, {@code timeout}. */
    public abstract String code();

    public boolean contentDelivered() {
        return contentDelivered;
    }

    /**
     * Records the endpoints a fallback tried before giving up with this failure, the failing one last. Like
     * {@link Throwable#addSuppressed}, it adds to the exception on its way up; the journal keeps the list.
     */
    public void recordAttempts(List<Failover> tried) {
        attempts.clear();
        attempts.addAll(tried);
    }

    /**
     * The endpoints a fallback link tried, the failing one last; empty when the chain had no fallback link. A call
     * that failed at the first endpoint has one entry.
     */
    public List<Failover> attempts() {
        return List.copyOf(attempts);
    }

    /**
     * Records what the provider billed for this failed attempt: for a stream that broke off, the usage of its
     * {@code message_start} and of the deltas received. Called by the provider client; replaces what was recorded.
     */
    public void recordBilledUsage(Usage usage) {
        this.ownUsage = java.util.Objects.requireNonNull(usage, "usage");
    }

    /**
     * Records this attempt, priced: called once by the chain's last link, which knows the endpoint and holds the
     * prices, when {@link #recordBilledUsage} recorded anything.
     */
    public void recordBilled(BilledAttempt attempt) {
        this.own = java.util.Objects.requireNonNull(attempt, "attempt");
        this.ownUsage = attempt.usage();
    }

    /** Whether {@link #recordBilled} was called. */
    public boolean billedCostRecorded() {
        return own != null;
    }

    /** The usage {@link #recordBilledUsage} recorded for this attempt alone (not the earlier ones). */
    public Usage attemptUsage() {
        return ownUsage;
    }

    /**
     * Adds the billed attempts of {@code earlier} failed attempts of the same logical call (a retry or a fallback
     * that ended in this failure) in front of this one's, so the step that records this failure records everything
     * the call cost. Does nothing for {@code null} or this exception itself.
     */
    public void addBilled(ModelException earlier) {
        if (earlier == null || earlier == this) {
            return;
        }
        addBilled(earlier.billed());
    }

    /** Adds {@code attempts}, billed before this failure in the same logical call, in front of those known. */
    public void addBilled(List<BilledAttempt> attempts) {
        // the same failure may come back up through a link twice (a client that rethrows one instance): an
        // attempt already listed is never listed again
        var known = billed();
        var fresh = attempts.stream().filter(a -> known.stream().noneMatch(k -> k == a)).toList();
        earlierBilled.addAll(0, fresh);
    }

    /**
     * Every attempt of this logical call the provider billed, oldest first, this one last when it was billed:
     * one ledger entry each. Empty when nothing was billed.
     */
    public List<BilledAttempt> billed() {
        var all = new java.util.ArrayList<>(earlierBilled);
        if (own != null) {
            all.add(own);
        }
        return List.copyOf(all);
    }

    /** Tokens the provider billed for this failed call (and the failed attempts before it); zero when none. */
    public Usage billedUsage() {
        var usage = ownUsage;
        for (var attempt : earlierBilled) {
            usage = usage.plus(attempt.usage());
        }
        return usage;
    }

    /** What {@link #billed()} cost; zero when nothing was billed. */
    public Cost billedCost() {
        var cost = own == null ? Cost.ZERO : own.cost();
        for (var attempt : earlierBilled) {
            cost = cost.plus(attempt.cost());
        }
        return cost;
    }

    /**
     * Records why the retry layer stopped retrying this failure, a stable code such as {@code max_attempts},
     * {@code retry_budget_exhausted}, {@code rate_limited}, {@code circuit_open}, {@code half_open_probe},
     * {@code deadline} or {@code not_retryable}.
     */
    public void recordRetryStop(String reason) {
        this.retryStop = java.util.Objects.requireNonNull(reason, "reason");
    }

    /** Why the retry layer stopped retrying, empty when no retry layer saw this failure. */
    public String retryStop() {
        return retryStop;
    }
}
