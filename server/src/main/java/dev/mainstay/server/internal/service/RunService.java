package dev.mainstay.server.internal.service;

import dev.mainstay.journal.Recorded;
import dev.mainstay.run.RunLimits;
import dev.mainstay.store.Admission;
import dev.mainstay.store.IdempotencyKey;
import dev.mainstay.store.NewRun;
import dev.mainstay.store.OnBusy;
import dev.mainstay.store.Page;
import dev.mainstay.store.Principal;
import dev.mainstay.store.RunFilter;
import dev.mainstay.store.RunRecord;
import dev.mainstay.store.StoredResponse;
import dev.mainstay.store.Store;
import dev.mainstay.time.IdGenerator;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs as the API offers them: submit, read, list, cancel, wait. Every read is scoped by the caller's tenant (by the
 * store) and by its role (here): a run the caller may not see does not exist for it. Thread-safe.
 */
public final class RunService {
    /** How often a wait on a run executing here looks again, should a wake-up be missed; it reads nothing then. */
    static final Duration LOCAL_RECHECK = Duration.ofSeconds(1);
    /** The longest a wait on a run executing elsewhere (or queued) goes without reading it. */
    static final Duration MAX_WAIT_POLL = Duration.ofSeconds(2);

    private final Store store;
    private final IdGenerator ids;
    private final InstantSource clock;
    private final RunSignals signals;
    private final LocalRuns local;
    private final Duration pollInterval;

    public RunService(Store store, IdGenerator ids, InstantSource clock, RunSignals signals, LocalRuns local,
            Duration pollInterval) {
        this.store = Objects.requireNonNull(store, "store");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signals = Objects.requireNonNull(signals, "signals");
        this.local = Objects.requireNonNull(local, "local");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
    }

    /**
     * What a client asks a run to do.
     *
     * @param cacheResponses whether the run opted in to the response cache (kept with the run)
     */
    public record Submission(String input, Optional<String> conversationId, RunLimits limits, OnBusy onBusy,
            Optional<String> traceparent, boolean cacheResponses) {
        public Submission {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(onBusy, "onBusy");
            Objects.requireNonNull(traceparent, "traceparent");
        }

        /** A submission that did not opt in to the response cache. */
        public Submission(String input, Optional<String> conversationId, RunLimits limits, OnBusy onBusy,
                Optional<String> traceparent) {
            this(input, conversationId, limits, onBusy, traceparent, false);
        }
    }

    /**
     * Accepts a run for the caller: stored, queued and the response kept for the key in one transaction; the store
     * wakes the workers after it committed.
     */
    public Admission submit(Principal caller, Submission submission, Optional<IdempotencyKey> key,
            Function<RunRecord, StoredResponse> respond) {
        return submit(caller, submission, key, respond, java.time.Duration.ZERO);
    }

    /**
     * {@link #submit(Principal, Submission, Optional, Function)} for a request that waits for its run after: its key
     * is held for {@code holdKey} (see {@link dev.mainstay.store.Runs#accept(NewRun, Optional,
     * dev.mainstay.store.OnBusy, Function, java.time.Duration)}).
     */
    public Admission submit(Principal caller, Submission submission, Optional<IdempotencyKey> key,
            Function<RunRecord, StoredResponse> respond, java.time.Duration holdKey) {
        var run = new NewRun(ids.next("run"), caller.tenantId(), caller.userId(), submission.conversationId(),
                submission.input(), submission.limits(), submission.traceparent(), clock.instant(),
                submission.cacheResponses());
        return store.runs().accept(run, key, submission.onBusy(), respond, holdKey);
    }

    public Optional<RunRecord> find(Principal caller, String runId) {
        return store.runs().find(caller.tenantId(), runId).filter(run -> Access.canSee(caller, run.userId()));
    }

    /** The run's journal; only for a run the caller could {@link #find}. */
    public List<Recorded> journal(RunRecord run) {
        return store.journal().read(run.id());
    }

    /** Which node wrote each entry of the run's journal, by sequence number; only for a run the caller could find. */
    public java.util.Map<Long, String> journalNodes(RunRecord run) {
        return store.journalNodes(run.id());
    }

    /**
     * The caller's runs, newest first.
     *
     * @param userId for an admin, only this user's runs; a member always sees only its own
     */
    public Page<RunRecord> list(Principal caller, RunFilter filter) {
        var scoped = caller.isAdmin() ? filter : new RunFilter(Optional.of(caller.userId()), filter.status(),
                filter.conversationId(), filter.cursor(), filter.limit());
        return store.runs().list(caller.tenantId(), scoped);
    }

    /**
     * Asks for the run to stop: a queued run is cancelled at once; a running one stops within a lease renewal on
     * whichever node runs it — at once when it runs on this node.
     *
     * @return the run after the request, empty when the caller has no such run
     */
    public Optional<RunRecord> cancel(Principal caller, String runId) {
        if (find(caller, runId).isEmpty()) {
            return Optional.empty();
        }
        var after = store.runs().requestCancel(caller.tenantId(), runId, clock.instant());
        local.cancel(runId);
        signals.executionEnded(runId);
        return after;
    }

    /**
     * Waits until the run has finished, at most {@code max}; returns it as it is then. While the run executes on this
     * node the wait reads nothing — the end of its execution wakes it, and so does its start here — otherwise
     * (queued, or executing on another node) it reads the run after the poll interval, then ever less often, up to
     * {@link #MAX_WAIT_POLL} apart: a thousand waiting requests under a burst would otherwise read thousands of run
     * rows a second. A read that fails is not the request's failure — the run was accepted — so the wait goes on,
     * and at its end the run is returned as last read.
     */
    public RunRecord awaitFinished(RunRecord run, Duration max) throws InterruptedException {
        var deadline = clock.instant().plus(max);
        var current = run;
        var poll = pollInterval;
        while (true) {
            var ticket = signals.statusTicket(run.id());
            var left = Duration.between(clock.instant(), deadline);
            if (local.isExecuting(run.id()) && left.isPositive()) {
                ticket.await(left.compareTo(LOCAL_RECHECK) < 0 ? left : LOCAL_RECHECK);
                continue;
            }
            try {
                current = store.runs().find(run.tenantId(), run.id()).orElse(current);
            } catch (dev.mainstay.store.StoreException e) {
                // the store is overloaded or away for a moment: look again at the next poll
            }
            if (current.status().isFinished() || left.isNegative() || left.isZero()) {
                return current;
            }
            ticket.await(left.compareTo(poll) < 0 ? left : poll);
            poll = poll.multipliedBy(2).compareTo(MAX_WAIT_POLL) > 0 ? MAX_WAIT_POLL : poll.multipliedBy(2);
        }
    }
}
