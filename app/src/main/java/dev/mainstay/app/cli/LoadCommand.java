package dev.mainstay.app.cli;

import dev.mainstay.app.Main;
import dev.mainstay.app.load.LoadDriver;
import dev.mainstay.app.load.LoadPlan;
import dev.mainstay.app.load.LoadResult;
import dev.mainstay.runtime.ReferenceAgent;
import dev.mainstay.server.MainstayServer;
import dev.mainstay.store.Principal;
import dev.mainstay.store.StoreConfig;
import dev.mainstay.store.Stores;
import dev.mainstay.store.Tenants.TenantLimits;
import dev.mainstay.time.Durations;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Load-tests the run service: N reference runs at a given concurrency (and, optionally, rate) against a server on
 * this machine ({@code --url}, with {@code --key}), or against a node this command starts in its own process — on
 * {@code MAINSTAY_DB_URL} when it is set, else on a new SQLite file in a temporary directory, with a tenant of its
 * own whose limits do not get in the way. Prints runs/s, end-to-end and queue-to-start percentiles and, in process,
 * the heap per run in flight. Exit 0 when every run succeeded, 1 otherwise.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Load-test the run service on this machine: submit N reference runs and report runs/s, "
                + "p50/p99 end-to-end latency, p99 queue-to-start and heap per run in flight.")
public final class LoadCommand implements Callable<Integer> {
    @Option(names = "--url", description = "A running server on this machine (loopback only), e.g. "
            + "http://127.0.0.1:8080. Default: start one in this process.")
    URI url;

    @Option(names = "--key", description = "The API key for --url (its tenant's limits apply).")
    String key;

    @Option(names = "--runs", defaultValue = "1000", description = "Runs to submit. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--concurrency", defaultValue = "64",
            description = "Runs submitted and not yet finished at most. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "PER_SECOND",
            description = "Submit at most this many runs per second (0: as fast as the concurrency allows).")
    double rate;

    @Option(names = "--warmup", defaultValue = "20",
            description = "Runs made first, at the same concurrency, and left out of the figures (JIT, connection "
                    + "pools). Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--workers", description = "In process: runs the node executes at once. Default: "
            + "MAINSTAY_WORKERS, or the concurrency when that is larger.")
    Integer workers;

    @Option(names = "--input", description = "The task of every run. Default: the reference agent's example tasks "
            + "in turn (arithmetic, weather, search and save a note).")
    List<String> inputs;

    @Option(names = "--timeout", defaultValue = "10m",
            description = "Stop after this long, whatever is left. Default: ${DEFAULT-VALUE}.")
    String timeout;

    @Option(names = "--json", description = "Print one JSON document instead of the table.")
    boolean json;

    private final Cli cli;

    public LoadCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        var limit = Durations.parse(timeout).orElseThrow(() -> new IllegalArgumentException(
                "--timeout must be a duration such as 90s or 10m, but was '" + timeout + "'"));
        var tasks = inputs == null || inputs.isEmpty() ? ReferenceAgent.EXAMPLE_TASKS : inputs;
        var wait = java.time.Duration.ofSeconds(60);
        if (url != null) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("--url needs --key, an API key of the server");
            }
            var plan = new LoadPlan(url, key.strip(), runs, concurrency, rate, tasks, wait, limit);
            warmUp(plan, Optional.empty());
            return report(new LoadDriver(plan, Optional.empty()).run());
        }
        if (key != null) {
            throw new IllegalArgumentException("--key goes with --url; in process the command makes its own key");
        }
        // validates the numbers before anything starts
        new LoadPlan(LoadDriver.loopback(1), "-", runs, concurrency, rate, tasks, wait, limit);
        return inProcess(tasks, wait, limit);
    }

    private int inProcess(List<String> tasks, java.time.Duration wait, java.time.Duration limit) throws Exception {
        var configs = Configs.read(cli);
        var server = configs.server().withHost("127.0.0.1").withPort(0);
        int capacity = workers != null ? workers : Math.max(server.workers(), concurrency);
        server = server.withWorkers(capacity);
        Path temporary = null;
        if (!cli.env().containsKey(dev.mainstay.server.ServerConfig.DB_URL)) {
            temporary = Files.createTempDirectory("mainstay-load");
            server = server.withStore(new StoreConfig("jdbc:sqlite:" + temporary.resolve("load.db"),
                    Optional.empty(), Optional.empty(), server.store().poolSize(), server.store().connectTimeout()));
        }
        var clock = InstantSource.system();
        try (var store = Stores.open(server.store(), clock)) {
            var tenant = store.tenants().create("load-" + HexFormat.of().toHexDigits(
                    ThreadLocalRandom.current().nextInt()), clock.instant());
            store.tenants().updateLimits(tenant.id(), new TenantLimits(Math.max(capacity, 1), 1e9, 1_000_000_000,
                    Math.max(TenantLimits.DEFAULT_MAX_QUEUED_RUNS, runs)));
            var created = store.keys().create(tenant.id(), "load", Principal.Role.ADMIN, clock.instant());
            cli.notice("load: a node in this process on " + server.store().redactedUrl() + ", " + capacity
                    + " workers, tenant " + tenant.name());
            try (var node = MainstayServer.start(server, configs.runtimeFor(server), store, cli::notice,
                    clock)) {
                var plan = new LoadPlan(LoadDriver.loopback(node.port()), created.secret(), runs, concurrency, rate,
                        tasks, wait, limit);
                LoadDriver.ServerSide side = node::runsInFlight;
                warmUp(plan, Optional.of(side));
                return report(new LoadDriver(plan, Optional.of(side)).run());
            }
        } finally {
            if (temporary != null) {
                deleteQuietly(temporary);
            }
        }
    }

    private void warmUp(LoadPlan plan, Optional<LoadDriver.ServerSide> side) throws InterruptedException {
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must be 0 or more, but was " + warmup);
        }
        if (warmup > 0) {
            cli.notice("load: " + warmup + " warm-up runs first, not counted");
            new LoadDriver(new LoadPlan(plan.baseUrl(), plan.key(), warmup, Math.min(plan.concurrency(), warmup),
                    0, plan.inputs(), plan.holdFor(), plan.timeout()), Optional.empty()).run();
        }
    }

    private int report(LoadResult result) {
        if (json) {
            cli.printJson(result.toJson());
        } else {
            cli.out().print(result.toText());
        }
        cli.out().flush();
        return result.succeeded() == result.runs() ? Main.EXIT_OK : Main.EXIT_FAILED;
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the system cleans it eventually
        }
    }
}
