package dev.mainstay.store;

import dev.mainstay.journal.Journal;
import dev.mainstay.tools.notes.NoteStore;

/**
 * Mainstay's durable state on one database — SQLite embedded for one machine, PostgreSQL for several nodes — behind
 * one schema (Flyway migrations; the dialect differences in one place). Every part is fenced, tenant-scoped and
 * thread-safe; nodes coordinate only through it. Closing it closes the connection pool.
 */
public interface Store extends AutoCloseable {
    /** The runs' journals, fenced by each run's lease epoch. */
    Journal journal();

    Runs runs();

    RunQueue queue();

    EventLog events();

    Tenants tenants();

    ApiKeys keys();

    Conversations conversations();

    Idempotency idempotency();

    RateLimits rateLimits();

    /** The users' notes (the reference agent's notes tools), in the same database. */
    NoteStore notes();

    /** Whether the database answers and its migrations are applied; the detail says why not. */
    Health health();

    /** The dialect in use, e.g. {@code sqlite}, {@code postgresql}. */
    String dialect();

    @Override
    void close();

    record Health(boolean reachable, boolean migrated, String detail) {
        public boolean ok() {
            return reachable && migrated;
        }
    }
}
