package dev.mainstay.server;

import dev.mainstay.server.testing.Databases;

class UsageApiSqliteTest extends UsageApiContract {
    @Override
    protected Databases.Kind database() {
        return Databases.Kind.SQLITE;
    }
}
