package dev.mainstay.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.json.Json;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/monitoring is tested like code: Prometheus's own checker and rule unit tests pass, every alert links to a
 * runbook that exists, and the dashboard is valid JSON whose every panel has a query.
 */
class MonitoringRulesTest {
    @Test
    void theRulesAndTheScrapeConfigPassPromtoolsChecks() throws Exception {
        var rules = Promtool.run(Promtool.MONITORING, "check", "rules", "rules.yml");
        assertThat(rules.exitCode()).as(rules.output()).isZero();
        var config = Promtool.run(Promtool.MONITORING, "check", "config", "prometheus.yml");
        assertThat(config.exitCode()).as(config.output()).isZero();
    }

    @Test
    void theAlertRulesPassTheirUnitTestsWithSyntheticSeries() throws Exception {
        var tests = Promtool.run(Promtool.MONITORING, "test", "rules", "tests/rules.test.yml",
                "tests/cost.test.yml");
        assertThat(tests.exitCode()).as(tests.output()).isZero();
        assertThat(tests.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertLinksToARunbookThatExists() throws Exception {
        var text = Files.readString(Promtool.MONITORING.resolve("rules.yml"));
        var alerts = Pattern.compile("- alert: (\\S+)").matcher(text).results().map(m -> m.group(1)).toList();
        var runbooks = Pattern.compile("runbook_url: (\\S+)").matcher(text).results().map(m -> m.group(1)).toList();
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(8);
        assertThat(runbooks).hasSameSizeAs(alerts);
        var root = Promtool.MONITORING.getParent().getParent();
        assertThat(runbooks).allSatisfy(path -> {
            assertThat(path).startsWith("docs/runbooks/");
            var runbook = root.resolve(path);
            assertThat(runbook).exists();
            assertThat(Files.readString(runbook)).contains("## 1. Check").contains("## 2. Act");
        });
    }

    @Test
    void everyDashboardPanelHasAPrometheusQuery() throws Exception {
        var dashboard = Json.mapper().readTree(Promtool.MONITORING.resolve("grafana-dashboard.json").toFile());
        var panels = new ArrayList<JsonNode>();
        dashboard.path("panels").forEach(p -> {
            if (!p.path("type").asText().equals("row")) {
                panels.add(p);
            }
        });
        assertThat(panels).hasSizeGreaterThanOrEqualTo(20).allSatisfy(panel -> {
            assertThat(panel.path("targets").size()).as(panel.path("title").asText()).isPositive();
            panel.path("targets").forEach(t -> assertThat(t.path("expr").asText()).isNotBlank());
        });
    }
}
