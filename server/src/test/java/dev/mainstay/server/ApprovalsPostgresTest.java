package dev.mainstay.server;

import dev.mainstay.server.testing.Databases;

class ApprovalsPostgresTest extends ApprovalsContract {
    @Override
    protected Databases.Kind database() {
        return Databases.Kind.POSTGRESQL;
    }
}
