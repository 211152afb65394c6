package dev.mainstay.server;

import dev.mainstay.server.testing.Databases;

class RunsApiSqliteTest extends RunsApiContract {
    @Override
    protected Databases.Kind database() {
        return Databases.Kind.SQLITE;
    }
}
