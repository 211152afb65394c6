package dev.mainstay.bench.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.journal.Journal;
import dev.mainstay.journal.JournalException;
import dev.mainstay.store.RunQueue;
import dev.mainstay.store.Store;
import dev.mainstay.store.StoreException;
import dev.mainstay.tools.notes.NoteStore;
import dev.mainstay.tools.notes.NoteStoreException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class GatedViewTest {
    private static final Duration BOUND = Duration.ofSeconds(10);

    /** A store-shaped interface: a part, a call, and a call that calls back (as a transaction does). */
    public interface Parts {
        Part part();

        String hello(String who);

        <T> T within(Supplier<T> work);
    }

    public interface Part {
        String echo(String text);
    }

    /** Counts the calls that got through to it. */
    static final class FakeParts implements Parts {
        final CountDownLatch reached = new CountDownLatch(1);
        private final Part part = text -> text;

        @Override
        public Part part() {
            return part;
        }

        @Override
        public String hello(String who) {
            reached.countDown();
            return "hello " + who;
        }

        @Override
        public <T> T within(Supplier<T> work) {
            return work.get();
        }
    }

    private final Gate gate = new Gate();
    private final FakeParts target = new FakeParts();
    private final Parts view = GatedView.of(Parts.class, target, gate);

    @Test
    void aCallPassesAnOpenGate() {
        assertThat(view.hello("a")).isEqualTo("hello a");
        assertThat(view.part().echo("b")).isEqualTo("b");
    }

    @Test
    void aPausedGateHoldsACallUntilItIsResumed() throws Exception {
        gate.pause();
        var call = CompletableFuture.supplyAsync(() -> view.hello("late"));

        assertThat(gate.awaitHeld(1, BOUND)).isTrue();
        assertThat(target.reached.getCount()).isEqualTo(1);
        assertThat(call).isNotDone();

        gate.resume();
        assertThat(call.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo("hello late");
    }

    @Test
    void aDeadGateRefusesEveryCallAsAnUnreachableStoreWould() {
        gate.kill();

        assertThatThrownBy(() -> view.hello("a")).isInstanceOf(StoreException.class).hasMessage(Gate.KILLED);
        assertThat(target.reached.getCount()).isEqualTo(1);
        gate.resume();
        assertThatThrownBy(() -> view.hello("a")).isInstanceOf(StoreException.class);
    }

    @Test
    void killingAPausedGateFailsTheCallsItHolds() throws Exception {
        gate.pause();
        var call = CompletableFuture.supplyAsync(() -> view.hello("held"));
        assertThat(gate.awaitHeld(1, BOUND)).isTrue();

        gate.kill();

        assertThat(call).failsWithin(BOUND).withThrowableThat().havingCause().isInstanceOf(StoreException.class)
                .withMessage(Gate.KILLED);
    }

    @Test
    void aCallHeldLongerThanTheBoundFails() {
        var shortGate = new Gate(Duration.ofMillis(20));
        var shortView = GatedView.of(Parts.class, target, shortGate);
        shortGate.pause();

        assertThatThrownBy(() -> shortView.hello("a")).isInstanceOf(StoreException.class)
                .hasMessageContaining("held at a paused gate");
    }

    @Test
    void callsNestedInsideAnOuterCallAreNotGated() {
        var inner = view.within(() -> {
            gate.kill(); // the outer call is past the gate; what it calls back on this thread is part of it
            return view.hello("inner") + ", " + view.part().echo("deeper");
        });

        assertThat(inner).isEqualTo("hello inner, deeper");
        assertThatThrownBy(() -> view.hello("after")).isInstanceOf(StoreException.class);
    }

    @Test
    void aPauseInsideAnOuterCallDoesNotHoldItsNestedCalls() {
        var inner = view.within(() -> {
            gate.pause();
            return view.hello("inner");
        });

        assertThat(inner).isEqualTo("hello inner");
    }

    @Test
    void thePartsAStoreReturnsAreGatedByTheSameGate() {
        var part = view.part();
        assertThat(part).isNotSameAs(target.part()).isSameAs(view.part());

        gate.kill();

        assertThat(view.part()).isSameAs(part); // the accessor touches no database
        assertThatThrownBy(() -> part.echo("x")).isInstanceOf(StoreException.class).hasMessage(Gate.KILLED);
    }

    @Test
    void theJournalAndTheNotesAreRefusedWithTheirOwnExceptions() {
        assertThat(Gate.refusal(Journal.class, Gate.KILLED)).isInstanceOf(JournalException.class);
        assertThat(Gate.refusal(NoteStore.class, Gate.KILLED)).isInstanceOf(NoteStoreException.class);
        assertThat(Gate.refusal(RunQueue.class, Gate.KILLED)).isInstanceOf(StoreException.class);
    }

    @Test
    void aViewIsEqualOnlyToItselfAndSaysWhatItIs() {
        var other = GatedView.of(Parts.class, target, gate);

        assertThat(view).isEqualTo(view).isNotEqualTo(other).hasSameHashCodeAs(view);
        assertThat(view.hashCode()).isEqualTo(System.identityHashCode(view));
        assertThat(view.toString()).startsWith("gated ");
    }

    @Test
    void aNodeCannotCloseTheStoreItSharesNorBeStoppedByTheQueuesLocalSignals() {
        var closed = new AtomicBoolean();
        var queue = (RunQueue) Proxy.newProxyInstance(RunQueue.class.getClassLoader(), new Class<?>[] {RunQueue.class},
                (p, m, a) -> m.getName().equals("workSignal") ? (RunQueue.WorkSignal) max -> true : null);
        var store = (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
                (p, m, a) -> switch (m.getName()) {
                    case "close" -> {
                        closed.set(true);
                        yield null;
                    }
                    case "queue" -> queue;
                    default -> null;
                });
        var gated = GatedView.store(store, gate);
        var gatedQueue = gated.queue();
        gate.kill();

        assertThatThrownBy(gated::close).isInstanceOf(UnsupportedOperationException.class);
        assertThat(closed).isFalse();
        gatedQueue.notifyWork();
        assertThat(gatedQueue.workSignal()).isNotNull();
        assertThatThrownBy(() -> gatedQueue.depth(java.time.Instant.EPOCH)).isInstanceOf(StoreException.class);
    }
}
