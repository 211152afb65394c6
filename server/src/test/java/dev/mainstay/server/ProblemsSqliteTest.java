package dev.mainstay.server;

import dev.mainstay.server.testing.Databases;

class ProblemsSqliteTest extends ProblemsContract {
    @Override
    protected Databases.Kind database() {
        return Databases.Kind.SQLITE;
    }
}
