package dev.mainstay.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TraceparentTest {
    @Test
    void readsAndWritesTheW3cHeader() {
        var header = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        var parsed = Traceparent.parse(header).orElseThrow();
        assertThat(parsed.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(parsed.spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(parsed.sampled()).isTrue();
        assertThat(parsed.header()).isEqualTo(header);
        assertThat(Traceparent.parse("00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-00").orElseThrow()
                .sampled()).isFalse();
    }

    @Test
    void aMalformedHeaderStartsANewTraceInstead() {
        assertThat(Traceparent.parse(null)).isEmpty();
        assertThat(Traceparent.parse("garbage")).isEmpty();
        assertThat(Traceparent.parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isEmpty();
        assertThat(Traceparent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).isEmpty();
        assertThat(Traceparent.parse("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).isEmpty();
        assertThat(Traceparent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra")).isEmpty();
        // a later version is read by its version-00 part
        assertThat(Traceparent.parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra")).isPresent();
    }

    @Test
    void aRandomTraceHasValidIds() {
        var random = Traceparent.random(new Random(7));
        assertThat(Traceparent.parse(random.header())).contains(random);
    }
}
