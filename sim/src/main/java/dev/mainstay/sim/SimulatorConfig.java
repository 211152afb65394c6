package dev.mainstay.sim;

import dev.mainstay.sim.brain.Brain;
import java.util.ArrayList;

/**
 * How to start a {@link Simulator}. Immutable; derive variants with the {@code with…} methods.
 *
 * @param host the address to bind, {@value #DEFAULT_HOST} by default (the simulator is a loopback service)
 * @param port the port to bind, 0 for a random free port
 * @param seed seeds every random choice (faults, jitter, ids): the same seed and the same sequence of requests
 *     give the same responses
 * @param mode the behaviour of the default brain
 * @param faults the initial fault profile; {@link Simulator#setFaults} replaces it at run time
 * @param brain answers requests; {@code null} means the default brain for {@code mode}, which follows
 *     {@link Simulator#setMode} — an explicit brain keeps answering whatever the mode
 */
public record SimulatorConfig(String host, int port, long seed, SimMode mode, FaultProfile faults, Brain brain) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 0;
    public static final long DEFAULT_SEED = 42L;
    public static final SimMode DEFAULT_MODE = SimMode.SCRIPTED;

    public SimulatorConfig {
        var problems = new ArrayList<String>();
        if (host == null || host.isBlank()) {
            problems.add("host must not be blank, but was '" + host + "'");
        }
        if (port < 0 || port > 65_535) {
            problems.add("port must be between 0 and 65535, but was " + port);
        }
        if (mode == null) {
            problems.add("mode must be set");
        }
        if (faults == null) {
            problems.add("faults must be set (FaultProfile.NONE for none)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid simulator configuration: " + String.join("; ", problems));
        }
    }

    /** Loopback, a random port, seed {@value #DEFAULT_SEED}, scripted mode, no faults, the default brain. */
    public static SimulatorConfig defaults() {
        return new SimulatorConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_SEED, DEFAULT_MODE, FaultProfile.NONE, null);
    }

    public SimulatorConfig withHost(String newHost) {
        return new SimulatorConfig(newHost, port, seed, mode, faults, brain);
    }

    public SimulatorConfig withPort(int newPort) {
        return new SimulatorConfig(host, newPort, seed, mode, faults, brain);
    }

    public SimulatorConfig withSeed(long newSeed) {
        return new SimulatorConfig(host, port, newSeed, mode, faults, brain);
    }

    public SimulatorConfig withMode(SimMode newMode) {
        return new SimulatorConfig(host, port, seed, newMode, faults, brain);
    }

    public SimulatorConfig withFaults(FaultProfile newFaults) {
        return new SimulatorConfig(host, port, seed, mode, newFaults, brain);
    }

    /** An explicit brain; {@code null} to use the default brain for the mode. */
    public SimulatorConfig withBrain(Brain newBrain) {
        return new SimulatorConfig(host, port, seed, mode, faults, newBrain);
    }

    @Override
    public String toString() {
        return "SimulatorConfig[host=" + host + ", port=" + port + ", seed=" + seed + ", mode=" + mode.wire()
                + ", faults=" + faults + ", brain=" + (brain == null ? "default" : brain.getClass().getName()) + "]";
    }
}
