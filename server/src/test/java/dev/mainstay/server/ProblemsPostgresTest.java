package dev.mainstay.server;

import dev.mainstay.server.testing.Databases;

class ProblemsPostgresTest extends ProblemsContract {
    @Override
    protected Databases.Kind database() {
        return Databases.Kind.POSTGRESQL;
    }
}
