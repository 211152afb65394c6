package dev.mainstay.bench.cost;

import dev.mainstay.agent.RunResult;
import dev.mainstay.bench.harness.Args;
import dev.mainstay.cost.BillingMode;
import dev.mainstay.cost.Cost;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.model.Usage;
import dev.mainstay.runtime.MainstayRuntime;
import dev.mainstay.runtime.RuntimeOptions;
import dev.mainstay.runtime.config.MainstayConfig;
import dev.mainstay.sim.FaultProfile;
import dev.mainstay.sim.Simulator;
import dev.mainstay.sim.SimulatorConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ledger accuracy: a scripted multi-turn workload with prompt caching on (the reference agent marks its system prompt
 * and tools as a cache breakpoint) runs through {@link MainstayRuntime} against the simulator, once without and once
 * with streaming. A {@link RecordingProxy} between the Claude client and the simulator keeps every raw
 * {@code /v1/messages} response; the benchmark prices those bytes itself ({@link RawUsage}, {@link PublishedRates})
 * and compares, for every token kind, the tokens and dollars with what Mainstay recorded: the journal's model steps
 * (their billed attempts) and the runs' totals. Exit status 1 when anything differs by a cent or a token.
 *
 * <p>{@code --rounds N} repeats the task list (default 3), {@code --out DIR} where the report goes (default
 * {@code bench/target/cost}).
 */
public final class LedgerAccuracyMain {
    /** Tasks the simulator's brains answer with tool calls (weather, calculator, notes, search) and follow-ups. */
    static final List<String> TASKS = List.of(
            "What's the weather in Lisbon right now?",
            "What is 1234 * 5678?",
            "Save a note titled Milk saying buy 2 litres",
            "List my notes",
            "Search the web for the tallest building in Porto",
            "What's the weather in Paris tomorrow, and what is 15% of 80?",
            "Read my note titled Milk",
            "What is (17 + 25) / 6?");

    /** One pass of the task list: streamed or not, and the faults the simulator injects meanwhile. */
    record Pass(String name, boolean stream, FaultProfile faults) {}

    /**
     * Unary, streaming, and streaming while one request in five is answered {@code 529 overloaded_error}: those
     * are not billed, the retry that follows is, and the ledger must count it once.
     */
    static final List<Pass> PASSES = List.of(
            new Pass("unary", false, FaultProfile.NONE),
            new Pass("streaming", true, FaultProfile.NONE),
            new Pass("streaming, 20 % overloaded", true, FaultProfile.builder().rate529(0.2).build()));

    private LedgerAccuracyMain() {}

    public static void main(String[] argv) throws IOException {
        var args = Args.parse(argv);
        int rounds = args.integerAtLeast("rounds", 3, 1);
        var out = Path.of(args.string("out", System.getProperty("mainstay.bench.dir", "bench") + "/target/cost"));
        args.rejectUnknown();

        var ledger = new Ledger();
        try (var sim = Simulator.start(SimulatorConfig.defaults().withSeed(14));
                var proxy = RecordingProxy.start(sim.baseUrl())) {
            for (var pass : PASSES) {
                boolean stream = pass.stream();
                sim.setFaults(pass.faults());
                var home = Files.createTempDirectory("mainstay-ledger");
                var world = sim.baseUrl() + "/world";
                var env = new LinkedHashMap<String, String>();
                env.put("ANTHROPIC_API_KEY", "bench-key-for-the-simulator");
                env.put("ANTHROPIC_BASE_URL", proxy.baseUrl().toString());
                env.put("MAINSTAY_STREAM", Boolean.toString(stream));
                env.put("MAINSTAY_NOTES_DB", home.resolve("notes.db").toString());
                env.put("MAINSTAY_WEATHER_GEOCODING_URL", world + "/geocoding");
                env.put("MAINSTAY_WEATHER_FORECAST_URL", world + "/forecast");
                env.put("MAINSTAY_SEARCH_BACKEND", "searxng");
                env.put("SEARXNG_URL", world + "/searxng");
                var config = MainstayConfig.fromEnv(env, home);
                try (var runtime = MainstayRuntime.start(config, RuntimeOptions.defaults())) {
                    for (int round = 0; round < rounds; round++) {
                        for (var task : TASKS) {
                            ledger.add(runtime.run(task), config);
                        }
                    }
                }
            }
            ledger.raw(proxy.exchanges());
        }
        var report = ledger.report(rounds);
        System.out.print(report);
        Files.createDirectories(out);
        Files.writeString(out.resolve("ledger-accuracy.md"), report);
        System.exit(ledger.matches() ? 0 : 1);
    }

