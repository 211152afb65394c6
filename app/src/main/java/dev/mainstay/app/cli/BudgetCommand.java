package dev.mainstay.app.cli;

import dev.mainstay.app.Main;
import dev.mainstay.cost.BudgetKey;
import dev.mainstay.cost.BudgetPeriod;
import dev.mainstay.cost.UsdUnits;
import dev.mainstay.store.Store;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mainstay budget set --tenant T [--user U] [--daily USD] [--monthly USD]} and {@code budget show --tenant T},
 * against the configured database: the same budgets {@code PUT/GET /v1/budgets} set and read, which every node
 * reserves against before each model call.
 */
@Command(name = "budget", mixinStandardHelpOptions = true,
        description = "Set and show tenants' and users' daily and monthly USD budgets (in MAINSTAY_DB_URL).")
public final class BudgetCommand implements Runnable {
    private final Cli cli;

    private BudgetCommand(Cli cli) {
        this.cli = cli;
    }

    public static CommandLine commandLine(Cli cli) {
        return new CommandLine(new BudgetCommand(cli)).addSubcommand("set", new Set(cli))
                .addSubcommand("show", new Show(cli));
    }

    @Override
    public void run() {
        cli.out().println(new CommandLine(this).getUsageMessage());
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Set the daily and/or monthly limit of a tenant, or of one of its users; 'none' removes it.")
    static final class Set implements Callable<Integer> {
        @Option(names = "--tenant", required = true, description = "The tenant's name.")
        String tenant;

        @Option(names = "--user", description = "The user whose budget this is; without it, the tenant's own.")
        String user;

        @Option(names = "--daily", paramLabel = "USD", description = "The limit per UTC day, e.g. 5.00, or none.")
        String daily;

        @Option(names = "--monthly", paramLabel = "USD", description = "The limit per UTC month, e.g. 100, or none.")
        String monthly;

        private final Cli cli;

        Set(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            if (daily == null && monthly == null) {
                throw new IllegalArgumentException("give --daily and/or --monthly (an amount in USD, or none)");
            }
            if (user != null && !user.matches("[A-Za-z0-9._@-]{1,64}")) {
                throw new IllegalArgumentException("--user must be 1-64 of A-Z a-z 0-9 . _ @ -, not '" + user + "'");
            }
            var dailyLimit = daily == null ? null : amount("--daily", daily);
            var monthlyLimit = monthly == null ? null : amount("--monthly", monthly);
            try (var store = Configs.openStore(cli)) {
                var tenantId = tenantId(store, tenant);
                var who = user == null ? BudgetKey.TENANT : user;
                var now = Instant.now();
                if (dailyLimit != null) {
                    store.budgets().setLimit(tenantId, who, BudgetPeriod.DAILY, dailyLimit, now);
                }
                if (monthlyLimit != null) {
                    store.budgets().setLimit(tenantId, who, BudgetPeriod.MONTHLY, monthlyLimit, now);
                }
                Show.print(cli, store, tenant, tenantId);
            }
            return Main.EXIT_OK;
        }

        private static Optional<BigDecimal> amount(String option, String text) {
            if (text.equalsIgnoreCase("none")) {
                return Optional.empty();
            }
            try {
                var usd = new BigDecimal(text.startsWith("$") ? text.substring(1) : text);
                UsdUnits.units(usd);
                return Optional.of(usd);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + " must be an amount of US dollars, at least 0 with at most "
                        + UsdUnits.SCALE + " decimal places, or none; not '" + text + "'");
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show a tenant's budgets: limit, spent, reserved and remaining in the current day and month.")
    static final class Show implements Callable<Integer> {
        @Option(names = "--tenant", required = true, description = "The tenant's name.")
        String tenant;

        private final Cli cli;

        Show(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            try (var store = Configs.openStore(cli)) {
                print(cli, store, tenant, tenantId(store, tenant));
            }
            return Main.EXIT_OK;
        }

        static void print(Cli cli, Store store, String name, String tenantId) {
            var statuses = store.budgets().statuses(tenantId, Instant.now());
            if (statuses.isEmpty()) {
                cli.out().println(name + ": no budgets (calls are not limited by spend)");
                return;
            }
            cli.out().printf("%-20s %-8s %-10s %14s %14s %14s %14s%n", "BUDGET", "PERIOD", "OF", "LIMIT", "SPENT",
                    "RESERVED", "REMAINING");
            for (var s : statuses) {
                cli.out().printf("%-20s %-8s %-10s %14s %14s %14s %14s%n",
                        s.key().isTenant() ? "tenant " + name : "user " + s.key().userId(), s.key().period().wire(),
                        s.key().periodKey(), usd(s.limit().limitUsd()), usd(s.spentUsd()), usd(s.reservedUsd()),
                        usd(s.remainingUsd()));
            }
        }

        private static String usd(BigDecimal amount) {
            return "$" + amount.setScale(4, java.math.RoundingMode.HALF_UP).toPlainString();
        }
    }

    private static String tenantId(Store store, String name) {
        return store.tenants().findByName(name).orElseThrow(() -> new IllegalArgumentException("there is no tenant '"
                + name + "'; create it with 'mainstay tenant create " + name + "'")).id();
    }
}
