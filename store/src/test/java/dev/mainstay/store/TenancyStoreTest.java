package dev.mainstay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.store.ApiKeys.KeyInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@BothDatabases
class TenancyStoreTest extends StoreTest {

    @Test
    void tenantsAreCreatedWithTheDefaultLimitsFoundAndChanged() {
        var acme = tenant("acme");

        assertThat(acme.limits()).isEqualTo(Tenants.TenantLimits.DEFAULTS);
        assertThat(store.tenants().find(acme.id())).contains(acme);
        assertThat(store.tenants().findByName("acme")).contains(acme);
        var changed = store.tenants().updateLimits(acme.id(), new Tenants.TenantLimits(3, 1.5, 7)).orElseThrow();
        assertThat(changed.limits()).isEqualTo(new Tenants.TenantLimits(3, 1.5, 7));
        assertThat(store.tenants().find(acme.id())).contains(changed);
        assertThat(store.tenants().updateLimits(acme.id(), changed.limits().withMaxQueuedRuns(9)).orElseThrow()
                .limits().maxQueuedRuns()).isEqualTo(9);
        assertThat(store.tenants().updateLimits("ten_nowhere", Tenants.TenantLimits.DEFAULTS)).isEmpty();
        tenant("beta");
        assertThat(store.tenants().list()).extracting(Tenants.Tenant::name).containsExactly("acme", "beta");
    }

