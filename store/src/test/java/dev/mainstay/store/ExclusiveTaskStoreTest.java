package dev.mainstay.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@BothDatabases
class ExclusiveTaskStoreTest extends StoreTest {

    @Test
    @Timeout(60)
    void aTaskRunningSomewhereIsSkippedElsewhereAndFreeAgainWhenItEnds() throws Exception {
        var ranInside = new AtomicBoolean(true);
        boolean ran = store.exclusively("purge", () -> {
            // another thread (on PostgreSQL another connection: another node, as far as the lock can tell)
            var elsewhere = CompletableFuture.supplyAsync(() -> store.exclusively("purge", () -> {}));
            try {
                ranInside.set(elsewhere.get(30, TimeUnit.SECONDS));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });

        assertThat(ran).isTrue();
        assertThat(ranInside).isFalse();
        assertThat(CompletableFuture.supplyAsync(() -> store.exclusively("purge", () -> {}))
                .get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(store.exclusively("another-task", () -> {})).isTrue();
    }
}
