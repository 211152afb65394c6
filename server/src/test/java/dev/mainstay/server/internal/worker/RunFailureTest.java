package dev.mainstay.server.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.journal.Fence;
import dev.mainstay.journal.FencedOutException;
import dev.mainstay.journal.JournalException;
import dev.mainstay.store.StoreException;
import org.junit.jupiter.api.Test;

class RunFailureTest {
    /** What a tool turn throws for a failure on a tool call's own thread. */
    private static IllegalStateException toolTurnFailed(Throwable cause) {
        return new IllegalStateException("tool turn failed", cause);
    }

    @Test
    void theStoreTheJournalALostLeaseAndAnInterruptionAreInfrastructureAlsoAsACause() {
        assertThat(RunFailure.of(new StoreException("down"))).isEqualTo(RunFailure.INFRASTRUCTURE);
        assertThat(RunFailure.of(new JournalException("down", null))).isEqualTo(RunFailure.INFRASTRUCTURE);
        assertThat(RunFailure.of(new FencedOutException(Fence.first("run_1"), 2)))
                .isEqualTo(RunFailure.INFRASTRUCTURE);
        assertThat(RunFailure.of(toolTurnFailed(new StoreException("down")))).isEqualTo(RunFailure.INFRASTRUCTURE);
        assertThat(RunFailure.of(new RuntimeException(new InterruptedException()))).isEqualTo(RunFailure.INFRASTRUCTURE);
    }

    @Test
    void anyOtherExceptionOrErrorShortOfTheJvmsOwnIsABug() {
        assertThat(RunFailure.of(new IllegalStateException("unexpected"))).isEqualTo(RunFailure.BUG);
        assertThat(RunFailure.of(new AssertionError("unexpected"))).isEqualTo(RunFailure.BUG);
        assertThat(RunFailure.of(new StackOverflowError())).isEqualTo(RunFailure.BUG);
        assertThat(RunFailure.of(new NoClassDefFoundError("dev/mainstay/Gone"))).isEqualTo(RunFailure.BUG);
        assertThat(RunFailure.of(toolTurnFailed(new NullPointerException()))).isEqualTo(RunFailure.BUG);
    }

    @Test
    void runningOutOfMemoryIsFatalAlsoAsTheCauseOfAToolTurnsFailure() {
        assertThat(RunFailure.of(new OutOfMemoryError("heap"))).isEqualTo(RunFailure.FATAL);
        assertThat(RunFailure.of(toolTurnFailed(new OutOfMemoryError("heap")))).isEqualTo(RunFailure.FATAL);
        assertThat(RunFailure.of(new InternalError("jvm"))).isEqualTo(RunFailure.FATAL);
    }

    @Test
    void aCauseChainThatLoopsIsLookedAtOnce() {
        var a = new IllegalStateException("a");
        var b = new IllegalArgumentException("b", a);
        a.initCause(b);

        assertThat(RunFailure.of(a)).isEqualTo(RunFailure.BUG);
        assertThat(RunFailure.describe(a)).isEqualTo("IllegalStateException, caused by IllegalArgumentException");
    }

    @Test
    void theDescriptionNamesTheClassesNeverTheMessage() {
        assertThat(RunFailure.describe(new AssertionError("sk-live-123"))).isEqualTo("AssertionError");
        assertThat(RunFailure.describe(toolTurnFailed(new NullPointerException("sk-live-123"))))
                .isEqualTo("IllegalStateException, caused by NullPointerException");
    }
}
