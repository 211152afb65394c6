package dev.mainstay.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaultProfileTest {
    @Test
    void listsEveryInvalidSettingAtOnce() {
        assertThatThrownBy(() -> FaultProfile.builder().rate429(1.5).hangRate(-0.1).cutAfterEvents(-2)
                        .retryAfter(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rate429 must be between 0 and 1, but was 1.5")
                .hasMessageContaining("hangRate must be between 0 and 1, but was -0.1")
                .hasMessageContaining("cutAfterEvents must not be negative, but was -2")
                .hasMessageContaining("retryAfter must not be negative");
    }

    @Test
    void rejectsRatesThatAddUpToMoreThanOne() {
        assertThatThrownBy(() -> FaultProfile.builder().rate529(0.7).rate500(0.4).build())
                .hasMessageContaining("must add up to at most 1");
        assertThat(FaultProfile.builder().rate529(0.6).rate500(0.4).build().totalFaultRate()).isEqualTo(1.0);
    }

    @Test
    void countsTheClientErrorRatesInTheSumAndChecksTheirRange() {
        assertThatThrownBy(() -> FaultProfile.builder().rate529(0.6).rate(ErrorFault.NOT_FOUND_404, 0.5).build())
                .hasMessageContaining("must add up to at most 1");
        assertThatThrownBy(() -> FaultProfile.builder().rate(ErrorFault.PERMISSION_403, -0.5).build())
                .hasMessageContaining("rate_403 must be between 0 and 1, but was -0.5");
        var profile = FaultProfile.builder().rate(ErrorFault.PERMISSION_403, 0.2).rate429(0.1).build();
        assertThat(profile.totalFaultRate()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(profile.toBuilder().rate(ErrorFault.PERMISSION_403, 0).build().rate(ErrorFault.PERMISSION_403))
                .isZero();
    }

    @Test
    void rejectsNaNRates() {
        assertThatThrownBy(() -> FaultProfile.builder().rate500(Double.NaN).build())
                .hasMessageContaining("rate500 must be between 0 and 1");
    }

    @Test
    void knowsItsNamedPresetsWhateverTheSpelling() {
        assertThat(FaultProfile.named("none")).isEqualTo(FaultProfile.NONE);
        assertThat(FaultProfile.named(" Outage ").rate529()).isEqualTo(1.0);
        assertThat(FaultProfile.named("rate-limit")).isEqualTo(FaultProfile.named("rate_limit"));
        assertThat(FaultProfile.named("flaky").totalFaultRate()).isBetween(0.05, 0.3);
        for (var name : FaultProfile.NAMES) {
            assertThat(FaultProfile.named(name)).isNotNull();
        }
        assertThatThrownBy(() -> FaultProfile.named("apocalypse"))
                .hasMessageContaining("unknown fault profile 'apocalypse'")
                .hasMessageContaining("flaky");
    }

    @Test
    void scopesToModels() {
        var scoped = FaultProfile.named("outage").forModels(Set.of("claude-opus-4-1"));

        assertThat(scoped.appliesTo("claude-opus-4-1")).isTrue();
        assertThat(scoped.appliesTo("claude-sonnet-4-5")).isFalse();
        assertThat(FaultProfile.named("outage").appliesTo("anything")).isTrue();
    }

    @Test
    void latencyRejectsNegativeDurationsAndDrawsJitterInItsRange() {
        assertThatThrownBy(() -> new Latency(Duration.ofMillis(-1), Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("latency base must not be negative");
        var latency = new Latency(Duration.ofMillis(10), Duration.ofMillis(5), Duration.ofMillis(2));
        var random = new java.util.SplittableRandom(3);
        for (int i = 0; i < 100; i++) {
            assertThat(latency.timeToFirstByte(random)).isGreaterThanOrEqualTo(Duration.ofMillis(10))
                    .isLessThan(Duration.ofMillis(15));
        }
        assertThat(latency.forOutputTokens(50)).isEqualTo(Duration.ofMillis(100));
        assertThat(Latency.ZERO.isZero()).isTrue();
    }

    @Test
    void configRejectsBadSettingsAllAtOnceAndModesParse() {
        assertThatThrownBy(() -> new SimulatorConfig(" ", 70_000, 1, null, null, null))
                .hasMessageContaining("host must not be blank")
                .hasMessageContaining("port must be between 0 and 65535, but was 70000")
                .hasMessageContaining("mode must be set")
                .hasMessageContaining("faults must be set");
        assertThat(SimulatorConfig.defaults().withPort(8089).withSeed(5).withMode(SimMode.OBEDIENT))
                .isEqualTo(new SimulatorConfig("127.0.0.1", 8089, 5, SimMode.OBEDIENT, FaultProfile.NONE, null));
        assertThat(SimMode.parse("Obedient")).isEqualTo(SimMode.OBEDIENT);
        assertThatThrownBy(() -> SimMode.parse("sneaky")).hasMessageContaining("scripted, runaway, obedient");
    }
}