    /** What Mainstay recorded and what the provider reported, side by side. */
    static final class Ledger {
        private static final List<String> KINDS = List.of("input", "output", "cache write 5m", "cache write 1h",
                "cache read", "web search");
        private final Map<String, Long> journalTokens = zeros();
        private final Map<String, BigDecimal> journalUsd = zerosUsd();
        private final Map<String, Long> rawTokens = zeros();
        private final Map<String, BigDecimal> rawUsd = zerosUsd();
        private BigDecimal runTotals = BigDecimal.ZERO;
        private BigDecimal stepTotals = BigDecimal.ZERO;
        private BigDecimal rawTotal = BigDecimal.ZERO;
        private Usage runUsage = Usage.ZERO;
        private int runs;
        private int steps;
        private int billedAttempts;
        private int rawResponses;
        private int unbilledResponses;
        private final List<String> priceTables = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();

        void add(RunResult result, MainstayConfig config) {
            runs++;
            runTotals = runTotals.add(known(result.cost(), "run " + result.runId()));
            runUsage = runUsage.plus(result.usage());
            for (var entry : result.steps()) {
                if (!(entry instanceof ModelStep step)) {
                    continue;
                }
                steps++;
                stepTotals = stepTotals.add(known(step.cost(), "step " + step.step() + " of " + result.runId()));
                if (!priceTables.contains(step.priceTable())) {
                    priceTables.add(step.priceTable());
                }
                for (var attempt : step.billed()) {
                    billedAttempts++;
                    var price = config.prices().priceOf(attempt.model()).orElseThrow();
                    var lines = price.lines(attempt.usage(), BillingMode.STANDARD);
                    var u = attempt.usage();
                    add(journalTokens, journalUsd, "input", u.inputTokens(), lines.input());
                    add(journalTokens, journalUsd, "output", u.outputTokens(), lines.output());
                    add(journalTokens, journalUsd, "cache write 5m", u.cacheWrite5mTokens(), lines.cacheWrite5m());
                    add(journalTokens, journalUsd, "cache write 1h", u.cacheWrite1hTokens(), lines.cacheWrite1h());
                    add(journalTokens, journalUsd, "cache read", u.cacheReadInputTokens(), lines.cacheRead());
                    add(journalTokens, journalUsd, "web search", u.webSearchRequests(), lines.webSearch());
                }
            }
        }

        void raw(List<RecordingProxy.Exchange> exchanges) {
            for (var exchange : exchanges) {
                if (exchange.status() != 200) {
                    unbilledResponses++;
                    continue;
                }
                rawResponses++;
                var u = RawUsage.of(exchange);
                var rates = PublishedRates.forModel(u.model());
                var lines = new BigDecimal[] {
                        PublishedRates.tokens(u.input(), rates.input()),
                        PublishedRates.tokens(u.output(), rates.output()),
                        PublishedRates.tokens(u.write5m(), rates.write5m()),
                        PublishedRates.tokens(u.write1h(), rates.write1h()),
                        PublishedRates.tokens(u.read(), rates.read()),
                        rates.webSearchPer1k().multiply(BigDecimal.valueOf(u.webSearches()))
                                .divide(BigDecimal.valueOf(1000))};
                long[] counts = {u.input(), u.output(), u.write5m(), u.write1h(), u.read(), u.webSearches()};
                for (int i = 0; i < KINDS.size(); i++) {
                    add(rawTokens, rawUsd, KINDS.get(i), counts[i], lines[i]);
                    rawTotal = rawTotal.add(lines[i]);
                }
            }
        }

        boolean matches() {
            return problems().isEmpty();
        }

