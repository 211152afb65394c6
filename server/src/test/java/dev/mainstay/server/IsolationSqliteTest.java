package dev.mainstay.server;

import dev.mainstay.server.testing.Databases;

class IsolationSqliteTest extends IsolationContract {
    @Override
    protected Databases.Kind database() {
        return Databases.Kind.SQLITE;
    }
}
