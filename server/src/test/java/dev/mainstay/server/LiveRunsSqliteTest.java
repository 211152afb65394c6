package dev.mainstay.server;

import dev.mainstay.server.testing.Databases;

class LiveRunsSqliteTest extends LiveRunsContract {
    @Override
    protected Databases.Kind database() {
        return Databases.Kind.SQLITE;
    }
}
