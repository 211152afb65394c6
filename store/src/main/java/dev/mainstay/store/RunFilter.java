package dev.mainstay.store;

import java.util.Optional;

/**
 * Which of a tenant's runs to list, newest first.
 *
 * @param userId only this user's runs (a member sees only their own), empty for all (an admin)
 * @param cursor where the previous page ended (opaque, from {@link Page#nextCursor()})
 * @param limit at most this many, 1..100
 */
public record RunFilter(Optional<String> userId, Optional<RunStatus> status, Optional<String> conversationId,
        Optional<String> cursor, int limit) {
    public RunFilter {
        if (limit < 1 || limit > 100) {
            throw new IllegalArgumentException("limit must be between 1 and 100, but was " + limit);
        }
    }
}
