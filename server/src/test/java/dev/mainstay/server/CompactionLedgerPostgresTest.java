package dev.mainstay.server;

import dev.mainstay.server.testing.Databases;

class CompactionLedgerPostgresTest extends CompactionLedgerContract {
    @Override
    protected Databases.Kind database() {
        return Databases.Kind.POSTGRESQL;
    }
}
