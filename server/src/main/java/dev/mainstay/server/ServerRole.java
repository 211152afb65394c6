package dev.mainstay.server;

import java.util.Locale;

/** What one node does: serve the API, run runs, or both. Nodes share only the database, so any mix scales out. */
public enum ServerRole {
    /** The HTTP API only: accepts runs, streams events, answers reads. */
    API,
    /** Workers only: claim runs from the queue and run them; serves /healthz and /readyz. */
    WORKER,
    /** Both, in one process (the default). */
    ALL;

    public boolean servesApi() {
        return this != WORKER;
    }

    public boolean runsWorkers() {
        return this != API;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
