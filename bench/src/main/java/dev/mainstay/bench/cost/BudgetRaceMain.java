package dev.mainstay.bench.cost;

import dev.mainstay.agent.RunControl;
import dev.mainstay.agent.RunResult;
import dev.mainstay.bench.harness.Args;
import dev.mainstay.cost.BudgetKey;
import dev.mainstay.cost.BudgetPeriod;
import dev.mainstay.cost.Budgets;
import dev.mainstay.cost.Cost;
import dev.mainstay.cost.Reservation;
import dev.mainstay.cost.ReservationRequest;
import dev.mainstay.model.Message;
import dev.mainstay.model.TextBlock;
import dev.mainstay.run.RunRequest;
import dev.mainstay.run.RunStopReason;
import dev.mainstay.runtime.MainstayRuntime;
import dev.mainstay.runtime.RuntimeOptions;
import dev.mainstay.runtime.config.MainstayConfig;
import dev.mainstay.store.Store;
import dev.mainstay.store.StoreConfig;
import dev.mainstay.store.Stores;
import dev.mainstay.time.Cancellation;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The budget race (issue 14): {@code --runs} runs (1,000) start at once against one tenant whose daily budget is
 * {@code --budget} dollars (5), each through {@link MainstayRuntime} — the reference agent, its whole model chain
 * with the BUDGET link first — against the simulator, reserving in the store. Scenarios: one node on SQLite, one
 * node on PostgreSQL, two nodes (two runtimes, two store instances with their own pools) sharing PostgreSQL, and
 * two nodes on PostgreSQL of which one "dies" mid-way: from the moment a quarter of the budget is spent, its budget
 * store stops settling (as a process killed between reserving and settling would) and its later calls are refused
 * (fail-closed); the survivors' sweep ends its lapsed reservations, charging their worst case.
 *
 * <p>Reports per scenario: the settled spend (the store's counter) and the independent sum of what the runs'
 * journals say their calls cost, both of which must be at most the budget; the share of the budget used (target
 * at least 90 %, i.e. not refused early); the reservations left once every run has ended (must be 0); how runs
 * ended. Exit status 1 when a scenario overshoots or leaves a reservation behind.
 *
 * <p>{@code --scenarios sqlite,postgres,postgres-2,postgres-2-kill} (default all), {@code --latency 200ms..600ms}
 * (the simulator's per-call latency, so many calls are in flight at once), {@code --max-wait 30s} (how long a call
 * held back by calls in flight waits: {@code MAINSTAY_BUDGET_MAX_WAIT}), {@code --history-tokens 4000},
 * {@code --out DIR}.
 */
public final class BudgetRaceMain {
    static final String PG_URL = System.getenv().getOrDefault("MAINSTAY_BENCH_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    static final List<String> TASKS = List.of("What is 17.5% of 2,340, rounded to cents?", "What is 1234 * 5678?",
            "What is (17 + 25) / 6?", "What is 6 times 7?");

    record Scenario(String name, boolean postgres, int nodes, boolean kill) {}

    static final Map<String, Scenario> SCENARIOS = Map.of(
            "sqlite", new Scenario("one node, SQLite", false, 1, false),
            "postgres", new Scenario("one node, PostgreSQL", true, 1, false),
            "postgres-2", new Scenario("two nodes, one PostgreSQL", true, 2, false),
            "postgres-2-kill", new Scenario("two nodes, one PostgreSQL, one dies mid-way", true, 2, true));

    record Outcome(Scenario scenario, int runs, BigDecimal budget, BigDecimal settled, BigDecimal journaled,
            BigDecimal reservedAfter, int liveAfter, Map<RunStopReason, Integer> stops, long failedOther,
            int lapsedReleased, Duration took) {
        boolean holds() {
            return settled.compareTo(budget) <= 0 && journaled.compareTo(budget) <= 0 && liveAfter == 0
                    && reservedAfter.signum() == 0;
        }

        BigDecimal usedPercent() {
            return settled.multiply(BigDecimal.valueOf(100)).divide(budget, 2, RoundingMode.HALF_UP);
        }
    }

    private BudgetRaceMain() {}

    public static void main(String[] argv) throws Exception {
        var args = Args.parse(argv);
        int runs = args.integerAtLeast("runs", 1000, 1);
        var budget = new BigDecimal(args.string("budget", "5"));
        var latency = args.string("latency", "200ms..600ms");
        int historyTokens = args.integerAtLeast("history-tokens", 4000, 0);
        var maxWait = args.string("max-wait", "30s");
        var names = args.list("scenarios", List.of("sqlite", "postgres", "postgres-2", "postgres-2-kill"));
        var out = Path.of(args.string("out", System.getProperty("mainstay.bench.dir", "bench") + "/target/cost"));
        args.rejectUnknown();
        var outcomes = new ArrayList<Outcome>();
        for (var name : names) {
            var scenario = SCENARIOS.get(name);
            if (scenario == null) {
                System.err.println("unknown scenario '" + name + "'; known: " + SCENARIOS.keySet());
                System.exit(2);
            }
            System.err.println("budget race: " + scenario.name() + ", " + runs + " runs, $" + budget + " ...");
            var outcome = race(scenario, runs, budget, latency, maxWait, history(historyTokens));
            System.err.println("  settled $" + outcome.settled() + " (" + outcome.usedPercent() + " %), "
                    + outcome.liveAfter() + " reservations left, " + outcome.stops());
            outcomes.add(outcome);
        }
        var report = report(outcomes, runs, budget, latency, maxWait, historyTokens);
        System.out.print(report);
        Files.createDirectories(out);
        Files.writeString(out.resolve("budget-race.md"), report);
        System.exit(outcomes.stream().allMatch(Outcome::holds) ? 0 : 1);
    }

    /**
     * A conversation so far of about {@code tokens} input tokens ({@link dev.mainstay.model.TokenEstimator}: four
     * characters a token), so that {@code --runs} runs ask for more than the budget: each run's calls carry it.
     */
    static List<Message> history(int tokens) {
        if (tokens == 0) {
            return List.of();
        }
        var turn = "Earlier we went over the quarterly figures line by line and checked every subtotal twice. ";
        var text = turn.repeat(Math.max(1, tokens * 4 / 2 / turn.length()));
        return List.of(Message.user(text), Message.assistant(List.of(new TextBlock(text))));
    }

    static Outcome race(Scenario scenario, int runs, BigDecimal budget, String latency, String maxWait,
            List<Message> history) throws Exception {
        var home = Files.createTempDirectory("mainstay-budget-race");
        var schema = "budget_race_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String url;
        if (scenario.postgres()) {
            try (var c = DriverManager.getConnection(PG_URL)) {
                c.createStatement().execute("CREATE SCHEMA " + schema);
            }
            url = PG_URL + "&currentSchema=" + schema;
        } else {
            url = "jdbc:sqlite:" + home.resolve("mainstay.db");
        }
        var clock = InstantSource.system();
        var stores = new ArrayList<Store>();
        var runtimes = new ArrayList<MainstayRuntime>();
        try {
            for (int i = 0; i < scenario.nodes(); i++) {
                stores.add(Stores.open(new StoreConfig(url, Optional.empty(), Optional.empty(), 32,
                        Duration.ofSeconds(30)), clock));
            }
            var store = stores.getFirst();
            var tenant = store.tenants().create("race", clock.instant()).id();
            store.budgets().setLimit(tenant, BudgetKey.TENANT, BudgetPeriod.DAILY, Optional.of(budget),
                    clock.instant());
            var dying = new Dying(stores.getLast().budgets(), store, tenant, budget.divide(BigDecimal.valueOf(4)));
            for (int i = 0; i < scenario.nodes(); i++) {
                Budgets budgets = scenario.kill() && i == scenario.nodes() - 1 ? dying : stores.get(i).budgets();
                var config = MainstayConfig.fromEnv(env(home.resolve("node" + i), latency, maxWait), home);
                runtimes.add(MainstayRuntime.start(config, RuntimeOptions.defaults().withBudgets(budgets)));
            }
            var stops = new EnumMap<RunStopReason, Integer>(RunStopReason.class);
            var journaled = BigDecimal.ZERO;
            long failedOther = 0;
            var started = System.nanoTime();
            var go = new CountDownLatch(1);
            var results = new ArrayList<Future<RunResult>>();
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < runs; i++) {
                    var runtime = runtimes.get(i % runtimes.size());
                    var request = new RunRequest("run_race_" + i, tenant, "user" + (i % 50),
                            TASKS.get(i % TASKS.size()), RunRequest.NO_CONVERSATION, history);
                    results.add(threads.submit(() -> {
                        go.await();
                        return runtime.loop().run(runtime.agent(), request,
                                RunControl.of(request.runId(), Cancellation.NEVER));
                    }));
                }
                go.countDown();
                for (var future : results) {
                    var result = future.get(10, TimeUnit.MINUTES);
                    stops.merge(result.stopReason(), 1, Integer::sum);
                    journaled = journaled.add(known(result.cost()));
                    if (result.stopReason() == RunStopReason.FAILED) {
                        failedOther++;
                    }
                }
            }
            var took = Duration.ofNanos(System.nanoTime() - started);
            int lapsed = 0;
            if (scenario.kill()) {
                // the survivors' housekeeping, once the dead node's reservations have lapsed
                lapsed = store.budgets().expire(Instant.now().plus(Duration.ofMinutes(30)));
            }
            var status = store.budgets().statuses(tenant, clock.instant()).getFirst();
            return new Outcome(scenario, runs, budget, status.spentUsd(), journaled, status.reservedUsd(),
                    store.budgets().liveReservations(tenant), stops, failedOther, lapsed, took);
        } finally {
            runtimes.forEach(MainstayRuntime::close);
            stores.forEach(Store::close);
            if (scenario.postgres()) {
                try (var c = DriverManager.getConnection(PG_URL)) {
                    c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
                } catch (SQLException e) {
                    System.err.println("could not drop schema " + schema + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * The budget store of a node that dies once {@code after} dollars are spent: it still reserves (its calls were
     * in flight) but never settles or releases again, as a node killed between the two would. Its calls still run,
     * so the journals count what they cost; the store only learns of the spend made before.
     */
    static final class Dying implements Budgets {
        private final Budgets delegate;
        private final Store observer;
        private final String tenant;
        private final BigDecimal after;
        private volatile boolean dead;

        Dying(Budgets delegate, Store observer, String tenant, BigDecimal after) {
            this.delegate = delegate;
            this.observer = observer;
            this.tenant = tenant;
            this.after = after;
        }

        @Override
        public Reservation reserve(ReservationRequest request) {
            if (dead) {
                throw new IllegalStateException("this node is dead");
            }
            return delegate.reserve(request);
        }

        @Override
        public void settle(Reservation.Reserved reservation, BigDecimal actualUsd, Instant now) {
            if (!dead && observer.budgets().statuses(tenant, now).getFirst().spentUsd().compareTo(after) >= 0) {
                dead = true;
            }
            if (dead) {
                return;
            }
            delegate.settle(reservation, actualUsd, now);
        }

        @Override
        public int expire(Instant now) {
            return delegate.expire(now);
        }

        @Override
        public void setLimit(String tenantId, String userId, BudgetPeriod period, Optional<BigDecimal> limitUsd,
                Instant now) {
            delegate.setLimit(tenantId, userId, period, limitUsd, now);
        }

        @Override
        public List<dev.mainstay.cost.BudgetStatus> statuses(String tenantId, Instant now) {
            return delegate.statuses(tenantId, now);
        }

        @Override
        public int liveReservations(String tenantId) {
            return delegate.liveReservations(tenantId);
        }
    }

    private static Map<String, String> env(Path home, String latency, String maxWait) throws IOException {
        Files.createDirectories(home);
        var env = new LinkedHashMap<String, String>();
        env.put("MAINSTAY_SIM_LATENCY", latency);
        env.put("MAINSTAY_NOTES_DB", home.resolve("notes.db").toString());
        env.put("MAINSTAY_MODEL_MAX_CONCURRENCY", "1000");
        env.put("MAINSTAY_MODEL_MAX_WAITERS", "2000");
        env.put("MAINSTAY_TOOL_MAX_CONCURRENCY", "1000");
        env.put("MAINSTAY_RUN_DEADLINE", "300s");
        env.put("MAINSTAY_BUDGET_MAX_WAIT", maxWait);
        return env;
    }

    private static BigDecimal known(Cost cost) {
        return cost.usd().orElseThrow(() -> new IllegalStateException("a run's cost is not known: "
                + cost.unknownReason().orElse("")));
    }

    static String report(List<Outcome> outcomes, int runs, BigDecimal budget, String latency, String maxWait,
            int historyTokens) {
        var b = new StringBuilder();
        b.append("# Budget race: ").append(runs).append(" concurrent runs against one tenant's $")
                .append(budget.toPlainString()).append(" daily budget\n\n");
        b.append("Simulator latency per model call: ").append(latency).append("; MAINSTAY_BUDGET_MAX_WAIT ")
                .append(maxWait).append(". Every run is the reference agent ")
                .append("(a calculator task: a tool call, then the answer) through the full model chain, the ")
                .append("BUDGET link first, reserving in the store, each carrying a conversation history of about ")
                .append(historyTokens).append(" tokens so that the runs together ask for more than the budget.\n\n");
        b.append("| scenario | settled spend | journaled cost | budget used | reservations left | reserved left ")
                .append("| runs completed | stopped budget_exceeded | other | lapsed, swept | wall time | holds |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (var o : outcomes) {
            int completed = o.stops().getOrDefault(RunStopReason.COMPLETED, 0);
            int budgetStops = o.stops().getOrDefault(RunStopReason.BUDGET_EXCEEDED, 0);
            int other = o.runs() - completed - budgetStops;
            b.append("| ").append(o.scenario().name())
                    .append(" | $").append(o.settled().setScale(6, RoundingMode.HALF_UP).toPlainString())
                    .append(" | $").append(o.journaled().setScale(6, RoundingMode.HALF_UP).toPlainString())
                    .append(" | ").append(o.usedPercent().toPlainString()).append(" %")
                    .append(" | ").append(o.liveAfter())
                    .append(" | $").append(o.reservedAfter().toPlainString())
                    .append(" | ").append(completed).append(" | ").append(budgetStops).append(" | ").append(other)
                    .append(" | ").append(o.lapsedReleased())
                    .append(" | ").append(o.took().toMillis() / 1000.0).append(" s")
                    .append(" | ").append(o.holds() ? "yes" : "**NO**").append(" |\n");
        }
        b.append("\nHow the runs ended:\n\n");
        for (var o : outcomes) {
            b.append("- ").append(o.scenario().name()).append(": ").append(o.stops().entrySet().stream()
                    .map(e -> e.getKey().wire() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", ")))
                    .append("\n");
        }
        b.append("\nsettled spend: the store's counter; journaled cost: the sum of the runs' own costs (every billed ")
                .append("attempt, from the journals), computed independently of the budget. Both must be at most the ")
                .append("budget. In the kill scenario the calls the dead node had in flight are in the journals but were never ")
                .append("settled: the sweep charged their worst cases instead.\n");
        return b.toString();
    }
}
