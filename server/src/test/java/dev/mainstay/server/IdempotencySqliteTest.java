package dev.mainstay.server;

import dev.mainstay.server.testing.Databases;

class IdempotencySqliteTest extends IdempotencyContract {
    @Override
    protected Databases.Kind database() {
        return Databases.Kind.SQLITE;
    }
}
