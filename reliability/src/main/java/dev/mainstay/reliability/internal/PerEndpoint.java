package dev.mainstay.reliability.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * State a policy keeps per model endpoint (a breaker, a retry budget, a concurrency limit), created on first use of
 * an endpoint name, or up front for the endpoints known at start-up so their gauges exist before the first call.
 * Thread-safe.
 */
public final class PerEndpoint<T> {
    private final ConcurrentHashMap<String, T> byName = new ConcurrentHashMap<>();
    private final Function<String, T> create;

    public PerEndpoint(Iterable<String> known, Function<String, T> create) {
        this.create = create;
        known.forEach(this::get);
    }

    /** The state of {@code endpoint}, created on its first call. */
    public T get(String endpoint) {
        return byName.computeIfAbsent(endpoint, create);
    }

    /** The state of {@code endpoint} if it has any: reading never creates state. */
    public java.util.Optional<T> find(String endpoint) {
        return java.util.Optional.ofNullable(byName.get(endpoint));
    }

    /** The state of the endpoints seen so far, by name, sorted; a snapshot. */
    public Map<String, T> snapshot() {
        return new TreeMap<>(byName);
    }

    public void forEach(BiConsumer<String, T> action) {
        snapshot().forEach(action);
    }
}
