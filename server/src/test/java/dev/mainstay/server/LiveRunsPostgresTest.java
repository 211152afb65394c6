package dev.mainstay.server;

import dev.mainstay.server.testing.Databases;

class LiveRunsPostgresTest extends LiveRunsContract {
    @Override
    protected Databases.Kind database() {
        return Databases.Kind.POSTGRESQL;
    }
}
