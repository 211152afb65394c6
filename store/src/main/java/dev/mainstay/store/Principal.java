package dev.mainstay.store;

import java.util.Objects;

/** Who is calling: the API key's tenant, user and role. */
public record Principal(String keyId, String tenantId, String userId, Role role) {
    public enum Role {
        /** Manages the tenant's keys and sees every run of the tenant. */
        ADMIN,
        /** Sees only its own runs and conversations. */
        MEMBER
    }

    public Principal {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
