package dev.mainstay.store.internal;

import java.sql.SQLException;
import java.time.Duration;
import org.jdbi.v3.core.Handle;

/**
 * Every difference between SQLite and PostgreSQL the store knows about, in one place. The schema, upserts
 * ({@code ON CONFLICT … DO UPDATE SET x = excluded.x}), {@code RETURNING}, row values and partial indexes are the same
 * in both; what differs is how writers are kept apart:
 *
 * <ul>
 *   <li><b>SQLite</b> has one writer at a time. The store sends every write through one connection, in
 *       {@code BEGIN IMMEDIATE} transactions behind a fair lock, so a transaction's reads and writes are never
 *       interleaved with another's: the claim needs no row locks, a check-then-insert is atomic.
 *   <li><b>PostgreSQL</b> has many writers. A claim locks its candidate run with {@code FOR UPDATE SKIP LOCKED}
 *       (concurrent claimers take different runs) and the run's tenant row with {@code FOR NO KEY UPDATE} (claims of
 *       one tenant count its running runs one after another, so none overshoots the limit; foreign-key checks of
 *       inserts, which take {@code KEY SHARE}, are not blocked). A duplicate idempotency key waits on the first
 *       insert's transaction, bounded by {@code lock_timeout}.
 * </ul>
 */
enum Dialect {
    SQLITE("sqlite") {
        @Override
        String greatest(String a, String b) {
            return "MAX(" + a + ", " + b + ")";
        }

        @Override
        String least(String a, String b) {
            return "MIN(" + a + ", " + b + ")";
        }

        @Override
        String claimLock() {
            return "";
        }

        @Override
        String lockForUpdate() {
            return "";
        }

        @Override
        void limitLockWait(Handle handle, Duration wait) {
            // one writer: a transaction never waits on another's row lock
        }

        @Override
        boolean isUniqueViolation(SQLException e) {
            var message = String.valueOf(e.getMessage());
            return message.contains("UNIQUE constraint failed") || message.contains("PRIMARYKEY");
        }

        @Override
        boolean isForeignKeyViolation(SQLException e) {
            return String.valueOf(e.getMessage()).contains("FOREIGN KEY constraint failed");
        }

        @Override
        boolean isLockTimeout(SQLException e) {
            return String.valueOf(e.getMessage()).contains("SQLITE_BUSY");
        }

        @Override
        boolean isTransient(SQLException e) {
            return false;
        }

        @Override
        boolean modifiesInWith() {
            return false;
        }
    },

    POSTGRESQL("postgresql") {
        @Override
        String greatest(String a, String b) {
            return "GREATEST(" + a + ", " + b + ")";
        }

        @Override
        String least(String a, String b) {
            return "LEAST(" + a + ", " + b + ")";
        }

        @Override
        String claimLock() {
            return " FOR UPDATE OF r SKIP LOCKED";
        }

        @Override
        String lockForUpdate() {
            return " FOR NO KEY UPDATE";
        }

        @Override
        void limitLockWait(Handle handle, Duration wait) {
            // 0 turns the bound off again for the rest of the transaction
            handle.execute("SET LOCAL lock_timeout = " + (wait.isZero() ? 0 : Math.max(1, wait.toMillis())));
        }

        @Override
        boolean isUniqueViolation(SQLException e) {
            return "23505".equals(e.getSQLState());
        }

        @Override
        boolean isForeignKeyViolation(SQLException e) {
            return "23503".equals(e.getSQLState());
        }

        @Override
        boolean isLockTimeout(SQLException e) {
            return "55P03".equals(e.getSQLState());
        }

        @Override
        boolean isTransient(SQLException e) {
            // serialization failure, deadlock: the transaction was rolled back and may simply be run again
            return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
        }

        @Override
        boolean modifiesInWith() {
            return true;
        }
    };

    private final String displayName;

    Dialect(String displayName) {
        this.displayName = displayName;
    }

    String displayName() {
        return displayName;
    }

    /** The larger of two SQL expressions. */
    abstract String greatest(String a, String b);

    /** The smaller of two SQL expressions. */
    abstract String least(String a, String b);

    /** What follows the claim's candidate query (alias {@code r}) so concurrent claimers never take the same run. */
    abstract String claimLock();

    /** What follows a {@code SELECT} of a row this transaction is about to change, to keep others off it. */
    abstract String lockForUpdate();

    /** Bounds how long the rest of this transaction waits on another's row locks; {@code ZERO} lifts the bound. */
    abstract void limitLockWait(Handle handle, Duration wait);

    abstract boolean isUniqueViolation(SQLException e);

    abstract boolean isForeignKeyViolation(SQLException e);

    abstract boolean isLockTimeout(SQLException e);

    /** Whether the failed transaction may simply be run again. */
    abstract boolean isTransient(SQLException e);

    /**
     * Whether a {@code WITH} clause may hold an {@code UPDATE … RETURNING} whose rows the main statement reads:
     * a fence check and the write it guards in one statement, one round trip (PostgreSQL; SQLite does not).
     */
    abstract boolean modifiesInWith();

    static Dialect of(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:") ? POSTGRESQL : SQLITE;
    }
}
