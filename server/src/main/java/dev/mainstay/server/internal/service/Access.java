package dev.mainstay.server.internal.service;

import dev.mainstay.store.Principal;
import java.util.Optional;

/**
 * Who sees what inside a tenant: an admin key sees every run and conversation of its tenant, a member key only its
 * own user's. Across tenants nothing is visible at all — the store scopes every query by tenant.
 */
final class Access {
    private Access() {}

    static boolean canSee(Principal principal, String ownerUserId) {
        return principal.isAdmin() || principal.userId().equals(ownerUserId);
    }

    /** The user a query is limited to: empty (the whole tenant) for an admin, the caller for a member. */
    static Optional<String> scope(Principal principal) {
        return principal.isAdmin() ? Optional.empty() : Optional.of(principal.userId());
    }
}
