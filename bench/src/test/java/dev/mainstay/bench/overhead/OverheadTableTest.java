package dev.mainstay.bench.overhead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverheadTableTest {
    private static JsonNode result(double cpu, double runsPerSecond) {
        return Json.parse("{\"c1\":{\"cpu_us_per_run\":" + cpu + ",\"alloc_kb_per_run\":100,\"p50_ms\":1,\"p99_ms\":2},"
                + "\"concurrent\":{\"runs_per_s\":" + runsPerSecond + ",\"cpu_us_per_run\":" + cpu + "}}");
    }

    @Test
    void figuresAreRatiosToRawInTheSameRoundSummarizedByTheirMedian() {
        var table = new OverheadTable(List.of("raw", "mainstay-full"));
        // the machine slows down by half in round 2: same-round ratios stay put, absolute figures do not
        table.addRound(Map.of("raw", result(400, 1000), "mainstay-full", result(420, 950)));
        table.addRound(Map.of("raw", result(800, 500), "mainstay-full", result(880, 480)));
        table.addRound(Map.of("raw", result(400, 1000), "mainstay-full", result(412, 990)));

        var cpu = table.ratio("mainstay-full", Metric.CPU_C1).orElseThrow();
        assertThat(cpu.median()).isCloseTo(1.05, within(1e-9));
        assertThat(cpu.low()).isCloseTo(1.03, within(1e-9));
        assertThat(cpu.high()).isCloseTo(1.10, within(1e-9));
        assertThat(cpu.rounds()).isEqualTo(3);
        assertThat(table.absolute("raw", Metric.CPU_C1).orElseThrow().median()).isEqualTo(400);
    }

    @Test
    void aRoundWithoutRawOrWithoutTheStackDoesNotCount() {
        var table = new OverheadTable(List.of("raw", "mainstay-bare"));
        table.addRound(Map.of("mainstay-bare", result(400, 1000)));
        table.addRound(Map.of("raw", result(400, 1000)));
        table.addRound(Map.of("raw", result(400, 1000), "mainstay-bare", result(404, 1000)));

        assertThat(table.ratios("mainstay-bare", Metric.CPU_C1)).containsExactly(1.01);
        assertThat(table.ratio("mainstay-bare", Metric.HEAP)).isEmpty();
    }

    @Test
    void verdictsCompareTheMedianRatiosWithTheTargetsAndThePeers() {
        var table = new OverheadTable(List.of("raw", "mainstay-bare", "mainstay-full", "langchain4j"));
        table.addRound(Map.of("raw", result(400, 1000), "mainstay-bare", result(408, 1000),
                "mainstay-full", result(480, 900), "langchain4j", result(700, 800)));

        assertThat(table.verdicts())
                .contains("mainstay-bare CPU per run, c=1: 1.02× (target ≤ 1.03×) — met")
                .contains("mainstay-full CPU per run, c=1: 1.20× (target ≤ 1.10×) — MISSED")
                .contains("mainstay-full vs langchain4j, CPU per run, c=1: 1.20× vs 1.75× — ahead")
                .contains("mainstay-full vs langchain4j, runs/s, c=32: 0.90× vs 0.80× — ahead");
    }

    @Test
    void theTableShowsRawInAbsoluteFiguresAndOthersAsRatios() {
        var table = new OverheadTable(List.of("raw", "mainstay-full"));
        table.addRound(Map.of("raw", result(400, 1000), "mainstay-full", result(420, 950)));

        assertThat(table.ratioTable()).contains("| figure (median over rounds) | raw | mainstay-full |")
                .contains("| CPU per run, c=1 | 400 µs | 1.05× (1.05–1.05) |")
                .contains("| heap per in-flight run, c=1000 | – | – |");
    }

    @Test
    void theBaselineMustComeFirst() {
        assertThatThrownBy(() -> new OverheadTable(List.of("mainstay-full", "raw")))
                .hasMessageContaining("the first stack must be raw");
    }
}
