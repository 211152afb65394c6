package dev.mainstay.redact;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which tenants have their stored content and API responses redacted, and of what. Logs, traces and error messages
 * are always redacted of secrets, whatever this says ({@link Redactor#secrets()}); this decides the rest.
 *
 * @param stored what is redacted from the journal as it is stored, by default
 * @param responses what is redacted from API responses, by default
 * @param storedByTenant per-tenant overrides of {@code stored}
 * @param responsesByTenant per-tenant overrides of {@code responses}
 */
public record TenantRedaction(Set<Redactor.Kind> stored, Set<Redactor.Kind> responses,
        Map<String, Set<Redactor.Kind>> storedByTenant, Map<String, Set<Redactor.Kind>> responsesByTenant) {
    /** Nothing redacted beyond the secrets every log line loses. */
    public static final TenantRedaction NONE = new TenantRedaction(Set.of(), Set.of(), Map.of(), Map.of());

    public TenantRedaction {
        stored = Set.copyOf(stored);
        responses = Set.copyOf(responses);
        storedByTenant = Map.copyOf(storedByTenant);
        responsesByTenant = Map.copyOf(responsesByTenant);
    }

    public Redactor forStored(String tenantId) {
        return Redactor.of(storedByTenant.getOrDefault(Objects.requireNonNull(tenantId, "tenantId"), stored));
    }

    public Redactor forResponses(String tenantId) {
        return Redactor.of(responsesByTenant.getOrDefault(Objects.requireNonNull(tenantId, "tenantId"), responses));
    }

    public boolean storesAnythingRedacted() {
        return !stored.isEmpty() || storedByTenant.values().stream().anyMatch(k -> !k.isEmpty());
    }
}
