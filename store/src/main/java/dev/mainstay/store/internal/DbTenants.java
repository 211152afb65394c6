package dev.mainstay.store.internal;

import dev.mainstay.store.Tenants;
import dev.mainstay.time.IdGenerator;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.mapper.RowMapper;

/** Tenants in {@code tenants}; the name is unique (a constraint, so two nodes cannot both create one). */
final class DbTenants implements Tenants {
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,64}");
    private static final String COLUMNS = "id, name, max_concurrent_runs, requests_per_second, burst, max_queued_runs, created_at";
    private static final RowMapper<Tenant> MAPPER = (rows, ctx) -> new Tenant(rows.getString("id"),
            rows.getString("name"), new TenantLimits(rows.getInt("max_concurrent_runs"),
                    rows.getDouble("requests_per_second"), rows.getInt("burst"), rows.getInt("max_queued_runs")),
            Values.instant(rows.getLong("created_at")));

    private final Database db;
    private final IdGenerator ids;
    private final WorkNotifications work;

    DbTenants(Database db, IdGenerator ids, WorkNotifications work) {
        this.db = db;
        this.ids = ids;
        this.work = work;
    }

    @Override
    public Tenant create(String name, Instant now) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a tenant name is 1 to 64 of a-z, 0-9 and '-', but was '" + name + "'");
        }
        var tenant = new Tenant(ids.next("ten"), name, TenantLimits.DEFAULTS, now);
        var limits = tenant.limits();
        int inserted = db.write("create a tenant", h -> h.createUpdate("""
                INSERT INTO tenants (id, name, max_concurrent_runs, requests_per_second, burst, max_queued_runs,
                  created_at)
                VALUES (:id, :name, :max, :rate, :burst, :queued, :at) ON CONFLICT (name) DO NOTHING""")
                .bind("queued", limits.maxQueuedRuns())
                .bind("id", tenant.id()).bind("name", name).bind("max", limits.maxConcurrentRuns())
                .bind("rate", limits.requestsPerSecond()).bind("burst", limits.burst())
                .bind("at", Values.nanos(now)).execute());
        if (inserted == 0) {
            throw new IllegalArgumentException("the tenant name '" + name + "' is taken");
        }
        return tenant;
    }

    @Override
    public Optional<Tenant> find(String id) {
        return db.read("find a tenant", h -> h.createQuery("SELECT " + COLUMNS + " FROM tenants WHERE id = :id")
                .bind("id", id).map(MAPPER).findOne());
    }

    @Override
    public Optional<Tenant> findByName(String name) {
        return db.read("find a tenant", h -> h.createQuery("SELECT " + COLUMNS + " FROM tenants WHERE name = :name")
                .bind("name", name).map(MAPPER).findOne());
    }

    @Override
    public List<Tenant> list() {
        return db.read("list tenants", h -> h.createQuery("SELECT " + COLUMNS + " FROM tenants ORDER BY name")
                .map(MAPPER).list());
    }

    @Override
    public Optional<Tenant> updateLimits(String id, TenantLimits limits) {
        var updated = db.write("change a tenant's limits", h -> {
            int changed = h.createUpdate("""
                    UPDATE tenants SET max_concurrent_runs = :max, requests_per_second = :rate, burst = :burst,
                      max_queued_runs = :queued
                    WHERE id = :id""")
                    .bind("queued", limits.maxQueuedRuns())
                    .bind("max", limits.maxConcurrentRuns()).bind("rate", limits.requestsPerSecond())
                    .bind("burst", limits.burst()).bind("id", id).execute();
            return changed == 0 ? Optional.<Tenant>empty()
                    : h.createQuery("SELECT " + COLUMNS + " FROM tenants WHERE id = :id").bind("id", id).map(MAPPER)
                            .findOne();
        });
        // a raised concurrency limit may make queued runs claimable
        updated.ifPresent(t -> work.signal());
        return updated;
    }
}
