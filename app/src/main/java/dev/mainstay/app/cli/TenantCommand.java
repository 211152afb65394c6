package dev.mainstay.app.cli;

import dev.mainstay.app.Main;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mainstay tenant create NAME}, {@code tenant list} and {@code tenant limits NAME [...]}, against the configured
 * database.
 */
@Command(name = "tenant", mixinStandardHelpOptions = true, description = "Manage tenants (in MAINSTAY_DB_URL).")
public final class TenantCommand implements Runnable {
    private final Cli cli;

    private TenantCommand(Cli cli) {
        this.cli = cli;
    }

    public static CommandLine commandLine(Cli cli) {
        return new CommandLine(new TenantCommand(cli)).addSubcommand("create", new Create(cli))
                .addSubcommand("list", new ListTenants(cli)).addSubcommand("limits", new Limits(cli));
    }

    @Override
    public void run() {
        cli.out().println(new CommandLine(this).getUsageMessage());
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a tenant.")
    static final class Create implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "1-64 of a-z, 0-9 and -.")
        String name;

        private final Cli cli;

        Create(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            try (var store = Configs.openStore(cli)) {
                var tenant = store.tenants().create(name, Instant.now());
                cli.out().println("created tenant " + tenant.name() + " (" + tenant.id() + "); give it a key with "
                        + "'mainstay key create --tenant " + tenant.name() + "'");
            }
            return Main.EXIT_OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the tenants and their limits.")
    static final class ListTenants implements Callable<Integer> {
        private final Cli cli;

        ListTenants(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            try (var store = Configs.openStore(cli)) {
                cli.out().printf("%-24s %-24s %12s %10s %7s%n", "ID", "NAME", "CONCURRENT", "REQ/S", "BURST");
                for (var t : store.tenants().list()) {
                    cli.out().printf("%-24s %-24s %12d %10s %7d%n", t.id(), t.name(), t.limits().maxConcurrentRuns(),
                            t.limits().requestsPerSecond(), t.limits().burst());
                }
            }
            return Main.EXIT_OK;
        }
    }

    @Command(name = "limits", mixinStandardHelpOptions = true,
            description = "Show a tenant's limits, or change the ones given (every node sees them within seconds).")
    static final class Limits implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--max-concurrent-runs", description = "Runs of the tenant running at once, across nodes.")
        Integer maxConcurrentRuns;

        @Option(names = "--requests-per-second", description = "Each API key's sustained request rate.")
        Double requestsPerSecond;

        @Option(names = "--burst", description = "Each API key's burst of requests.")
        Integer burst;

        @Option(names = "--max-queued-runs", description = "Runs of the tenant waiting in the queue at most; a run "
                + "submitted beyond it is refused with 429 queue-full.")
        Integer maxQueuedRuns;

        private final Cli cli;

        Limits(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            try (var store = Configs.openStore(cli)) {
                var tenant = store.tenants().findByName(name).orElseThrow(() ->
                        new IllegalArgumentException("there is no tenant '" + name + "'"));
                var limits = tenant.limits();
                if (maxConcurrentRuns != null || requestsPerSecond != null || burst != null
                        || maxQueuedRuns != null) {
                    limits = new dev.mainstay.store.Tenants.TenantLimits(
                            maxConcurrentRuns != null ? maxConcurrentRuns : limits.maxConcurrentRuns(),
                            requestsPerSecond != null ? requestsPerSecond : limits.requestsPerSecond(),
                            burst != null ? burst : limits.burst(),
                            maxQueuedRuns != null ? maxQueuedRuns : limits.maxQueuedRuns());
                    store.tenants().updateLimits(tenant.id(), limits);
                    store.queue().notifyWork(); // a higher limit may make queued runs claimable
                }
                cli.out().println(tenant.name() + ": " + limits.maxConcurrentRuns() + " concurrent runs, "
                        + limits.requestsPerSecond() + " requests/s per key (bursts of " + limits.burst() + "), at most "
                        + limits.maxQueuedRuns() + " runs queued");
            }
            return Main.EXIT_OK;
        }
    }
}
