package dev.mainstay.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mainstay.config.ConfigProblem;
import dev.mainstay.config.InvalidConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryConfigTest {
    @Test
    void tracingIsOffContentIsNotLoggedAndTheTenantLabelIsOnByDefault() {
        var config = TelemetryConfig.fromEnv(Map.of());
        assertThat(config.tracing().enabled()).isFalse();
        assertThat(config.logContent()).isFalse();
        assertThat(config.tenantLabel()).isTrue();
    }

    @Test
    void anOtlpEndpointOrExporterTurnsTracingOnAndTheSdkSwitchTurnsItOff() {
        assertThat(TelemetryConfig.fromEnv(Map.of("OTEL_TRACES_EXPORTER", "otlp")).tracing().endpoint())
                .hasToString("http://localhost:4318/v1/traces");
        assertThat(TelemetryConfig.fromEnv(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://c:4318/x")).tracing())
                .satisfies(t -> assertThat(t.enabled()).isTrue())
                .satisfies(t -> assertThat(t.endpoint()).hasToString("http://c:4318/x"));
        assertThat(TelemetryConfig.fromEnv(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318",
                "OTEL_TRACES_EXPORTER", "none")).tracing().enabled()).isFalse();
        assertThat(TelemetryConfig.fromEnv(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318",
                "OTEL_SDK_DISABLED", "true")).tracing().enabled()).isFalse();
    }

    @Test
    void everyBadSettingIsReportedAtOnceWithoutEchoingHeaders() {
        assertThatThrownBy(() -> TelemetryConfig.fromEnv(Map.of("MAINSTAY_LOG_CONTENT", "yes",
                "MAINSTAY_METRICS_TENANT_LABEL", "maybe", "OTEL_TRACES_SAMPLER", "sometimes",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc", "OTEL_EXPORTER_OTLP_HEADERS", "secret-token-no-equals")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
                    assertThat(e.problems()).extracting(ConfigProblem::setting).containsExactlyInAnyOrder(
                            "MAINSTAY_LOG_CONTENT", "MAINSTAY_METRICS_TENANT_LABEL", "OTEL_TRACES_SAMPLER",
                            "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_HEADERS");
                    assertThat(e.getMessage()).doesNotContain("secret-token");
                });
    }
}
