package dev.mainstay.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.chaos.ChaosProfiles;
import dev.mainstay.json.Json;
import dev.mainstay.server.MainstayServer;
import dev.mainstay.server.testing.ApiClient;
import dev.mainstay.server.testing.Databases;
import dev.mainstay.server.testing.NodeTestBase;
import dev.mainstay.server.testing.TestNode;
import dev.mainstay.store.Principal.Role;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The alerting pipeline end to end, with the real components: a running {@code serve} node on SQLite, a real
 * Prometheus (Debian's package) scraping its {@code /metrics} every second and evaluating deploy/monitoring/rules.yml
 * — its windows and {@code for:} durations scaled down from hours to seconds ({@link #SCALED}), nothing else changed —
 * and the simulator driven into the chaos suite's {@code outage} profile (the primary model answers 529 to everything).
 * The page-level burn-rate alert must go to firing, and every query of the Grafana dashboard must return data.
 */
class PrometheusAlertsTest extends NodeTestBase {
    /** Production window → test window: the same rules, on a time scale a test can wait for. */
    static final Map<String, String> SCALED = scaled();
    private static final Duration FIRING = Duration.ofSeconds(45);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Process prometheus;

    @Override
    protected Databases.Kind database() {
        return Databases.Kind.SQLITE;
    }

    @AfterEach
    void stopPrometheus() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
    }

    @Test
    void aModelOutageFiresTheBurnRateAlertAndEveryDashboardQueryReturnsData() throws Exception {
        MainstayServer server = start(node().workers(8));
        var api = new ApiClient(server.baseUrl());
        var key = newTenant(server, Role.ADMIN, "sre");
        for (int i = 0; i < 3; i++) { // a steady state first: succeeded runs, tool calls, tokens
            awaitFinished(api, key, submit(api, key, "What is 17.5% of 2,340, rounded to cents?"),
                    Duration.ofSeconds(30));
        }
        var prometheusUrl = startPrometheus(server.port());

        var outage = ChaosProfiles.outage().outage().orElseThrow().faults();
        server.simulator().orElseThrow().setFaults(outage);
        var submitted = new int[1];
        await().atMost(FIRING).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (submitted[0]++ < 80) {
                api.post("/v1/runs", key.secret(), body("input", "What is 6 times 7?"));
            }
            return firing(prometheusUrl).contains("MainstayRunAvailabilityBurnRateFast");
        });

        var empty = new ArrayList<String>();
        for (var expr : dashboardQueries()) {
            var result = query(prometheusUrl, scale(expr));
            if (result.path("data").path("result").isEmpty()) {
                empty.add(expr);
            }
        }
        assertThat(empty).as("dashboard queries that returned no data").isEmpty();
    }

    private URI startPrometheus(int mainstayPort) throws IOException, InterruptedException {
        var dir = Files.createTempDirectory(home, "prometheus-");
        var rules = scale(Files.readString(Promtool.MONITORING.resolve("rules.yml")));
        Files.writeString(dir.resolve("rules.yml"), rules);
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files: [rules.yml]
                scrape_configs:
                  - job_name: mainstay
                    scrape_timeout: 900ms
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(mainstayPort));
        int port;
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        prometheus = new ProcessBuilder(Promtool.binary("prometheus").toString(),
                "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        var url = URI.create("http://127.0.0.1:" + port);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> get(url.resolve("/-/ready")).statusCode() == 200);
        // the first scrape of the node has landed
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> !query(url, "up{job=\"mainstay\"} == 1").path("data").path("result").isEmpty());
        return url;
    }

    private static List<String> firing(URI prometheus) throws IOException, InterruptedException {
        var alerts = Json.mapper().readTree(get(prometheus.resolve("/api/v1/alerts")).body());
        var names = new ArrayList<String>();
        alerts.path("data").path("alerts").forEach(a -> {
            if (a.path("state").asText().equals("firing")) {
                names.add(a.path("labels").path("alertname").asText());
            }
        });
        return names;
    }

    private static JsonNode query(URI prometheus, String expr) throws IOException, InterruptedException {
        var response = get(prometheus.resolve("/api/v1/query?query=" + URLEncoder.encode(expr,
                StandardCharsets.UTF_8)));
        var json = Json.mapper().readTree(response.body());
        assertThat(json.path("status").asText()).as(expr + ": " + response.body()).isEqualTo("success");
        return json;
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static List<String> dashboardQueries() throws IOException {
        var dashboard = Json.mapper().readTree(Promtool.MONITORING.resolve("grafana-dashboard.json").toFile());
        var queries = new ArrayList<String>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> queries.add(t.path("expr").asText())));
        return queries;
    }

    static String scale(String text) {
        var out = text;
        for (var e : SCALED.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    private static Map<String, String> scaled() {
        var map = new LinkedHashMap<String, String>();
        map.put("[5m]", "[6s]");
        map.put("[30m]", "[10s]");
        map.put("[1h]", "[15s]");
        map.put("[2h]", "[20s]");
        map.put("[6h]", "[30s]");
        map.put("[1d]", "[40s]");
        map.put("[3d]", "[50s]");
        map.put("[1w]", "[60s]");
        map.put("for: 2m", "for: 2s");
        map.put("for: 5m", "for: 3s");
        map.put("for: 15m", "for: 5s");
        return map;
    }
}
