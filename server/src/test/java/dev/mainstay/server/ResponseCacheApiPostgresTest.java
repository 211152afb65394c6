package dev.mainstay.server;

import dev.mainstay.server.testing.Databases;

class ResponseCacheApiPostgresTest extends ResponseCacheApiContract {
    @Override
    protected Databases.Kind database() {
        return Databases.Kind.POSTGRESQL;
    }
}
