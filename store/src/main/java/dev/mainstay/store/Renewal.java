package dev.mainstay.store;

import dev.mainstay.journal.Fence;
import java.util.Set;

/**
 * What renewing a worker's leases found: the leases it no longer holds (another worker claimed the run, or it
 * expired and was taken), and the runs whose cancellation was requested.
 */
public record Renewal(Set<Fence> lost, Set<String> cancelRequested) {
    public Renewal {
        lost = Set.copyOf(lost);
        cancelRequested = Set.copyOf(cancelRequested);
    }
}
