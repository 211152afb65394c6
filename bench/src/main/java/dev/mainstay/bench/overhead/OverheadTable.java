package dev.mainstay.bench.overhead;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.bench.harness.Percentiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Turns the results of every round into the report: each figure of each stack as a ratio to the raw SDK measured in
 * the same round (the machine is shared and absolute figures drift between rounds, so only same-round ratios are
 * compared), summarized as the median over rounds with the lowest and highest round beside it.
 *
 * <p>Immutable once built; not thread-safe while rounds are added.
 */
final class OverheadTable {
    /** A target of the issue: {@code stack}'s {@code metric} ratio at most {@code limit}. */
    record Target(String stack, Metric metric, double limit) {}

    static final List<Target> TARGETS = List.of(
            new Target("mainstay-full", Metric.CPU_C1, 1.10),
            new Target("mainstay-full", Metric.CPU_C32, 1.10),
            new Target("mainstay-full", Metric.ALLOC_C1, 1.15),
            new Target("mainstay-bare", Metric.CPU_C1, 1.03));

    static final List<Metric> AHEAD_OF_PEERS = List.of(Metric.CPU_C1, Metric.P50_C1, Metric.P99_C1, Metric.THROUGHPUT);
    static final List<String> PEERS = List.of("langchain4j", "spring-ai");

    /** A figure over all rounds: median, lowest and highest, and how many rounds had it. */
    record Summary(double median, double low, double high, int rounds) {
        static Optional<Summary> of(List<Double> values) {
            if (values.isEmpty()) {
                return Optional.empty();
            }
            var array = values.stream().mapToDouble(Double::doubleValue).toArray();
            double low = Double.MAX_VALUE;
            double high = -Double.MAX_VALUE;
            for (var v : array) {
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
            return Optional.of(new Summary(Percentiles.median(array), low, high, array.length));
        }
    }

    private final List<String> stacks;
    private final List<Map<String, JsonNode>> rounds = new ArrayList<>();

    OverheadTable(List<String> stacks) {
        if (stacks.isEmpty() || !stacks.getFirst().equals(StackDefinition.RAW)) {
            throw new IllegalArgumentException("the first stack must be raw, the baseline, but stacks were " + stacks);
        }
        this.stacks = List.copyOf(stacks);
    }

    /** Adds one round: each stack's result object; a stack that failed in this round is simply absent. */
    void addRound(Map<String, JsonNode> results) {
        rounds.add(new LinkedHashMap<>(results));
    }

    int rounds() {
        return rounds.size();
    }

    /** The stack's figure divided by raw's in each round where both exist. */
    List<Double> ratios(String stack, Metric metric) {
        var ratios = new ArrayList<Double>();
        for (var round : rounds) {
            var raw = value(round, StackDefinition.RAW, metric);
            var mine = value(round, stack, metric);
            if (raw.isPresent() && mine.isPresent() && raw.getAsDouble() > 0) {
                ratios.add(mine.getAsDouble() / raw.getAsDouble());
            }
        }
        return ratios;
    }

    Optional<Summary> ratio(String stack, Metric metric) {
        return Summary.of(ratios(stack, metric));
    }

    Optional<Summary> absolute(String stack, Metric metric) {
        var values = new ArrayList<Double>();
        for (var round : rounds) {
            value(round, stack, metric).ifPresent(values::add);
        }
        return Summary.of(values);
    }

    /** The ratio table: raw in absolute figures, every other stack as ratios to raw. */
    String ratioTable() {
        var out = new StringBuilder();
        header(out, "figure (median over rounds)");
        for (var metric : Metric.values()) {
            out.append("| ").append(metric.label).append(" |");
            for (var stack : stacks) {
                out.append(' ').append(stack.equals(StackDefinition.RAW) ? absoluteCell(stack, metric)
                        : ratio(stack, metric).map(s -> format("%.2f× (%.2f–%.2f)", s.median(), s.low(), s.high()))
                                .orElse("–")).append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Every stack's absolute figures (medians over rounds): for orientation only, they drift with the machine. */
    String absoluteTable() {
        var out = new StringBuilder();
        header(out, "figure (absolute, median)");
        for (var metric : Metric.values()) {
            out.append("| ").append(metric.label).append(" |");
            for (var stack : stacks) {
                out.append(' ').append(absoluteCell(stack, metric)).append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** One line per target of the issue, saying whether the median ratio meets it. */
    List<String> verdicts() {
        var lines = new ArrayList<String>();
        for (var target : TARGETS) {
            if (!stacks.contains(target.stack())) {
                continue;
            }
            ratio(target.stack(), target.metric()).ifPresent(s -> lines.add(format("%s %s: %.2f× (target ≤ %.2f×) — %s",
                    target.stack(), target.metric().label, s.median(), target.limit(),
                    s.median() <= target.limit() ? "met" : "MISSED")));
        }
        for (var peer : PEERS) {
            if (!stacks.contains(peer) || !stacks.contains("mainstay-full")) {
                continue;
            }
            for (var metric : AHEAD_OF_PEERS) {
                var ours = ratio("mainstay-full", metric);
                var theirs = ratio(peer, metric);
                if (ours.isPresent() && theirs.isPresent()) {
                    boolean ahead = metric.higherIsBetter ? ours.get().median() > theirs.get().median()
                            : ours.get().median() < theirs.get().median();
                    lines.add(format("mainstay-full vs %s, %s: %.2f× vs %.2f× — %s", peer, metric.label,
                            ours.get().median(), theirs.get().median(), ahead ? "ahead" : "NOT ahead"));
                }
            }
        }
        return lines;
    }

    private void header(StringBuilder out, String first) {
        out.append("| ").append(first).append(" |");
        stacks.forEach(s -> out.append(' ').append(s).append(" |"));
        out.append("\n|---|");
        stacks.forEach(s -> out.append("---|"));
        out.append('\n');
    }

    private String absoluteCell(String stack, Metric metric) {
        return absolute(stack, metric).map(s -> format(s.median() >= 100 ? "%.0f %s" : "%.2f %s", s.median(),
                metric.unit)).orElse("–");
    }

    private static OptionalDouble value(Map<String, JsonNode> round, String stack, Metric metric) {
        var result = round.get(stack);
        return result == null ? OptionalDouble.empty() : metric.in(result);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
