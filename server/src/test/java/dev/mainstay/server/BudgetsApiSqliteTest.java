package dev.mainstay.server;

import dev.mainstay.server.testing.Databases;

class BudgetsApiSqliteTest extends BudgetsApiContract {
    @Override
    protected Databases.Kind database() {
        return Databases.Kind.SQLITE;
    }
}
