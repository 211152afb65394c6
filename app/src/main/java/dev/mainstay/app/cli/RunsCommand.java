package dev.mainstay.app.cli;

import dev.mainstay.app.Main;
import dev.mainstay.app.report.StoredRunReport;
import dev.mainstay.json.Json;
import dev.mainstay.server.RunDocument;
import dev.mainstay.store.RunFilter;
import dev.mainstay.store.RunRecord;
import dev.mainstay.store.RunStatus;
import dev.mainstay.store.Store;
import dev.mainstay.store.Tenants.Tenant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mainstay runs list} and {@code runs show ID}: the runs in the configured database, as text or JSON. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "Inspect runs (in MAINSTAY_DB_URL).")
public final class RunsCommand implements Runnable {
    private final Cli cli;

    private RunsCommand(Cli cli) {
        this.cli = cli;
    }

    public static CommandLine commandLine(Cli cli) {
        return new CommandLine(new RunsCommand(cli)).addSubcommand("list", new ListRuns(cli))
                .addSubcommand("show", new Show(cli));
    }

    @Override
    public void run() {
        cli.out().println(new CommandLine(this).getUsageMessage());
    }

    static List<Tenant> tenants(Store store, String name) {
        if (name == null) {
            return store.tenants().list();
        }
        return List.of(store.tenants().findByName(name).orElseThrow(() ->
                new IllegalArgumentException("there is no tenant '" + name + "'")));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List runs, newest first.")
    static final class ListRuns implements Callable<Integer> {
        @Option(names = "--tenant", description = "Only this tenant's runs. Default: every tenant's.")
        String tenant;

        @Option(names = "--status", description = "queued, running, succeeded, failed, cancelled or stopped.")
        String status;

        @Option(names = "--limit", defaultValue = "20", description = "At most this many (1-100). Default: ${DEFAULT-VALUE}.")
        int limit;

        @Option(names = "--json", description = "One JSON document.")
        boolean json;

        private final Cli cli;

        ListRuns(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            if (limit < 1 || limit > 100) {
                throw new IllegalArgumentException("--limit must be between 1 and 100, but was " + limit);
            }
            Optional<RunStatus> wanted;
            try {
                wanted = Optional.ofNullable(status).map(RunStatus::fromWire);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--status must be queued, running, succeeded, failed, cancelled "
                        + "or stopped, but was '" + status + "'");
            }
            try (var store = Configs.openStore(cli)) {
                var names = new java.util.HashMap<String, String>();
                var runs = new ArrayList<RunRecord>();
                for (var t : tenants(store, tenant)) {
                    names.put(t.id(), t.name());
                    runs.addAll(store.runs().list(t.id(), new RunFilter(Optional.empty(), wanted, Optional.empty(),
                            Optional.empty(), limit)).items());
                }
                runs.sort(Comparator.comparing(RunRecord::createdAt).reversed());
                var shown = runs.subList(0, Math.min(limit, runs.size()));
                if (json) {
                    var doc = Json.object().put("object", "list");
                    var data = doc.putArray("data");
                    shown.forEach(r -> data.add(RunDocument.summary(r)));
                    cli.printJson(doc);
                } else {
                    cli.out().println(StoredRunReport.header());
                    shown.forEach(r -> cli.out().println(StoredRunReport.line(r, names.get(r.tenantId()))));
                }
            }
            return Main.EXIT_OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a run with its steps.")
    static final class Show implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID", description = "The run's id.")
        String id;

        @Option(names = "--tenant", description = "The run's tenant. Default: looked up in every tenant.")
        String tenant;

        @Option(names = "--json", description = "One JSON document, as GET /v1/runs/{id} answers.")
        boolean json;

        private final Cli cli;

        Show(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            try (var store = Configs.openStore(cli)) {
                for (var t : tenants(store, tenant)) {
                    var run = store.runs().find(t.id(), id);
                    if (run.isPresent()) {
                        var journal = store.journal().read(id);
                        if (json) {
                            cli.printJson(RunDocument.full(run.get(), journal));
                        } else {
                            cli.out().print(StoredRunReport.text(run.get(), t.name(), journal));
                            cli.out().println();
                            cli.out().print(dev.mainstay.app.report.TimelineText.render(
                                    dev.mainstay.server.RunTimeline.of(run.get(), journal,
                                            store.journalNodes(id))));
                        }
                        return Main.EXIT_OK;
                    }
                }
            }
            cli.notice("there is no run " + id);
            return Main.EXIT_FAILED;
        }
    }
}
