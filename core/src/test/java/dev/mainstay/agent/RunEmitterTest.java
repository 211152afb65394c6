package dev.mainstay.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.event.RunEvent;
import dev.mainstay.event.RunStarted;
import dev.mainstay.event.internal.RunEvents;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RunEmitterTest {
    private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-12-07T03:00:00Z"));

    @Test
    void anEventNobodyListensToIsNeverBuilt() {
        var built = new AtomicInteger();
        var emitter = new RunEmitter(RunEvents.none(), clock, "run_1", "acme", 1);

        emitter.emit(meta -> {
            built.incrementAndGet();
            return new RunStarted(meta, "ada", "agent", false);
        });

        assertThat(built).hasValue(0);
    }

    @Test
    void listenersGetGaplessSequenceNumbersFromTheFirstOne() {
        var heard = new ArrayList<RunEvent>();
        var emitter = new RunEmitter(new RunEvents(List.of(heard::add)), clock, "run_1", "acme", 7);

        emitter.emit(meta -> new RunStarted(meta, "ada", "agent", true));
        emitter.emit(meta -> new RunStarted(meta, "ada", "agent", true));

        assertThat(heard).extracting(e -> e.meta().seq()).containsExactly(7L, 8L);
        assertThat(heard).allSatisfy(e -> assertThat(e.meta().runId()).isEqualTo("run_1"));
    }
}
