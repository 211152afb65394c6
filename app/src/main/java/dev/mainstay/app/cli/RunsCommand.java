package dev.mainstay.app.cli;

import dev.mainstay.app.Main;
import dev.mainstay.app.report.StoredRunReport;
import dev.mainstay.json.Json;
import dev.mainstay.server.RunApprovals;
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

/**
 * {@code mainstay runs list}, {@code runs show ID} and {@code runs approve|deny ID --tool-use T}: the runs in the
 * configured database, as text or JSON, and an operator's decision on a paused one.
 */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "Inspect runs (in MAINSTAY_DB_URL).")
public final class RunsCommand implements Runnable {
    private final Cli cli;

    private RunsCommand(Cli cli) {
        this.cli = cli;
    }

    public static CommandLine commandLine(Cli cli) {
        return new CommandLine(new RunsCommand(cli)).addSubcommand("list", new ListRuns(cli))
                .addSubcommand("show", new Show(cli))
                .addSubcommand("approve", new Decide(cli, true))
                .addSubcommand("deny", new Decide(cli, false));
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

    /**
     * {@code runs approve ID --tool-use T} and {@code runs deny ID --tool-use T}: an operator's decision on a call of a
     * run paused awaiting approval, taken as the API takes it ({@link RunApprovals}): journaled once, the run queued
     * again for the service's workers. One line and exit 1 when the call was decided already or does not wait.
     */
    @Command(mixinStandardHelpOptions = true, description = "Decide on a call of a run awaiting approval.")
    static final class Decide implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID", description = "The run's id.")
        String id;

        @Option(names = "--tool-use", required = true, paramLabel = "T",
                description = "The call's tool_use id (GET /v1/runs/{id}/approvals lists the pending ones).")
        String toolUseId;

        @Option(names = "--tenant", description = "The run's tenant. Default: looked up in every tenant.")
        String tenant;

        @Option(names = "--reason", description = "Why; journaled with the decision.")
        String reason;

        @Option(names = "--json", description = "The recorded decision as one JSON document.")
        boolean json;

        private final Cli cli;
        private final boolean approve;

        Decide(Cli cli, boolean approve) {
            this.cli = cli;
            this.approve = approve;
        }

        @Override
        public Integer call() {
            if (!toolUseId.matches("[A-Za-z0-9_-]{1,200}")) {
                throw new IllegalArgumentException("--tool-use must be a tool_use id (letters, digits, _ and -), "
                        + "but was '" + toolUseId.replaceAll("[^\\x20-\\x7e]", "?") + "'");
            }
            var configs = Configs.read(cli);
            var by = "cli:" + configs.runtime().userId();
            try (var store = Configs.openStore(cli)) {
                for (var t : tenants(store, tenant)) {
                    var run = store.runs().find(t.id(), id);
                    if (run.isEmpty()) {
                        continue;
                    }
                    var approvals = new RunApprovals(store, by, configs.server().leaseDuration(),
                            java.time.InstantSource.system());
                    var outcome = approvals.decide(run.get(), new dev.mainstay.approval.ApprovalDecision(toolUseId,
                            approve, by, reason == null ? "" : reason));
                    switch (outcome) {
                        case RunApprovals.Outcome.Recorded recorded -> {
                            if (json) {
                                cli.printJson(recorded.decision().toJson().put("object", "run.approval")
                                        .put("run_id", id).put("run_status", recorded.runStatus().wire()));
                            } else {
                                cli.out().println((approve ? "approved" : "denied") + " " + toolUseId + " of run "
                                        + id + " as " + by + "; the run is " + recorded.runStatus().wire());
                            }
                            return Main.EXIT_OK;
                        }
                        case RunApprovals.Outcome.AlreadyDecided already -> cli.notice("the call " + toolUseId
                                + " was already decided (" + (already.previous().approved() ? "approved" : "denied")
                                + " by " + already.previous().by() + ")");
                        case RunApprovals.Outcome.NotPending notPending -> cli.notice(notPending.why());
                        case RunApprovals.Outcome.UnknownCall unknown -> cli.notice(unknown.why());
                    }
                    return Main.EXIT_FAILED;
                }
            }
            cli.notice("there is no run " + id);
            return Main.EXIT_FAILED;
        }
    }
}
