package dev.mainstay.app.cli;

import dev.mainstay.app.Main;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mainstay tenant create NAME} and {@code tenant list}, against the configured database. */
@Command(name = "tenant", mixinStandardHelpOptions = true, description = "Manage tenants (in MAINSTAY_DB_URL).")
public final class TenantCommand implements Runnable {
    private final Cli cli;

    private TenantCommand(Cli cli) {
        this.cli = cli;
    }

    public static CommandLine commandLine(Cli cli) {
        return new CommandLine(new TenantCommand(cli)).addSubcommand("create", new Create(cli))
                .addSubcommand("list", new ListTenants(cli));
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
}
