package dev.mainstay.app.cli;

import dev.mainstay.app.Main;
import dev.mainstay.store.ApiKeys.KeyInfo;
import dev.mainstay.store.Principal;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mainstay key create|list|revoke}: API keys, against the configured database. Secrets are shown once. */
@Command(name = "key", mixinStandardHelpOptions = true, description = "Manage API keys (in MAINSTAY_DB_URL).")
public final class KeyCommand implements Runnable {
    private final Cli cli;

    private KeyCommand(Cli cli) {
        this.cli = cli;
    }

    public static CommandLine commandLine(Cli cli) {
        return new CommandLine(new KeyCommand(cli)).addSubcommand("create", new Create(cli))
                .addSubcommand("list", new ListKeys(cli)).addSubcommand("revoke", new Revoke(cli));
    }

    @Override
    public void run() {
        cli.out().println(new CommandLine(this).getUsageMessage());
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an API key; prints it once.")
    static final class Create implements Callable<Integer> {
        @Option(names = "--tenant", required = true, description = "The tenant's name.")
        String tenant;

        @Option(names = "--role", defaultValue = "member", description = "admin or member. Default: ${DEFAULT-VALUE}.")
        String role;

        @Option(names = "--user", description = "The user the key acts as (its runs, conversations and notes). "
                + "Default: a new user of its own.")
        String user;

        private final Cli cli;

        Create(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            Principal.Role parsed;
            try {
                parsed = Principal.Role.valueOf(role.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--role must be admin or member, but was '" + role + "'");
            }
            var userId = user != null ? user : "user_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            if (!userId.matches("[A-Za-z0-9._@-]{1,64}")) {
                throw new IllegalArgumentException("--user must be 1-64 letters, digits or ._@-, but was '" + user + "'");
            }
            try (var store = Configs.openStore(cli)) {
                var found = store.tenants().findByName(tenant).orElseThrow(() -> new IllegalArgumentException(
                        "there is no tenant '" + tenant + "'; create it with 'mainstay tenant create " + tenant + "'"));
                var created = store.keys().create(found.id(), userId, parsed, Instant.now());
                cli.notice("created " + parsed.name().toLowerCase(Locale.ROOT) + " key " + created.info().id()
                        + " for user " + userId + " of tenant " + found.name()
                        + "; the key is shown only this once:");
                cli.out().println(created.secret());
            }
            return Main.EXIT_OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (never their secrets).")
    static final class ListKeys implements Callable<Integer> {
        @Option(names = "--tenant", description = "Only this tenant's keys.")
        String tenant;

        private final Cli cli;

        ListKeys(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            try (var store = Configs.openStore(cli)) {
                var names = new java.util.HashMap<String, String>();
                store.tenants().list().forEach(t -> names.put(t.id(), t.name()));
                var keys = tenant == null ? store.keys().listAll() : store.keys().list(store.tenants()
                        .findByName(tenant).orElseThrow(() -> new IllegalArgumentException("there is no tenant '"
                                + tenant + "'")).id());
                cli.out().printf("%-26s %-16s %-20s %-7s %-10s %-20s %-20s %s%n", "ID", "TENANT", "USER", "ROLE",
                        "PREFIX", "CREATED", "LAST USED", "REVOKED");
                for (KeyInfo k : keys) {
                    cli.out().printf("%-26s %-16s %-20s %-7s %-10s %-20s %-20s %s%n", k.id(),
                            names.getOrDefault(k.tenantId(), k.tenantId()), k.userId(),
                            k.role().name().toLowerCase(Locale.ROOT), k.prefix(), minute(Optional.of(k.createdAt())),
                            minute(k.lastUsedAt()), minute(k.revokedAt()));
                }
            }
            return Main.EXIT_OK;
        }

        private static String minute(Optional<Instant> at) {
            return at.map(i -> i.toString().replaceAll("T(\\d\\d:\\d\\d).*", " $1")).orElse("-");
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key: it stops working at once.")
    static final class Revoke implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID", description = "The key's id (from 'mainstay key list').")
        String id;

        private final Cli cli;

        Revoke(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            try (var store = Configs.openStore(cli)) {
                if (!store.keys().revoke(Optional.empty(), id, Instant.now())) {
                    cli.notice("there is no key " + id);
                    return Main.EXIT_FAILED;
                }
                cli.out().println("revoked key " + id);
            }
            return Main.EXIT_OK;
        }
    }
}