    @Test
    void aTenantNameIsValidatedAndUnique() {
        tenant("acme");
        for (var bad : List.of("", "Acme", "acme corp", "a".repeat(65), "acme_1", "../x")) {
            assertThatThrownBy(() -> tenant(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> tenant("acme")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("taken");
        assertThat(tenant("a".repeat(64)).name()).hasSize(64);
        assertThat(store.tenants().list()).hasSize(2);
    }

    @Test
    void aKeysSecretIsShownOnceAndOnlyItsHashIsStored() throws Exception {
        var acme = tenant("acme");

        var created = store.keys().create(acme.id(), "alice", Principal.Role.MEMBER, clock.instant());

        assertThat(created.secret()).matches("msk_[0-9A-Za-z]{32}");
        assertThat(created.info().prefix()).isEqualTo(created.secret().substring(0, 8));
        var stored = database.everyValueOf("api_keys");
        assertThat(stored).noneMatch(v -> v.contains(created.secret().substring(4)));
        var sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(created.secret().getBytes(StandardCharsets.UTF_8)));
        assertThat(stored).contains(sha);
        assertThat(store.keys().create(acme.id(), "alice", Principal.Role.MEMBER, clock.instant()).secret())
                .isNotEqualTo(created.secret());
    }

    @Test
    void aKeyAuthenticatesItsPrincipalUntilItIsRevoked() {
        var acme = tenant("acme");
        var admin = store.keys().create(acme.id(), "root", Principal.Role.ADMIN, clock.instant());

        assertThat(store.keys().authenticate(admin.secret(), clock.instant()))
                .contains(new Principal(admin.info().id(), acme.id(), "root", Principal.Role.ADMIN));
        assertThat(store.keys().authenticate(admin.secret() + "x", clock.instant())).isEmpty();
        assertThat(store.keys().authenticate("not a key", clock.instant())).isEmpty();
        assertThat(store.keys().authenticate("msk_" + "x".repeat(10_000), clock.instant())).isEmpty();

        assertThat(store.keys().revoke(Optional.of(tenant("globex").id()), admin.info().id(), clock.instant()))
                .isFalse();
        assertThat(store.keys().authenticate(admin.secret(), clock.instant())).isPresent();
        assertThat(store.keys().revoke(Optional.of(acme.id()), admin.info().id(), clock.instant())).isTrue();
        assertThat(store.keys().authenticate(admin.secret(), clock.instant())).isEmpty();
        assertThat(store.keys().revoke(Optional.empty(), admin.info().id(), clock.instant())).isTrue();
        assertThat(store.keys().revoke(Optional.empty(), "key_nowhere", clock.instant())).isFalse();
        assertThat(store.keys().list(acme.id()).getFirst().revokedAt()).contains(clock.instant());
    }

    @Test
    void theLastUseIsRecordedAtMostOncePerMinute() {
        var acme = tenant("acme");
        var key = store.keys().create(acme.id(), "alice", Principal.Role.MEMBER, clock.instant());
        var first = clock.instant();

        store.keys().authenticate(key.secret(), first);
        store.keys().authenticate(key.secret(), first.plusSeconds(30));
        assertThat(lastUsed(acme.id())).contains(first);

        store.keys().authenticate(key.secret(), first.plusSeconds(61));
        assertThat(lastUsed(acme.id())).contains(first.plusSeconds(61));
    }

    private static Optional<java.time.Instant> lastUsed(String tenantId) {
        return store.keys().list(tenantId).getFirst().lastUsedAt();
    }

    @Test
    void keysAreListedPerTenantAndAllTogetherWithoutSecrets() {
        var acme = tenant("acme");
        var globex = tenant("globex");
        var a = store.keys().create(acme.id(), "alice", Principal.Role.ADMIN, clock.instant());
        clock.advance(Duration.ofSeconds(1));
        var b = store.keys().create(acme.id(), "bob", Principal.Role.MEMBER, clock.instant());
        var g = store.keys().create(globex.id(), "gina", Principal.Role.MEMBER, clock.instant());

        assertThat(store.keys().list(acme.id())).containsExactly(a.info(), b.info());
        assertThat(store.keys().listAll()).extracting(KeyInfo::id)
                .containsExactlyInAnyOrder(a.info().id(), b.info().id(), g.info().id());
        assertThatThrownBy(() -> store.keys().create("ten_nowhere", "x", Principal.Role.MEMBER, clock.instant()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tenantBNeverSeesTenantAsObjects() {
        var a = tenant("tenant-a");
        var b = tenant("tenant-b");
        var conversation = store.conversations().create(a.id(), "alice", clock.instant());
        var run = accept(newRun(a.id(), "alice", Optional.of(conversation.id())));
        var claim = claim("w1");
        store.events().append(claim.fence(), QueueStoreTest.delta(run.id(), a.id(), 1));
        store.queue().finish(claim.fence(), QueueStoreTest.completed("answer"));
        store.notes().save(a.id(), "alice", "trip", "Porto", "toolu_1");
        var everything = new RunFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 100);

        assertThat(store.runs().find(b.id(), run.id())).isEmpty();
        assertThat(store.runs().list(b.id(), everything).items()).isEmpty();
        assertThat(store.runs().list(b.id(), new RunFilter(Optional.of("alice"), Optional.empty(),
                Optional.of(conversation.id()), Optional.empty(), 100)).items()).isEmpty();
        assertThat(store.runs().requestCancel(b.id(), run.id(), clock.instant())).isEmpty();
        assertThat(store.events().after(b.id(), run.id(), 0, 100)).isEmpty();
        assertThat(store.conversations().find(b.id(), Optional.empty(), conversation.id())).isEmpty();
        assertThat(store.conversations().find(b.id(), Optional.of("alice"), conversation.id())).isEmpty();
        assertThat(store.conversations().history(b.id(), conversation.id())).isEmpty();
        assertThat(store.conversations().delete(b.id(), Optional.empty(), conversation.id())).isFalse();
        assertThat(store.notes().list(b.id(), "alice")).isEmpty();
        assertThat(store.notes().read(b.id(), "alice", "trip")).isEmpty();
        assertThat(store.notes().findWrite(b.id(), "alice", "toolu_1")).isEmpty();
        assertThat(store.keys().list(b.id())).isEmpty();

        // and tenant A still sees all of it
        assertThat(store.runs().list(a.id(), everything).items()).hasSize(1);
        assertThat(store.events().after(a.id(), run.id(), 0, 100)).hasSize(1);
        assertThat(store.conversations().history(a.id(), conversation.id())).hasSize(2);
        assertThat(store.notes().list(a.id(), "alice")).hasSize(1);
    }
}
