package dev.mainstay.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.observe.MicrometerRunListener;
import dev.mainstay.run.RunRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What Prometheus reads at /metrics after a run: GenAI names, Mainstay's own, and no unbounded label. */
class MetricsExpositionTest {
    private final io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry = PrometheusMetrics.registry();

    @Test
    void aRunIsExposedUnderTheGenAiNamesAndMainstaysOwnInOpenMetricsText() {
        try (var loop = Runs.loop(Runs.model(), List.of(new GenAiMetricsInterceptor(registry)),
                List.of(new MicrometerRunListener(registry)))) {
            loop.run(Runs.agent(), new RunRequest("run_secret_id_1", "acme", "user_secret_id_1", "hi"));
        }
        new HttpTelemetry(registry).record("GET", "/v1/runs/{id}", 200, Duration.ofMillis(12));

        var text = PrometheusMetrics.scrape(registry, PrometheusMetrics.OPENMETRICS);

        assertThat(text).endsWith("# EOF\n");
        assertThat(text).contains("gen_ai_client_operation_duration_seconds_bucket{error_type=\"overloaded_error\","
                + "gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"anthropic\",gen_ai_request_model=\"claude-sonnet-4-5\"");
        assertThat(line(text, "gen_ai_client_token_usage_sum{", "gen_ai_token_type=\"cache_read\"")).endsWith(" 200.0");
        assertThat(line(text, "gen_ai_client_token_usage_sum{", "gen_ai_token_type=\"input\"")).endsWith(" 360.0");
        assertThat(line(text, "mainstay_runs_finished_total{", "status=\"succeeded\"")).contains("tenant=\"acme\"")
                .contains("stop_reason=\"completed\"");
        assertThat(text).contains("mainstay_run_duration_seconds_bucket{status=\"succeeded\",le=\"30.0\"}");
        assertThat(text).contains("mainstay_model_tokens_total{kind=\"cache_read\",model=\"claude-sonnet-4-5\"");
        assertThat(text).contains("http_server_request_duration_seconds_count{error_type=\"none\","
                + "http_request_method=\"GET\",http_response_status_code=\"200\",http_route=\"/v1/runs/{id}\"} 1");
        assertThat(text).contains("jvm_memory_used_bytes");
        // neither a run id nor a user id is ever a label value
        assertThat(text).doesNotContain("run_secret_id_1").doesNotContain("user_secret_id_1");
    }

    @Test
    void aScraperAskingForTheClassicFormatGetsIt() {
        assertThat(PrometheusMetrics.contentType("text/plain;version=0.0.4")).isEqualTo(PrometheusMetrics.TEXT);
        assertThat(PrometheusMetrics.contentType("application/openmetrics-text;version=1.0.0,text/plain;q=0.5"))
                .isEqualTo(PrometheusMetrics.OPENMETRICS);
        assertThat(PrometheusMetrics.contentType(null)).isEqualTo(PrometheusMetrics.OPENMETRICS);
    }

    private static String line(String text, String prefix, String containing) {
        return text.lines().filter(l -> l.startsWith(prefix) && l.contains(containing)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + prefix + "…" + containing + " in\n" + text));
    }
}
