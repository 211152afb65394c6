package dev.mainstay.bench.harness;

import java.io.IOException;
import java.time.Duration;

/**
 * Runs the canned server as its own process, so that its CPU is not counted against any client: a fast instance (no
 * latency) and a slow one ({@code --slow-latency-ms}, 1000 by default) for the in-flight memory phase.
 *
 * <p>Prints one line, {@code CANNED-SERVER fast=URL slow=URL}, then serves until its standard input closes (the
 * driver holds it open; when the driver dies, the server goes with it).
 */
public final class CannedServerMain {
    public static final String READY_PREFIX = "CANNED-SERVER ";

    private CannedServerMain() {}

    public static void main(String[] args) throws IOException {
        var options = Args.parse(args);
        var host = options.string("host", "127.0.0.1");
        var slowLatency = Duration.ofMillis(options.integer("slow-latency-ms", 1000));
        options.rejectUnknown();
        try (var fast = CannedServer.start(host, 0, Duration.ZERO);
                var slow = CannedServer.start(host, 0, slowLatency)) {
            System.out.println(READY_PREFIX + "fast=" + fast.baseUrl() + " slow=" + slow.baseUrl());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the driver closes our standard input
            }
            System.err.printf("canned server: fast answered %d, rejected %d; slow answered %d, rejected %d%n",
                    fast.answered(), fast.rejected(), slow.answered(), slow.rejected());
        }
    }
}
