package dev.mainstay.bench.overhead;

import dev.mainstay.bench.harness.Args;
import dev.mainstay.bench.harness.CannedServerMain;
import dev.mainstay.sim.FaultProfile;
import dev.mainstay.sim.Latency;
import dev.mainstay.sim.Simulator;
import dev.mainstay.sim.SimulatorConfig;
import java.io.IOException;
import java.time.Duration;

/**
 * Runs Mainstay's simulator as the benchmark's server ({@code --server sim}): one instance without latency, one
 * with {@code --slow-latency-ms} before each answer. Announces itself like {@link CannedServerMain} and serves until
 * its standard input closes.
 */
public final class SimServerMain {
    private SimServerMain() {}

    public static void main(String[] argv) throws IOException {
        var args = Args.parse(argv);
        var latency = Duration.ofMillis(args.integerAtLeast("slow-latency-ms", 1000, 0));
        args.rejectUnknown();
        var slowProfile = FaultProfile.NONE.withLatency(Latency.fixed(latency));
        try (var fast = Simulator.start(SimulatorConfig.defaults());
                var slow = Simulator.start(SimulatorConfig.defaults().withFaults(slowProfile))) {
            System.out.println(CannedServerMain.READY_PREFIX + "fast=" + fast.baseUrl() + " slow=" + slow.baseUrl());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the driver closes our standard input
            }
        }
    }
}
