package dev.mainstay.model;

import dev.mainstay.cost.BilledAttempt;
import dev.mainstay.cost.Cost;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a model call through the chain came to, short of a failure: an answer with its cost, or a policy's refusal.
 * A provider failure (overloaded, timeout, 4xx) is a {@link ModelException}, not an outcome: it is broken
 * infrastructure or a bad request, and the retry and fallback layers decide on it.
 *
 * <p>Either outcome lists the attempts of this logical call that the provider billed ({@link #billed()}): failed
 * attempts that returned usage (a stream that broke off) before a retry or a fallback, and the answer. Each is one
 * ledger entry; the journal's step records their sum.
 */
public sealed interface ModelOutcome {
    /** The attempts the provider billed, oldest first; empty when none was (a refusal, a response-cache hit). */
    List<BilledAttempt> billed();

    /** This outcome with {@code earlier} billed failed attempts of the same logical call in front of its own. */
    ModelOutcome withEarlierBilled(List<BilledAttempt> earlier);

    /**
     * The model answered.
     *
     * @param cost what the provider bills for this logical call: the answer and the billed failed attempts before
     *     it, priced inside the chain where a budget can settle it
     * @param failovers the endpoints this call left before one answered, oldest first; empty when the first did
     * @param billed the billed attempts, the earlier failed ones then the answer; {@code cost} is their sum. Empty
     *     for an answer nothing billed (a response-cache hit) or built without itemising
     * @param route the routing rule that chose the model of this call, empty when none did; the routing link sets
     *     it ({@link #withRoute}), the journal's step keeps it
     * @param cacheHit whether the response cache answered this call ({@link #cachedHit}): nothing reached the
     *     provider, nothing was billed, {@link #usage()} is zero and {@code cost} is zero; {@code response} is the
     *     answer stored from an earlier identical call, its usage what that call was billed
     */
    record Answered(ModelResponse response, Cost cost, List<Failover> failovers, List<BilledAttempt> billed,
            String route, boolean cacheHit) implements ModelOutcome {
        public Answered {
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(cost, "cost");
            failovers = List.copyOf(failovers);
            billed = List.copyOf(billed);
            Objects.requireNonNull(route, "route");
            if (cacheHit && (cost.pricedUsd().signum() != 0 || !cost.isKnown() || !billed.isEmpty())) {
                throw new IllegalArgumentException("a response-cache hit is billed nothing");
            }
        }

        /** A provider's answer (not a response-cache hit). */
        public Answered(ModelResponse response, Cost cost, List<Failover> failovers, List<BilledAttempt> billed,
                String route) {
            this(response, cost, failovers, billed, route, false);
        }

        /** An answer no routing rule chose the model of. */
        public Answered(ModelResponse response, Cost cost, List<Failover> failovers, List<BilledAttempt> billed) {
            this(response, cost, failovers, billed, "", false);
        }

        /** The response cache's answer: {@code stored}, replayed at no cost. */
        public static Answered cachedHit(ModelResponse stored) {
            return new Answered(stored, Cost.ZERO, List.of(), List.of(), "", true);
        }

        /** This answer, its model chosen by the routing rule {@code rule}. */
        public Answered withRoute(String rule) {
            return rule.equals(route) ? this : new Answered(response, cost, failovers, billed, rule, cacheHit);
        }

        /** An answer whose cost is not itemised into billed attempts. */
        public Answered(ModelResponse response, Cost cost, List<Failover> failovers) {
            this(response, cost, failovers, List.of());
        }

        /** The answer of one billed attempt, as the chain's last link makes it. */
        public static Answered billedOnce(ModelResponse response, BilledAttempt attempt) {
            return new Answered(response, attempt.cost(), List.of(), List.of(attempt));
        }

        /**
         * The tokens billed for this logical call: the sum of {@link #billed()}, or the response's usage when the
         * answer is not itemised; zero for a response-cache hit.
         */
        public Usage usage() {
            if (cacheHit) {
                return Usage.ZERO;
            }
            if (billed.isEmpty()) {
                return response.usage();
            }
            var usage = Usage.ZERO;
            for (var attempt : billed) {
                usage = usage.plus(attempt.usage());
            }
            return usage;
        }

        public Answered withFailovers(List<Failover> earlier) {
            if (earlier.isEmpty()) {
                return this;
            }
            var all = new ArrayList<>(earlier);
            all.addAll(failovers);
            return new Answered(response, cost, all, billed, route, cacheHit);
        }

        @Override
        public Answered withEarlierBilled(List<BilledAttempt> earlier) {
            if (earlier.isEmpty()) {
                return this;
            }
            var all = new ArrayList<>(earlier);
            var total = cost;
            for (var attempt : earlier) {
                total = total.plus(attempt.cost());
            }
            if (billed.isEmpty()) {
                // the answer itself was not itemised: keep it countable as one attempt at its own usage and cost
                all.add(new BilledAttempt("", response.model(), response.usage(), cost));
            } else {
                all.addAll(billed);
            }
            return new Answered(response, total, failovers, all, route, false);
        }
    }

    /**
     * A policy refused the call; nothing more reached the provider.
     *
     * @param billed failed attempts of this call the provider billed before the refusal (a retry that was then
     *     refused by its budget), oldest first; usually empty
     */
    record Refused(Refusal refusal, List<Failover> failovers, List<BilledAttempt> billed) implements ModelOutcome {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
            failovers = List.copyOf(failovers);
            billed = List.copyOf(billed);
        }

        public Refused(Refusal refusal, List<Failover> failovers) {
            this(refusal, failovers, List.of());
        }

        public Refused(Refusal refusal) {
            this(refusal, List.of(), List.of());
        }

        /** The tokens of {@link #billed()}. */
        public Usage usage() {
            var usage = Usage.ZERO;
            for (var attempt : billed) {
                usage = usage.plus(attempt.usage());
            }
            return usage;
        }

        /** What {@link #billed()} cost. */
        public Cost cost() {
            var cost = Cost.ZERO;
            for (var attempt : billed) {
                cost = cost.plus(attempt.cost());
            }
            return cost;
        }

        @Override
        public Refused withEarlierBilled(List<BilledAttempt> earlier) {
            if (earlier.isEmpty()) {
                return this;
            }
            var all = new ArrayList<>(earlier);
            all.addAll(billed);
            return new Refused(refusal, failovers, all);
        }
    }
}
