package dev.mainstay.server;

import dev.mainstay.server.testing.Databases;

class UsageApiPostgresTest extends UsageApiContract {
    @Override
    protected Databases.Kind database() {
        return Databases.Kind.POSTGRESQL;
    }
}
