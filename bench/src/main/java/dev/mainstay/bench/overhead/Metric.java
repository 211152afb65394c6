package dev.mainstay.bench.overhead;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalDouble;

/** A figure the benchmark reports, where it sits in a stack's result, and which way is better. */
enum Metric {
    CPU_C1("CPU per run, c=1", "c1", "cpu_us_per_run", "µs", false),
    ALLOC_C1("allocated per run, c=1", "c1", "alloc_kb_per_run", "KB", false),
    P50_C1("p50 wall per run, c=1", "c1", "p50_ms", "ms", false),
    P99_C1("p99 wall per run, c=1", "c1", "p99_ms", "ms", false),
    CPU_STREAM("CPU per streamed run, c=1", "c1_stream", "cpu_us_per_run", "µs", false),
    ALLOC_STREAM("allocated per streamed run, c=1", "c1_stream", "alloc_kb_per_run", "KB", false),
    P50_STREAM("p50 wall per streamed run, c=1", "c1_stream", "p50_ms", "ms", false),
    THROUGHPUT("runs/s, c=32", "concurrent", "runs_per_s", "runs/s", true),
    CPU_C32("CPU per run, c=32", "concurrent", "cpu_us_per_run", "µs", false),
    ALLOC_C32("allocated per run, c=32", "concurrent", "alloc_kb_per_run", "KB", false),
    HEAP("heap per in-flight run, c=1000", "heap", "heap_kb_per_run", "KB", false);

    final String label;
    final String phase;
    final String field;
    final String unit;
    final boolean higherIsBetter;

    Metric(String label, String phase, String field, String unit, boolean higherIsBetter) {
        this.label = label;
        this.phase = phase;
        this.field = field;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
    }

    /** The value in one stack's result, empty when that phase did not run. */
    OptionalDouble in(JsonNode result) {
        var value = result.path(phase).path(field);
        return value.isNumber() ? OptionalDouble.of(value.asDouble()) : OptionalDouble.empty();
    }
}
