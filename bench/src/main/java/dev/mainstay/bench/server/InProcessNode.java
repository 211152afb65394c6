package dev.mainstay.bench.server;

import dev.mainstay.runtime.config.MainstayConfig;
import dev.mainstay.server.MainstayServer;
import dev.mainstay.server.NodeRuntime;
import dev.mainstay.server.ServerConfig;
import dev.mainstay.store.Store;
import dev.mainstay.store.Stores;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.InstantSource;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;

/**
 * A node of the service hosted in the suite's own process, on a {@link GatedView} of the one store both nodes share
 * ({@link Host}). This emulates a crash in one process; it is not a SIGKILL. {@link #kill} cuts the node off from
 * the store (its gate dies: from then on it writes nothing — no journal entry, no note, no lease renewal, no lease
 * release) and then from its clients ({@link MainstayServer#halt}: the listener closes, connections are refused,
 * event streams break); its threads may run on for a moment, refused by the gate at their next call. {@link #pause}
 * holds every call of the node at its gate, the lease renewer's too, so its leases lapse as under SIGSTOP, and its
 * late writes after {@link #resume} meet the lease epoch's fence. Its notices, and the lines the suite writes about
 * it, go to its own log file; the libraries' and the server's log lines go to the host's shared log.
 */
final class InProcessNode implements Node {
    /** How long a kill waits for the node to stop serving; past it the halt goes on in the background. */
    static final Duration HALT_BOUND = Duration.ofSeconds(30);

    private final String name;
    private final Gate gate;
    private final MainstayServer server;
    private final Path log;
    private final PrintWriter out;
    private final URI url;
    private volatile boolean alive = true;

    private InProcessNode(String name, Gate gate, MainstayServer server, Path log, PrintWriter out) {
        this.name = name;
        this.gate = gate;
        this.server = server;
        this.log = log;
        this.out = out;
        this.url = URI.create("http://127.0.0.1:" + server.port());
    }

    /**
     * The nodes' shared store and settings: one store on the suite's SQLite file, opened here and closed by
     * {@link #close} once no node uses it. Its {@link #start} makes nodes that take {@code --port 0}.
     */
    record Host(Store store, ServerConfig server, MainstayConfig runtime, Path logs) implements Launcher,
            AutoCloseable {
        /** Opens the store of {@code env}'s settings ({@code MAINSTAY_*}, read as {@code serve} reads them). */
        static Host open(Map<String, String> env, Path logs) {
            var all = new HashMap<>(System.getenv());
            all.keySet().removeIf(k -> k.startsWith("MAINSTAY_") || k.equals("ANTHROPIC_API_KEY"));
            all.putAll(env);
            var server = ServerConfig.fromEnv(all).withPort(0);
            var runtime = NodeRuntime.sizedFor(MainstayConfig.fromEnv(all), server, all); // as serve sizes it
            logTo(logs.resolve("nodes.log"));
            return new Host(Stores.open(server.store(), InstantSource.system()), server, runtime, logs);
        }

        @Override
        public Node start(String name, int generation) throws IOException {
            return InProcessNode.start(this, name, generation);
        }

        @Override
        public void close() {
            store.close();
        }

        /** Sends every log line of this process to {@code file} ({@code crash-logback.xml}), none to the console. */
        private static void logTo(Path file) {
            var context = (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
            context.reset();
            context.putProperty("crash.log", file.toString());
            var configurator = new ch.qos.logback.classic.joran.JoranConfigurator();
            configurator.setContext(context);
            try {
                configurator.doConfigure(Host.class.getResource("/crash-logback.xml"));
            } catch (ch.qos.logback.core.joran.spi.JoranException e) {
                throw new IllegalStateException("cannot configure the nodes' log", e);
            }
        }
    }

    static InProcessNode start(Host host, String name, int generation) throws IOException {
        var log = host.logs().resolve(name + "-" + generation + ".log");
        var out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), true);
        var gate = new Gate();
        MainstayServer server;
        try {
            server = MainstayServer.start(host.server(), host.runtime(), GatedView.store(host.store(), gate),
                    notice -> line(out, notice), InstantSource.system());
        } catch (RuntimeException e) {
            line(out, "did not start: " + e);
            out.close();
            throw e;
        }
        var node = new InProcessNode(name, gate, server, log, out);
        line(out, "mainstay: listening on " + node.url + " (in-process, worker " + server.workerName() + ")");
        return node;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public URI url() {
        return url;
    }

    @Override
    public String worker() {
        return server.workerName();
    }

    @Override
    public boolean alive() {
        return alive;
    }

    /**
     * The gate dies first, so nothing more reaches the store; then the node halts — stops claiming, gives its
     * executions up, closes its listener — on a thread of its own, waited for at most {@link #HALT_BOUND}. Its halt
     * meets the dead gate at every store call and never closes the shared store.
     */
    @Override
    public void kill() throws InterruptedException {
        alive = false;
        gate.kill();
        line(out, "killed: the gate to the store is dead; halting");
        long started = System.nanoTime();
        var halt = Thread.ofPlatform().name(name + "-halt").daemon(true).start(() -> {
            try {
                server.halt();
            } catch (RuntimeException e) {
                line(out, "halt failed: " + e);
            }
        });
        halt.join(HALT_BOUND);
        long millis = (System.nanoTime() - started) / 1_000_000;
        line(out, halt.isAlive() ? "still halting after " + millis + " ms; left to finish in the background"
                : "halted in " + millis + " ms; port " + url.getPort() + (refuses() ? " refuses" : " still accepts")
                        + " connections");
        if (!halt.isAlive()) {
            out.close();
        }
    }

    @Override
    public void pause() {
        gate.pause();
        line(out, "paused: every call to the store is held at the gate");
    }

    @Override
    public void resume() {
        gate.resume();
        line(out, "resumed");
    }

    /** A graceful shutdown ({@link MainstayServer#shutdown}) waited for at most {@code max}, then a kill. */
    @Override
    public int terminate(Duration max) throws InterruptedException {
        if (!alive) {
            return -1;
        }
        var shutdown = Thread.ofPlatform().name(name + "-shutdown").daemon(true).start(server::shutdown);
        shutdown.join(max);
        if (shutdown.isAlive()) {
            kill();
            return -1;
        }
        alive = false;
        line(out, "stopped");
        out.close();
        return 0;
    }

    @Override
    public Path log() {
        return log;
    }

    private boolean refuses() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", url.getPort()), 1000);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static void line(PrintWriter out, String text) {
        out.println(LocalTime.now() + " " + text);
    }
}
