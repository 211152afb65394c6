package dev.mainstay.server;

import dev.mainstay.server.testing.Databases;

class BudgetsApiPostgresTest extends BudgetsApiContract {
    @Override
    protected Databases.Kind database() {
        return Databases.Kind.POSTGRESQL;
    }
}
