package dev.mainstay.store;

import dev.mainstay.store.internal.DbStore;
import dev.mainstay.time.IdGenerator;
import java.time.InstantSource;

/** Opens a {@link Store}. */
public final class Stores {
    private Stores() {}

    /**
     * Opens the store at {@code config}'s URL, with random ids. For SQLite the file (and its directory) is created
     * when missing; the migrations are applied on open, on either database.
     *
     * @param clock the time of every stored timestamp the callers do not pass themselves (journal entries, notes)
     * @throws StoreException when the database cannot be reached or migrated; the message names the URL without
     *     credentials
     * @throws IllegalArgumentException for an SQLite URL without a file ({@code :memory:}): the API and the workers
     *     share the database through several connections
     */
    public static Store open(StoreConfig config, InstantSource clock) {
        return open(config, clock, IdGenerator.random());
    }

    /** As {@link #open(StoreConfig, InstantSource)}, with the ids of tenants, keys, conversations and notes from {@code ids}. */
    public static Store open(StoreConfig config, InstantSource clock, IdGenerator ids) {
        return DbStore.open(config, clock, ids);
    }
}
