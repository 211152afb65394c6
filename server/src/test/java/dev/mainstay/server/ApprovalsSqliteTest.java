package dev.mainstay.server;

import dev.mainstay.server.testing.Databases;

class ApprovalsSqliteTest extends ApprovalsContract {
    @Override
    protected Databases.Kind database() {
        return Databases.Kind.SQLITE;
    }
}
