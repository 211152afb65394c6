package dev.mainstay.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mainstay.cost.Cost;
import dev.mainstay.journal.ModelStep;
import dev.mainstay.json.Json;
import dev.mainstay.model.Usage;
import dev.mainstay.store.RunFilter;
import dev.mainstay.store.StoreConfig;
import dev.mainstay.store.Stores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mainstay usage}, in-process against a real SQLite store holding a real run on the simulator. */
class UsageCommandTest {
    @TempDir
    Path dir;

    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;

    private String url() {
        return "jdbc:sqlite:" + dir.resolve("mainstay.db");
    }

    private int withInput(String stdin, String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        var env = new HashMap<String, String>();
        env.put("HOME", dir.toString());
        env.put("MAINSTAY_DB_URL", url());
        return Main.run(args, env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int run(String... args) {
        return withInput("", args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void usageReportsTheLedgerOfTheRunsInTheDatabaseAsATableAndAsJson() {
        assertThat(withInput("What's the weather in Lisbon?\n", "chat")).as(stderr()).isZero();

        var billed = Usage.ZERO;
        var cost = Cost.ZERO;
        try (var store = Stores.open(StoreConfig.of(url()), InstantSource.system())) {
            var tenant = store.tenants().findByName("default").orElseThrow();
            for (var r : store.runs().list(tenant.id(), new RunFilter(Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), 100)).items()) {
                for (var recorded : store.journal().read(r.id())) {
                    if (recorded.entry() instanceof ModelStep step) {
                        for (var attempt : step.billed()) {
                            billed = billed.plus(attempt.usage());
                            cost = cost.plus(attempt.cost());
                        }
                    }
                }
            }
        }
        assertThat(billed.outputTokens()).isPositive();

        assertThat(run("usage", "--json")).as(stderr()).isZero();
        var report = Json.parseObject(stdout().strip());
        assertThat(report.path("group_by").asText()).isEqualTo("model");
        var total = report.path("total");
        assertThat(total.path("usage").path("input_tokens").asLong()).isEqualTo(billed.inputTokens());
        assertThat(total.path("usage").path("output_tokens").asLong()).isEqualTo(billed.outputTokens());
        assertThat(total.path("usage").path("cache_write_5m_tokens").asLong()).isEqualTo(billed.cacheWrite5mTokens());
        assertThat(total.path("usage").path("cache_read_input_tokens").asLong())
                .isEqualTo(billed.cacheReadInputTokens());
        assertThat(new BigDecimal(total.path("cost_usd").asText())).isEqualTo(cost.usd().orElseThrow());
        assertThat(total.path("runs").asLong()).isEqualTo(1);

        var today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(run("usage", "--group-by", "tenant", "--tenant", "default", "--from", today, "--to", today))
                .as(stderr()).isZero();
        var lines = stdout().lines().toList();
        assertThat(lines.get(1)).startsWith("TENANT").contains("INPUT", "CACHE_W_5M", "CACHE_READ", "COST_USD");
        assertThat(lines.get(2)).startsWith("default").contains(cost.usd().orElseThrow().toPlainString());
        assertThat(lines.get(3)).startsWith("TOTAL").contains(String.valueOf(billed.cacheReadInputTokens()));

        assertThat(run("usage", "--from", "2020-01-01", "--to", "2020-01-02")).isZero();
        assertThat(stdout().lines().filter(l -> l.startsWith("TOTAL")).findFirst().orElseThrow())
                .contains("0.00000000");
    }

    @Test
    void badInputGetsOneLineAndExitCode2() {
        assertThat(run("usage", "--group-by", "week")).isEqualTo(2);
        assertThat(stderr().strip()).isEqualTo("mainstay: --group-by must be one of tenant, user, model, agent, day, "
                + "but was 'week'");
        assertThat(run("usage", "--from", "yesterday")).isEqualTo(2);
        assertThat(stderr().strip()).startsWith("mainstay: --from must be an ISO-8601 instant");
        assertThat(stderr().strip().lines()).hasSize(1);
        assertThat(run("usage", "--from", "2026-12-02", "--to", "2026-12-01T00:00:00Z")).isEqualTo(2);
        assertThat(stderr().strip()).startsWith("mainstay: --from must be before to");
        assertThat(run("usage", "--tenant", "nobody")).isEqualTo(2);
        assertThat(stderr().strip()).isEqualTo("mainstay: there is no tenant 'nobody'");
        assertThat(stdout()).isEmpty();
    }
}
