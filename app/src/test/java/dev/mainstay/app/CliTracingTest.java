package dev.mainstay.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run started from the terminal exports the same GenAI spans as the service, into the caller's trace. */
class CliTracingTest {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_SPAN = "00f067aa0ba902b7";

    @TempDir
    Path dir;

    private final List<ExportTraceServiceRequest> received = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private HttpServer collector;

    @BeforeEach
    void startCollector() throws Exception {
        collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            try (exchange) {
                received.add(ExportTraceServiceRequest.parseFrom(exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        collector.start();
    }

    @AfterEach
    void stopCollector() {
        collector.stop(0);
    }

    private int run(Map<String, String> extraEnv, String... args) {
        var env = new HashMap<String, String>();
        env.put("MAINSTAY_NOTES_DB", dir.resolve("notes.db").toString());
        env.putAll(extraEnv);
        return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void askWithTheOtelVariablesExportsTheRunAndItsCallsAsChildrenOfTheCallersTraceparent() {
        int exit = run(Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort(),
                "OTEL_SERVICE_NAME", "mainstay-cli-test",
                "TRACEPARENT", "00-" + TRACE_ID + "-" + PARENT_SPAN + "-01"), "ask", "what's 12.5% of 880");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        // the process flushed its spans before ask returned; the wait only bounds a slow receiver thread
        await().atMost(Duration.ofSeconds(10)).until(() -> spans().stream()
                .anyMatch(s -> s.getName().startsWith("invoke_agent")));
        var run = spans().stream().filter(s -> s.getName().startsWith("invoke_agent")).findFirst().orElseThrow();
        assertThat(hex(run.getTraceId().toByteArray())).isEqualTo(TRACE_ID);
        assertThat(hex(run.getParentSpanId().toByteArray())).isEqualTo(PARENT_SPAN);
        assertThat(spans()).filteredOn(s -> s.getName().startsWith("chat ")).isNotEmpty()
                .allSatisfy(chat -> assertThat(chat.getParentSpanId()).isEqualTo(run.getSpanId()));
        assertThat(spans()).filteredOn(s -> s.getName().equals("execute_tool calculator")).hasSize(1)
                .allSatisfy(tool -> assertThat(tool.getParentSpanId()).isEqualTo(run.getSpanId()));
    }

    @Test
    void withoutTheOtelVariablesNothingIsExported() {
        int exit = run(Map.of(), "ask", "what's 2+2");

        assertThat(exit).isZero();
        assertThat(received).isEmpty();
    }

    private List<Span> spans() {
        return received.stream().flatMap(r -> r.getResourceSpansList().stream())
                .flatMap(rs -> rs.getScopeSpansList().stream()).flatMap(ss -> ss.getSpansList().stream()).toList();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
