package dev.mainstay.server;

import dev.mainstay.server.testing.Databases;

class IdempotencyPostgresTest extends IdempotencyContract {
    @Override
    protected Databases.Kind database() {
        return Databases.Kind.POSTGRESQL;
    }
}
