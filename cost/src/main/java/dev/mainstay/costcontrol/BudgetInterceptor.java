package dev.mainstay.costcontrol;

import dev.mainstay.cost.Budgets;
import dev.mainstay.cost.Cost;
import dev.mainstay.cost.PriceTable;
import dev.mainstay.cost.Reservation;
import dev.mainstay.cost.ReservationRequest;
import dev.mainstay.cost.UsdUnits;
import dev.mainstay.cost.WorstCase;
import dev.mainstay.model.CallContext;
import dev.mainstay.model.ModelException;
import dev.mainstay.model.ModelInterceptor;
import dev.mainstay.model.ModelOutcome;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.Refusal;
import dev.mainstay.time.Sleeper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link dev.mainstay.model.ModelChain.Slot#BUDGET} link: reserve before, settle after. Before a call it
 * reserves the call's {@link WorstCase} on every budget of the run's tenant and user ({@link Budgets#reserve}, one
 * atomic step of the store); a call whose reservation does not fit is not sent. It is first retried smaller — the
 * largest {@code max_tokens} that fits, when at least {@link BudgetPolicy#minMaxTokens()} — then on
 * {@link BudgetPolicy#cheaperModel()}; if nothing fits, the outcome is a {@link Refusal.Scope#BUDGET} refusal
 * ({@code budget_exceeded}) and the loop stops the run as {@code budget_exceeded}, its journal intact.
 *
 * <p>A call refused only because calls in flight hold the budget — its settled spend would leave room for this one
 * — first waits for them, polling with a backoff from {@link #FIRST_POLL} to {@link #MAX_POLL}, for at most
 * {@link BudgetPolicy#maxWait()} and the run's remaining deadline: a burst of calls is then served in turn instead
 * of refused while the money is only held. A call the settled spend leaves no room for is degraded or refused at
 * once.
 *
 * <p>After the call it settles what the provider billed — the answer and any billed failed attempts (a stream that
 * broke off), also when the call failed — and releases the rest; a call that failed unbilled or was cancelled
 * releases all of it. An answer whose cost is not known (an unpriced model further down) is settled at its worst
 * case. When the budget store cannot be written the call is refused ({@code budget_unavailable}) unless
 * {@link BudgetPolicy#failOpen()}; when settling fails the reservation lapses at its expiry (logged, counted).
 *
 * <p>The worst case is priced at the dearest of the request's model and {@code otherModels}, the models a later
 * link may send the call to (fallback endpoints with a model of their own, routing targets). Its reservation
 * expires after the run's deadline plus {@link BudgetPolicy#expiryGrace()}, at most {@link BudgetPolicy#maxHold()}.
 *
 * <p>Metrics: {@code mainstay.budget.reservations} by {@code outcome} (reserved, degraded, refused, unavailable,
 * unreserved), {@code mainstay.budget.waits} by {@code outcome} (reserved, refused: calls that waited
 * for calls in flight), {@code mainstay.budget.settle.failures}. Thread-safe.
 */
public final class BudgetInterceptor implements ModelInterceptor {
    /** The policy name in refusals. */
    public static final String POLICY = "budget";
    public static final String EXCEEDED = "budget_exceeded";
    public static final String UNAVAILABLE = "budget_unavailable";
    public static final String UNPRICED = "budget_unpriced_model";

    /** The first pause of a call waiting for the calls in flight to settle. */
    static final Duration FIRST_POLL = Duration.ofMillis(20);
    /** The longest pause between two reservation attempts of a waiting call. */
    static final Duration MAX_POLL = Duration.ofMillis(500);

    private static final Logger log = LoggerFactory.getLogger(BudgetInterceptor.class);

    /** The outcomes of {@code mainstay.budget.reservations}, indexes into {@link #reservationCounters}. */
    private static final String[] OUTCOMES = {"reserved", "degraded", "refused", "unavailable", "unreserved"};
    private static final int RESERVED = 0;
    private static final int DEGRADED = 1;
    private static final int REFUSED = 2;
    private static final int UNAVAILABLE_OUTCOME = 3;
    private static final int UNRESERVED = 4;

    private final Budgets budgets;
    private final WorstCasePricer pricer;
    private final BudgetPolicy policy;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private final MeterRegistry metrics;
    /** Registered on first use (so a meter appears once it counts), then reused: no lookup by tag per call. */
    private final AtomicReferenceArray<Counter> reservationCounters = new AtomicReferenceArray<>(OUTCOMES.length);
    private final AtomicReferenceArray<Counter> waitCounters = new AtomicReferenceArray<>(2);

    /**
     * @param otherModels the models a later link may send a call to, whatever the request names
     * @param sleeper how a call waiting for the calls in flight pauses
     */
    public BudgetInterceptor(Budgets budgets, PriceTable prices, Set<String> otherModels, BudgetPolicy policy,
            InstantSource clock, Sleeper sleeper, MeterRegistry metrics) {
        this.budgets = Objects.requireNonNull(budgets, "budgets");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.pricer = new WorstCasePricer(Objects.requireNonNull(prices, "prices"), Set.copyOf(otherModels),
                policy.inputMargin());
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public ModelOutcome intercept(Chain chain) {
        var context = chain.context();
        var request = chain.request();
        Reservation.Refused refused = null;
        boolean degraded = false;
        // the candidates, in order: the request, it as small as fits, then (when configured) both on the cheaper model
        for (int i = 0; i < 4; i++) {
            var candidate = i < 2 ? request : cheaper(request);
            if (candidate == null) {
                break;
            }
            if (i % 2 == 1) {
                // the smaller variant of the previous candidate: as large as the refusing budget can still hold
                var sized = smaller(candidate, refused);
                if (sized.isEmpty()) {
                    continue;
                }
                candidate = sized.get();
            }
            long worst = pricer.units(candidate);
            if (worst < 0) {
                return unpriced(chain, candidate, context);
            }
            Reservation reservation;
            try {
                reservation = reserveWaiting(context, UsdUnits.usd(worst));
            } catch (RuntimeException e) {
                return unavailable(chain, candidate, e);
            }
            switch (reservation) {
                case Reservation.Reserved reserved -> {
                    count(degraded ? DEGRADED : RESERVED);
                    if (degraded) {
                        log.info("budget: call of run {} degraded to {} with max_tokens {} to fit", context.runId(),
                                candidate.model(), candidate.maxTokens());
                    }
                    return proceed(chain, candidate, reserved);
                }
                case Reservation.Refused no -> {
                    refused = no;
                    degraded = true;
                }
            }
        }
        count(REFUSED);
        var refusal = new Refusal(POLICY, EXCEEDED, refused.message(), Refusal.Scope.BUDGET, "");
        return new ModelOutcome.Refused(refusal);
    }

    /** {@code request} on {@link BudgetPolicy#cheaperModel()}; {@code null} when there is none or it is the same. */
    private ModelRequest cheaper(ModelRequest request) {
        var cheaper = policy.cheaperModel();
        return cheaper.isEmpty() || cheaper.get().equals(request.model()) ? null : request.withModel(cheaper.get());
    }

    /**
     * Reserves {@code amount}; while it is refused only because calls in flight hold the budget, waits for them with
     * a backoff, within {@link BudgetPolicy#maxWait()} and the run's deadline.
     */
    private Reservation reserveWaiting(CallContext context, BigDecimal amount) {
        var until = clock.instant().plus(min(policy.maxWait(), context.deadline().remaining()));
        var pause = FIRST_POLL;
        boolean waited = false;
        while (true) {
            var reservation = budgets.reserve(request(context, amount));
            if (!(reservation instanceof Reservation.Refused refused) || !heldOnly(refused)
                    || context.cancellation().isCancelled() || !clock.instant().plus(pause).isBefore(until)) {
                if (waited) {
                    countWait(reservation instanceof Reservation.Reserved ? 0 : 1);
                }
                return reservation;
            }
            waited = true;
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return reservation;
            }
            pause = min(pause.multipliedBy(2), MAX_POLL);
        }
    }

    /** Whether the refused amount fits the budget's settled spend: only the reservations in flight are in the way. */
    private static boolean heldOnly(Reservation.Refused refused) {
        var budget = refused.budget();
        return budget.reservedUsd().signum() > 0
                && budget.spentUsd().add(refused.askedUsd()).compareTo(budget.limit().limitUsd()) <= 0;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private Optional<ModelRequest> smaller(ModelRequest request, Reservation.Refused refused) {
        if (policy.minMaxTokens() == 0) {
            return Optional.empty();
        }
        var worst = pricer.dearest(request);
        if (worst.isEmpty()) {
            return Optional.empty();
        }
        int fits = worst.get().maxTokensWithin(refused.availableUsd());
        if (fits < policy.minMaxTokens() || fits >= request.maxTokens()) {
            return Optional.empty();
        }
        return Optional.of(request.withMaxTokens(fits));
    }

    private ModelOutcome proceed(Chain chain, ModelRequest request, Reservation.Reserved reserved) {
        ModelOutcome outcome;
        try {
            outcome = chain.proceed(request);
        } catch (ModelException e) {
            settle(reserved, e.billedCost());
            throw e;
        } catch (RuntimeException | Error e) {
            settle(reserved, Cost.ZERO);
            throw e;
        }
        settle(reserved, switch (outcome) {
            case ModelOutcome.Answered answered -> answered.cost();
            case ModelOutcome.Refused refusedBelow -> refusedBelow.cost();
        });
        return outcome;
    }

    private void settle(Reservation.Reserved reserved, Cost cost) {
        if (reserved.holdsNothing()) {
            return;
        }
        // a cost that is not known is settled at the worst case that was reserved for it
        var actual = cost.isKnown() ? cost.pricedUsd() : reserved.amountUsd();
        try {
            budgets.settle(reserved, actual, clock.instant());
        } catch (RuntimeException e) {
            Counter.builder("mainstay.budget.settle.failures").description("Budget reservations that could not be "
                    + "settled; they lapse at their expiry").register(metrics).increment();
            log.warn("budget: could not settle reservation {} of run {} (${}); it lapses at {}: {}", reserved.id(),
                    reserved.runId(), actual.toPlainString(), reserved.expiresAt(), e.toString());
        }
    }

    private ModelOutcome unavailable(Chain chain, ModelRequest request, RuntimeException e) {
        if (policy.failOpen()) {
            count(UNRESERVED);
            log.warn("budget: the budget store cannot be written; sending the call of run {} unreserved (fail-open):"
                    + " {}", chain.context().runId(), e.toString());
            return chain.proceed(request);
        }
        count(UNAVAILABLE_OUTCOME);
        log.warn("budget: the budget store cannot be written; refusing the call of run {} (fail-closed): {}",
                chain.context().runId(), e.toString());
        return new ModelOutcome.Refused(new Refusal(POLICY, UNAVAILABLE, "the budget store cannot be written, so "
                + "the call's cost cannot be reserved; it was not sent", Refusal.Scope.BUDGET, ""));
    }

    /** A model without a price cannot be reserved for: refused when any budget applies, sent when none does. */
    private ModelOutcome unpriced(Chain chain, ModelRequest request, CallContext context) {
        boolean limited;
        try {
            limited = budgets.statuses(context.tenantId(), clock.instant()).stream()
                    .anyMatch(s -> s.key().isTenant() || s.key().userId().equals(context.userId()));
        } catch (RuntimeException e) {
            return unavailable(chain, request, e);
        }
        if (!limited) {
            count(RESERVED);
            return chain.proceed(request);
        }
        count(REFUSED);
        return new ModelOutcome.Refused(new Refusal(POLICY, UNPRICED, "model '" + request.model()
                + "' has no price, so its worst case cannot be reserved against the budget",
                Refusal.Scope.BUDGET, ""));
    }

    private ReservationRequest request(CallContext context, BigDecimal amount) {
        Instant now = clock.instant();
        var hold = context.deadline().remaining();
        if (hold.compareTo(policy.maxHold()) > 0) {
            hold = policy.maxHold();
        }
        return new ReservationRequest(context.runId(), context.tenantId(), context.userId(), amount, now,
                now.plus(hold).plus(policy.expiryGrace()));
    }

    private void count(int outcome) {
        var counter = reservationCounters.get(outcome);
        if (counter == null) {
            counter = Counter.builder("mainstay.budget.reservations").description("Model calls by what their budget "
                    + "reservation came to").tag("outcome", OUTCOMES[outcome]).register(metrics);
            reservationCounters.set(outcome, counter);
        }
        counter.increment();
    }

    /** {@code mainstay.budget.waits}: 0 reserved, 1 refused. */
    private void countWait(int outcome) {
        var counter = waitCounters.get(outcome);
        if (counter == null) {
            counter = Counter.builder("mainstay.budget.waits").description("Model calls that waited for calls in "
                    + "flight to settle, by whether they were then reserved").tag("outcome",
                    outcome == 0 ? "reserved" : "refused").register(metrics);
            waitCounters.set(outcome, counter);
        }
        counter.increment();
    }
}
