package dev.mainstay.costcontrol;

import dev.mainstay.cost.PriceTable;
import dev.mainstay.cost.WorstCase;
import dev.mainstay.cost.WorstCaseRates;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.TokenEstimator;
import dev.mainstay.model.ToolDefinition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link BudgetInterceptor}'s worst cases: a request's {@link WorstCase} at the dearest of its model and the
 * models a later link may send it to, in whole units. It runs before every model call, so it does the per-call
 * work once and in {@code long}: the rates of each model are resolved from the price table once
 * ({@link WorstCaseRates}; at most {@link #MAX_CACHED_MODELS} request models are remembered, the rest are resolved
 * per call), the request's input is counted once for all the models, and the tokens of its tool declarations (JSON
 * the same for every call of an agent) are counted once per list of the same definitions. The result is exactly
 * what pricing each model with {@link WorstCase} gives. Thread-safe.
 */
final class WorstCasePricer {
    /** Request models whose rates are remembered; a bound, since a request may name any model. */
    static final int MAX_CACHED_MODELS = 256;

    /** The tokens of one list of tool definitions, remembered by the identity of its elements. */
    private record ToolTokens(List<ToolDefinition> tools, long tokens) {
        boolean counts(List<ToolDefinition> other) {
            if (other.size() != tools.size()) {
                return false;
            }
            for (int i = 0; i < tools.size(); i++) {
                if (other.get(i) != tools.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final PriceTable prices;
    private final BigDecimal inputMargin;
    private final List<String> otherModels;
    /** The rates of {@link #otherModels}, in its order; {@code null} where a model has no price. */
    private final List<WorstCaseRates> otherRates;
    private final Map<String, Optional<WorstCaseRates>> byModel = new ConcurrentHashMap<>();
    private volatile ToolTokens lastTools = new ToolTokens(List.of(), 0);

    WorstCasePricer(PriceTable prices, Set<String> otherModels, BigDecimal inputMargin) {
        this.prices = prices;
        this.inputMargin = inputMargin;
        this.otherModels = List.copyOf(otherModels);
        var rates = new ArrayList<WorstCaseRates>();
        for (var model : this.otherModels) {
            rates.add(prices.priceOf(model).map(WorstCaseRates::of).orElse(null));
        }
        this.otherRates = java.util.Collections.unmodifiableList(rates);
    }

    /**
     * The worst case of {@code request} in units at the dearest of its model and the other models, or -1 when one of
     * them has no price.
     */
    long units(ModelRequest request) {
        long input = WorstCase.inputTokens(TokenEstimator.estimateInput(request, toolTokens(request.tools())),
                inputMargin);
        var own = rates(request.model());
        if (own.isEmpty()) {
            return -1;
        }
        long worst = own.get().units(input, request.maxTokens());
        for (int i = 0; i < otherModels.size(); i++) {
            if (otherModels.get(i).equals(request.model())) {
                continue;
            }
            var rates = otherRates.get(i);
            if (rates == null) {
                return -1;
            }
            worst = Math.max(worst, rates.units(input, request.maxTokens()));
        }
        return worst;
    }

    /**
     * The worst case of {@code request} at the dearest model, exact, for sizing a call down; empty when a model has
     * no price. The first of equally dear models, the request's own first.
     */
    Optional<WorstCase> dearest(ModelRequest request) {
        long input = WorstCase.inputTokens(TokenEstimator.estimateInput(request, toolTokens(request.tools())),
                inputMargin);
        var own = rates(request.model());
        if (own.isEmpty()) {
            return Optional.empty();
        }
        var dearest = own.get();
        long worst = dearest.units(input, request.maxTokens());
        for (int i = 0; i < otherModels.size(); i++) {
            if (otherModels.get(i).equals(request.model())) {
                continue;
            }
            var rates = otherRates.get(i);
            if (rates == null) {
                return Optional.empty();
            }
            long units = rates.units(input, request.maxTokens());
            if (units > worst) {
                dearest = rates;
                worst = units;
            }
        }
        return Optional.of(WorstCase.of(input, request.maxTokens(), dearest.price()));
    }

    private Optional<WorstCaseRates> rates(String model) {
        var known = byModel.get(model);
        if (known != null) {
            return known;
        }
        var resolved = prices.priceOf(model).map(WorstCaseRates::of);
        if (byModel.size() < MAX_CACHED_MODELS) {
            byModel.putIfAbsent(model, resolved);
        }
        return resolved;
    }

    private long toolTokens(List<ToolDefinition> tools) {
        var last = lastTools;
        if (last.counts(tools)) {
            return last.tokens();
        }
        long tokens = TokenEstimator.estimateTools(tools);
        lastTools = new ToolTokens(List.copyOf(tools), tokens);
        return tokens;
    }
}
