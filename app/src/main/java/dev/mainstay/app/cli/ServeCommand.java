package dev.mainstay.app.cli;

import dev.mainstay.app.Main;
import dev.mainstay.server.Bootstrap;
import dev.mainstay.server.MainstayServer;
import dev.mainstay.server.ServerRole;
import dev.mainstay.store.Stores;
import java.time.InstantSource;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * Runs a node of the service until SIGTERM or Ctrl-C, then shuts down gracefully (stop claiming, let runs finish
 * within {@code MAINSTAY_SHUTDOWN_GRACE}, hand the rest back) and exits 0. On a new database it creates tenant
 * {@code default} and an admin API key, and prints the key once.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the Mainstay service: the HTTP API and workers (SQLite ./data/mainstay.db unless "
                + "MAINSTAY_DB_URL says otherwise; the built-in simulator unless ANTHROPIC_API_KEY is set).")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", description = "Port to listen on (0 picks a free one). Default: MAINSTAY_PORT or 8080.")
    Integer port;

    @Option(names = "--role", description = "api, worker or all. Default: MAINSTAY_ROLE or all.")
    String role;

    private final Cli cli;

    public ServeCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws InterruptedException {
        var configs = Configs.read(cli);
        var server = configs.server();
        if (port != null) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("--port must be between 0 and 65535, but was " + port);
            }
            server = server.withPort(port);
        }
        if (role != null) {
            try {
                server = server.withRole(ServerRole.valueOf(role.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--role must be api, worker or all, but was '" + role + "'");
            }
        }
        var stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        var clock = InstantSource.system();
        try (var store = Stores.open(server.store(), clock)) {
            Bootstrap.firstStart(store, clock).ifPresent(key -> {
                cli.out().println("Created tenant '" + Bootstrap.DEFAULT_TENANT + "' and an admin API key for it. "
                        + "It is shown only this once; keep it safe:");
                cli.out().println();
                cli.out().println("    " + key.secret());
                cli.out().println();
            });
            var telemetry = dev.mainstay.telemetry.TelemetryConfig.fromEnv(cli.env());
            var node = MainstayServer.start(server, configs.runtimeFor(server), telemetry, store, cli::notice,
                    clock);
            cli.out().println("mainstay: listening on http://" + server.host() + ":" + node.port() + " (role "
                    + server.role().wire() + ", store " + server.store().redactedUrl() + ", worker "
                    + node.workerName() + "); SIGTERM or Ctrl-C stops it gracefully");
            cli.out().flush();
            stop.await();
            cli.notice("shutting down: finishing runs in flight (at most " + server.shutdownGrace().toSeconds()
                    + " s), handing the rest back");
            node.shutdown();
        }
        cli.notice("stopped");
        return Main.EXIT_OK;
    }
}
