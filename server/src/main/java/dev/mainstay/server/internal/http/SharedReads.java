package dev.mainstay.server.internal.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Concurrent reads of one key share one call: a request that arrives while a read of its key is under way waits for
 * that read and takes its result (or its failure) instead of asking the store too. Nothing is kept once the read
 * returns, so no answer is older than the read it came from — this saves a burst its duplicate reads, it is no cache.
 * Thread-safe.
 */
final class SharedReads<K, V> {
    private final ConcurrentHashMap<K, CompletableFuture<V>> underWay = new ConcurrentHashMap<>();

    /** {@code read}'s result for {@code key}, from a read under way if there is one, else from calling it. */
    V read(K key, Supplier<V> read) {
        var mine = new CompletableFuture<V>();
        var running = underWay.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                if (e.getCause() instanceof Error cause) {
                    throw cause;
                }
                throw e;
            }
        }
        try {
            V value = read.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            underWay.remove(key, mine);
        }
    }
}
