package dev.mainstay.server;

import dev.mainstay.store.ApiKeys.CreatedKey;
import dev.mainstay.store.Principal;
import dev.mainstay.store.Store;
import java.time.InstantSource;
import java.util.Optional;

/**
 * A new installation's first tenant and key: when the store has no tenant at all, creates tenant
 * {@value #DEFAULT_TENANT} and an admin key for user {@value #ADMIN_USER}. The key's secret is in the result only —
 * the caller shows it once; it is never stored or logged. Nodes starting together on one new database race
 * harmlessly: one creates the tenant, the others find it and create nothing.
 */
public final class Bootstrap {
    public static final String DEFAULT_TENANT = "default";
    public static final String ADMIN_USER = "admin";

    private Bootstrap() {}

    /** The admin key created, empty when the store already had a tenant. */
    public static Optional<CreatedKey> firstStart(Store store, InstantSource clock) {
        if (!store.tenants().list().isEmpty()) {
            return Optional.empty();
        }
        try {
            var tenant = store.tenants().create(DEFAULT_TENANT, clock.instant());
            return Optional.of(store.keys().create(tenant.id(), ADMIN_USER, Principal.Role.ADMIN, clock.instant()));
        } catch (IllegalArgumentException e) {
            // another node created it first
            if (store.tenants().findByName(DEFAULT_TENANT).isPresent()) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
