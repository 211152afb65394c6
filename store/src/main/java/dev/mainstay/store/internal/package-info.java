/**
 * The store on JDBI and Flyway, for SQLite and PostgreSQL alike.
 *
 * <p>One schema ({@code db/migration/V1__store.sql}) for both databases: only types and syntax both accept, times as
 * nanoseconds from the application's clock, money as units of 1e-8 USD, JSON payloads with their codec's version.
 * What differs is in {@link dev.mainstay.store.internal.Dialect} — how writers are kept apart — and in
 * {@link dev.mainstay.store.internal.Database}, which holds the connections: SQLite's one writer behind a fair
 * lock with a few readers beside it (WAL), PostgreSQL's pool.
 *
 * <p>The run row carries everything that fences a run: {@code lease_epoch} (raised by every claim), the
 * {@code status}, and the last journal and event sequence numbers. Every write of a run — journal append, events,
 * finish, release — is one transaction that first updates that row under {@code id = ? AND lease_epoch = ? AND
 * status = 'running'}; no row updated means the writer lost the run, and it writes nothing. The row lock of that
 * update is also what numbers a run's entries without gaps.
 */
package dev.mainstay.store.internal;
