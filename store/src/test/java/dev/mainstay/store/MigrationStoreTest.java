package dev.mainstay.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.testing.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The migrations, on a database of each test's own. */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class MigrationStoreTest {
    @Parameter
    Backend backend;

    TestDatabase database;
    final FakeClock clock = new FakeClock();

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.create(backend);
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void theMigrationsApplyOnAnEmptyDatabase() {
        try (var store = Stores.open(database.config(), clock)) {
            assertThat(store.health()).satisfies(h -> {
                assertThat(h.ok()).isTrue();
                assertThat(h.detail()).contains("4 migrations applied");
            });
            assertThat(store.dialect()).isEqualTo(backend == Backend.SQLITE ? "sqlite" : "postgresql");
        }
        for (var table : TestDatabase.TABLES) {
            assertThat(database.count("SELECT COUNT(*) FROM " + table)).as(table).isZero();
        }
        assertThat(database.count("SELECT COUNT(*) FROM flyway_schema_history WHERE success = TRUE")).isEqualTo(4);
    }

    @Test
    void anAlreadyMigratedDatabaseOpensAgainWithItsData() {
        Tenants.Tenant acme;
        try (var store = Stores.open(database.config(), clock)) {
            acme = store.tenants().create("acme", clock.instant());
        }

        try (var store = Stores.open(database.config(), clock)) {
            assertThat(store.health().ok()).isTrue();
            assertThat(store.tenants().findByName("acme")).contains(acme);
        }
        assertThat(database.count("SELECT COUNT(*) FROM flyway_schema_history")).isEqualTo(4);
    }

    @Test
    void healthSaysWhenTheMigrationsAreNotAllApplied() {
        try (var store = Stores.open(database.config(), clock)) {
            database.execute("DELETE FROM flyway_schema_history");

            var health = store.health();

            assertThat(health.reachable()).isTrue();
            assertThat(health.migrated()).isFalse();
            assertThat(health.ok()).isFalse();
        }
    }
}
