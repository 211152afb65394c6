package dev.mainstay.app.cli;

import dev.mainstay.app.Main;
import dev.mainstay.app.report.UsageText;
import dev.mainstay.server.UsageDocument;
import dev.mainstay.server.UsageRange;
import dev.mainstay.store.Ledger.GroupBy;
import dev.mainstay.store.Ledger.UsageQuery;
import java.time.Instant;
import java.util.HashMap;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mainstay usage}: usage and cost from the cost ledger of the configured database, grouped, as a table or
 * the JSON {@code GET /v1/usage} answers. Every tenant's unless {@code --tenant} names one.
 */
@Command(name = "usage", mixinStandardHelpOptions = true,
        description = "Usage and cost from the cost ledger (in MAINSTAY_DB_URL).")
public final class UsageCommand implements Callable<Integer> {
    @Option(names = "--from", description = "Start (inclusive): an ISO-8601 instant or date (UTC). "
            + "Default: 30 days before --to.")
    String from;

    @Option(names = "--to", description = "End (exclusive): an instant, or a date meaning the end of that day. "
            + "Default: now.")
    String to;

    @Option(names = "--group-by", defaultValue = "model",
            description = "tenant, user, model, agent or day. Default: ${DEFAULT-VALUE}.")
    String groupBy;

    @Option(names = "--tenant", description = "Only this tenant's usage (its name). Default: every tenant's.")
    String tenant;

    @Option(names = "--json", description = "One JSON document, as GET /v1/usage answers.")
    boolean json;

    private final Cli cli;

    public UsageCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        GroupBy grouping;
        try {
            grouping = GroupBy.fromWire(groupBy);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--group-by " + e.getMessage());
        }
        UsageRange range;
        try {
            range = UsageRange.of(Optional.ofNullable(from), Optional.ofNullable(to), Instant.now());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage());
        }
        try (var store = Configs.openStore(cli)) {
            var names = new HashMap<String, String>();
            store.tenants().list().forEach(t -> names.put(t.id(), t.name()));
            Optional<String> tenantId = Optional.empty();
            if (tenant != null) {
                tenantId = Optional.of(store.tenants().findByName(tenant).orElseThrow(() ->
                        new IllegalArgumentException("there is no tenant '" + tenant + "'")).id());
            }
            var query = UsageQuery.of(tenantId, range.from(), range.to(), grouping);
            var rows = store.ledger().usage(query);
            var total = store.ledger().total(query);
            if (json) {
                cli.printJson(UsageDocument.of(range, grouping, rows, total));
            } else {
                cli.out().print(UsageText.table(range, grouping, rows, total, names));
            }
        }
        return Main.EXIT_OK;
    }
}