        List<String> problems() {
            var all = new ArrayList<>(problems);
            for (var kind : KINDS) {
                if (!journalTokens.get(kind).equals(rawTokens.get(kind))) {
                    all.add(kind + ": the journal has " + journalTokens.get(kind) + ", the provider reported "
                            + rawTokens.get(kind));
                }
                if (cents(journalUsd.get(kind)).compareTo(cents(rawUsd.get(kind))) != 0) {
                    all.add(kind + ": $" + cents(journalUsd.get(kind)) + " in the journal, $"
                            + cents(rawUsd.get(kind)) + " from the raw usage");
                }
            }
            if (cents(runTotals).compareTo(cents(rawTotal)) != 0 || cents(stepTotals).compareTo(cents(rawTotal)) != 0) {
                all.add("totals: runs $" + runTotals + ", steps $" + stepTotals + ", raw $" + rawTotal);
            }
            // stricter than a cent: Mainstay rounds each attempt half-up to 8 places, so the totals may differ by at
            // most half of 10^-8 per attempt
            var bound = new BigDecimal("0.000000005").multiply(BigDecimal.valueOf(Math.max(1, billedAttempts)));
            if (runTotals.subtract(rawTotal).abs().compareTo(bound) > 0) {
                all.add("totals differ by more than per-attempt rounding: runs $" + runTotals + ", raw $" + rawTotal);
            }
            if (billedAttempts != rawResponses) {
                all.add(billedAttempts + " billed attempts in the journal for " + rawResponses + " billed responses");
            }
            var runKinds = new long[] {runUsage.inputTokens(), runUsage.outputTokens(), runUsage.cacheWrite5mTokens(),
                    runUsage.cacheWrite1hTokens(), runUsage.cacheReadInputTokens(), runUsage.webSearchRequests()};
            for (int i = 0; i < KINDS.size(); i++) {
                if (runKinds[i] != rawTokens.get(KINDS.get(i))) {
                    all.add(KINDS.get(i) + ": the runs' totals have " + runKinds[i]);
                }
            }
            return all;
        }

        String report(int rounds) {
            var out = new StringBuilder();
            out.append("Workload: ").append(TASKS.size()).append(" tasks × ").append(rounds)
                    .append(" rounds × ").append(PASSES.size()).append(" passes (")
                    .append(String.join("; ", PASSES.stream().map(Pass::name).toList())).append(") = ").append(runs).append(" runs, ").append(steps)
                    .append(" model steps, ").append(billedAttempts).append(" billed attempts in the journal; ")
                    .append(rawResponses).append(" billed `/v1/messages` responses recorded at the HTTP layer")
                    .append(unbilledResponses == 0 ? "" : " (and " + unbilledResponses + " error responses)")
                    .append(". Price table: ").append(String.join(", ", priceTables)).append(".\n\n");
            out.append("| token kind | tokens, raw HTTP | tokens, journal | USD, from raw usage | USD, journal |"
                    + " match |\n|---|---:|---:|---:|---:|---|\n");
            for (var kind : KINDS) {
                boolean same = journalTokens.get(kind).equals(rawTokens.get(kind))
                        && cents(journalUsd.get(kind)).compareTo(cents(rawUsd.get(kind))) == 0;
                out.append(String.format("| %s | %,d | %,d | %s | %s | %s |%n", kind, rawTokens.get(kind),
                        journalTokens.get(kind), exact(rawUsd.get(kind)), exact(journalUsd.get(kind)),
                        same ? "yes" : "**no**"));
            }
            out.append(String.format("| **total** | | | %s | %s (steps), %s (runs) | %s |%n", exact(rawTotal),
                    exact(stepTotals), exact(runTotals), matches() ? "yes, to the cent" : "**no**"));
            out.append("\nDifference runs − raw: $").append(runTotals.subtract(rawTotal).toPlainString())
                    .append(" (allowed: half of $0.00000001 per attempt, Mainstay's rounding of each attempt to 8"
                            + " places; the cent check is the issue's bar).\n");
            var problems = problems();
            if (!problems.isEmpty()) {
                out.append("\nMismatches:\n");
                problems.forEach(p -> out.append("- ").append(p).append('\n'));
            }
            return out.toString();
        }

        private BigDecimal known(Cost cost, String what) {
            if (!cost.isKnown()) {
                problems.add(what + " has no known cost: " + cost.unknownReason().orElse(""));
            }
            return cost.pricedUsd();
        }

        private static void add(Map<String, Long> tokens, Map<String, BigDecimal> usd, String kind, long count,
                BigDecimal dollars) {
            tokens.merge(kind, count, Long::sum);
            usd.merge(kind, dollars, BigDecimal::add);
        }

        private static Map<String, Long> zeros() {
            var map = new LinkedHashMap<String, Long>();
            KINDS.forEach(k -> map.put(k, 0L));
            return map;
        }

        private static Map<String, BigDecimal> zerosUsd() {
            var map = new LinkedHashMap<String, BigDecimal>();
            KINDS.forEach(k -> map.put(k, BigDecimal.ZERO));
            return map;
        }

        private static BigDecimal cents(BigDecimal usd) {
            return usd.setScale(2, RoundingMode.HALF_UP);
        }

        private static String exact(BigDecimal usd) {
            return "$" + usd.setScale(8, RoundingMode.HALF_UP).toPlainString();
        }
    }
}
