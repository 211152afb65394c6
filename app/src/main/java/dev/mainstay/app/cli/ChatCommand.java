package dev.mainstay.app.cli;

import dev.mainstay.app.Main;
import dev.mainstay.config.UserDirectories;
import dev.mainstay.json.Json;
import dev.mainstay.server.MainstayServer;
import dev.mainstay.server.ServerConfig;
import dev.mainstay.server.ServerRole;
import dev.mainstay.store.Admission;
import dev.mainstay.store.NewRun;
import dev.mainstay.store.OnBusy;
import dev.mainstay.store.RunRecord;
import dev.mainstay.store.Store;
import dev.mainstay.store.StoreConfig;
import dev.mainstay.store.StoredResponse;
import dev.mainstay.store.Stores;
import dev.mainstay.time.IdGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * An interactive conversation with the reference agent in the terminal. Each line is a run in one conversation of
 * the local store — the same queue, journal and conversation history as the service, with a worker in this process —
 * so a follow-up ("and what about Porto?") continues what was said before, and {@code --conversation} continues a
 * conversation another day. Reads lines until end of input or {@code /exit}. Offline on the built-in simulator
 * unless ANTHROPIC_API_KEY is set.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = "Chat with the reference agent; the conversation is kept in the local store "
                + "($XDG_DATA_HOME/mainstay/chat.db or ~/.mainstay/chat.db, or MAINSTAY_DB_URL). /exit ends it.")
public final class ChatCommand implements Callable<Integer> {
    static final Duration POLL = Duration.ofMillis(50);

    @Option(names = "--conversation", paramLabel = "ID", description = "Continue this conversation.")
    String conversation;

    private final Cli cli;

    public ChatCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        var configs = Configs.read(cli);
        var storeConfig = cli.env().containsKey(ServerConfig.DB_URL) ? configs.server().store()
                : StoreConfig.of("jdbc:sqlite:" + UserDirectories.from(cli.env()).data().resolve("chat.db"));
        var clock = InstantSource.system();
        var user = configs.runtime().userId();
        try (var store = Stores.open(storeConfig, clock)) {
            var tenant = store.tenants().findByName("default")
                    .orElseGet(() -> store.tenants().create("default", clock.instant())).id();
            var conversationId = conversation == null ? store.conversations().create(tenant, user, clock.instant()).id()
                    : store.conversations().find(tenant, Optional.of(user), conversation).orElseThrow(() ->
                            new IllegalArgumentException("there is no conversation " + conversation + " of user "
                                    + user)).id();
            var server = configs.server().withRole(ServerRole.WORKER).withHost("127.0.0.1").withPort(0)
                    .withStore(storeConfig);
            var node = MainstayServer.start(server, configs.runtime(),
                    dev.mainstay.telemetry.TelemetryConfig.fromEnv(cli.env()), store, cli::notice, clock);
            try {
                cli.notice("conversation " + conversationId + " (continue it later with 'mainstay chat "
                        + "--conversation " + conversationId + "'); type /exit or end the input to stop");
                converse(store, tenant, user, conversationId, clock);
            } finally {
                node.shutdown();
            }
        }
        return Main.EXIT_OK;
    }

    private void converse(Store store, String tenant, String user, String conversationId, InstantSource clock)
            throws IOException, InterruptedException {
        var reader = new BufferedReader(new InputStreamReader(cli.in(), StandardCharsets.UTF_8));
        var ids = IdGenerator.random();
        boolean prompt = System.console() != null;
        while (true) {
            if (prompt) {
                cli.out().print("you> ");
                cli.out().flush();
            }
            var line = reader.readLine();
            if (line == null || line.strip().equals("/exit") || line.strip().equals("/quit")) {
                return;
            }
            var task = line.strip();
            if (task.isEmpty()) {
                continue;
            }
            if (task.length() > AskCommand.MAX_TASK_LENGTH) {
                cli.notice("that message is " + task.length() + " characters; the limit is "
                        + AskCommand.MAX_TASK_LENGTH);
                continue;
            }
            var run = new NewRun(ids.next("run"), tenant, user, Optional.of(conversationId), task,
                    Configs.read(cli).runtime().limits(), Optional.empty(), clock.instant());
            var admission = store.runs().accept(run, Optional.empty(), OnBusy.ENQUEUE,
                    r -> new StoredResponse(202, "application/json", "{}"));
            if (!(admission instanceof Admission.Accepted accepted)) {
                cli.notice("the message was not accepted: " + admission);
                continue;
            }
            var ended = follow(store, accepted.run());
            ended.output().filter(o -> !o.isBlank()).ifPresent(o -> cli.out().println(o.strip()));
            if (!ended.stopReason().map(r -> r.isSuccess()).orElse(false)) {
                cli.notice("the run ended with stop reason " + ended.stopReason().map(r -> r.wire()).orElse("?")
                        + ended.error().map(e -> " (" + e.code() + ": " + e.message() + ")").orElse(""));
            }
        }
    }

    /** Shows the run's tool calls as they happen (stderr) and returns it once it has finished. */
    private RunRecord follow(Store store, RunRecord run) throws InterruptedException {
        long seen = 0;
        while (true) {
            for (var event : store.events().after(run.tenantId(), run.id(), seen, 500)) {
                seen = event.seq();
                if (event.type().equals("tool_call_started")) {
                    var json = Json.parseObject(event.json());
                    cli.err().println("  · " + json.path("tool").asText() + " " + json.path("input"));
                }
            }
            var now = store.runs().find(run.tenantId(), run.id()).orElse(run);
            if (now.status().isFinished()) {
                return now;
            }
            Thread.sleep(POLL);
        }
    }
}
