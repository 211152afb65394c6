package dev.mainstay.server;

import java.net.InetAddress;
import java.util.UUID;

/** A worker's name: the host, the process and a random part, so a restarted process is a new worker. */
final class WorkerNames {
    private WorkerNames() {}

    static String next() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        var safe = host.replaceAll("[^A-Za-z0-9.-]", "-");
        return (safe.length() > 40 ? safe.substring(0, 40) : safe) + "-" + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
