package dev.mainstay.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void readsHumanAndIsoDurations() {
        assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(Durations.parse(" 30s ")).contains(Duration.ofSeconds(30));
        assertThat(Durations.parse("2m")).contains(Duration.ofMinutes(2));
        assertThat(Durations.parse("1h")).contains(Duration.ofHours(1));
        assertThat(Durations.parse("PT1.5S")).contains(Duration.ofMillis(1500));
    }

    @Test
    void rejectsWhatIsNotADuration() {
        assertThat(Durations.parse("soon")).isEmpty();
        assertThat(Durations.parse("-5s")).isEmpty();
        assertThat(Durations.parse("5 minutes")).isEmpty();
        assertThat(Durations.parse(null)).isEmpty();
    }

    @Test
    void printsTheLargestExactUnit() {
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ofSeconds(120))).isEqualTo("2m");
    }
}
