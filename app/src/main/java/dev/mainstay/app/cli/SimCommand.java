package dev.mainstay.app.cli;

import dev.mainstay.app.Main;
import dev.mainstay.sim.FaultProfile;
import dev.mainstay.sim.SimMode;
import dev.mainstay.sim.Simulator;
import dev.mainstay.sim.SimulatorConfig;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the Messages-API simulator as a server until interrupted. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Run the built-in Messages API simulator as a server (Ctrl-C stops it).")
public final class SimCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "9090", description = "Port to listen on (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for replies and faults. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--mode", defaultValue = "scripted",
            description = "scripted, runaway or obedient. Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--faults", defaultValue = "none",
            description = "Fault profile: one of ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.",
            completionCandidates = FaultNames.class)
    String faults;

    private final Cli cli;

    public SimCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, but was " + port);
        }
        SimMode simMode;
        try {
            simMode = SimMode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--mode must be scripted, runaway or obedient, but was '" + mode + "'");
        }
        if (!FaultProfile.NAMES.contains(faults)) {
            throw new IllegalArgumentException("--faults must be one of " + String.join(", ", FaultProfile.NAMES)
                    + ", but was '" + faults + "'");
        }
        var config = SimulatorConfig.defaults().withHost(host).withPort(port).withSeed(seed).withMode(simMode)
                .withFaults(FaultProfile.named(faults));
        var stopped = new CountDownLatch(1);
        try (var sim = Simulator.start(config)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                sim.close();
                stopped.countDown();
            }));
            cli.out().println("simulator listening on " + sim.baseUrl() + " (mode " + mode + ", faults " + faults
                    + ", seed " + seed + "); point ANTHROPIC_BASE_URL at it. Ctrl-C stops it.");
            cli.out().flush();
            stopped.await();
        }
        return Main.EXIT_OK;
    }

    /** The fault profile names, for help text. */
    static final class FaultNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return FaultProfile.NAMES.iterator();
        }
    }
}
