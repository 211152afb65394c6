package dev.mainstay.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.mainstay.run.RunRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Spans leave over OTLP/HTTP as the standard variables configure it, and a receiver can decode them. */
class OtlpExportTest {
    private final List<ExportTraceServiceRequest> received = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void runSpansAreSentOverOtlpHttpToTheConfiguredEndpoint() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            try (exchange) {
                paths.add(exchange.getRequestURI().getPath());
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                received.add(ExportTraceServiceRequest.parseFrom(exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        var config = TelemetryConfig.fromEnv(Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + receiver.getAddress().getPort(),
                "OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Bearer%20collector-token",
                "OTEL_SERVICE_NAME", "mainstay-test",
                "OTEL_BSP_SCHEDULE_DELAY", "50")).tracing();
        assertThat(config.enabled()).isTrue();
        assertThat(config.endpoint()).isEqualTo(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort()
                + "/v1/traces"));
        assertThat(config.toString()).doesNotContain("collector-token");

        try (var tracing = Tracing.start(config, "node-7");
                var loop = Runs.loop(Runs.model(), List.of(tracing.interceptor().orElseThrow()),
                        List.of(tracing.listener().orElseThrow()))) {
            loop.run(Runs.agent(), new RunRequest("run_otlp", "acme", "ada", "hi"));
        } // closing flushes the batch

        await().atMost(Duration.ofSeconds(10)).until(() -> spans().size() == 5);
        assertThat(paths).containsOnly("/v1/traces");
        assertThat(authorizations).containsOnly("Bearer collector-token");
        var resource = attributes(received.getFirst().getResourceSpans(0).getResource().getAttributesList());
        assertThat(resource).containsEntry("service.name", "mainstay-test").containsEntry("service.instance.id",
                "node-7");
        var byName = spans().stream().collect(Collectors.groupingBy(Span::getName));
        var run = byName.get("invoke_agent assistant").getFirst();
        assertThat(attributes(run.getAttributesList())).containsEntry("mainstay.run.id", "run_otlp")
                .containsEntry("gen_ai.operation.name", "invoke_agent");
        assertThat(byName.get("chat claude-sonnet-4-5")).hasSize(3).allSatisfy(chat -> {
            assertThat(chat.getParentSpanId()).isEqualTo(run.getSpanId());
            assertThat(chat.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        });
        assertThat(byName.get("execute_tool echo").getFirst().getParentSpanId()).isEqualTo(run.getSpanId());
    }

    private List<Span> spans() {
        return received.stream().flatMap(r -> r.getResourceSpansList().stream())
                .flatMap(rs -> rs.getScopeSpansList().stream()).flatMap(ss -> ss.getSpansList().stream()).toList();
    }

    private static Map<String, String> attributes(List<KeyValue> list) {
        return list.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().hasStringValue()
                ? kv.getValue().getStringValue() : kv.getValue().toString().strip(), (a, b) -> a));
    }
}
