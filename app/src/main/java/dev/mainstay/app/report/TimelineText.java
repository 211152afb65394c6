package dev.mainstay.app.report;

import dev.mainstay.server.RunTimeline;
import java.time.Duration;

/**
 * A run's timeline as a text waterfall: one line per model or tool call, a bar placed and sized by when the call
 * started and how long it took within the run, then its duration, tokens, cost, fallbacks, error and the node that
 * ran it.
 *
 * <pre>
 *  step  call                         0s                          2.4s
 *     1  model claude-sonnet-4-5     |██████████                  |  812ms  in 1,204 out 96  $0.004800  fell back from anthropic:claude-opus-4-1 (overloaded_error)
 *     1  tool  get_weather           |          ███               |  301ms  ok  on worker-b-4121-9f2c1a07
 * </pre>
 */
public final class TimelineText {
    static final int WIDTH = 40;

    private TimelineText() {}

    public static String render(RunTimeline timeline) {
        var total = timeline.total().orElseGet(() -> timeline.entries().stream().map(RunTimeline.Entry::endOffset)
                .max(Duration::compareTo).orElse(Duration.ZERO));
        long totalMs = Math.max(1, total.toMillis());
        var out = new StringBuilder();
        out.append("Timeline");
        timeline.queued().ifPresent(q -> out.append(" (queued ").append(ms(q)).append(" before it started)"));
        out.append('\n');
        out.append(String.format("  %4s  %-28s %-" + (WIDTH + 2) + "s%n", "step", "call",
                "0" + " ".repeat(WIDTH - ms(total).length()) + ms(total)));
        for (var e : timeline.entries()) {
            int from = (int) Math.min(WIDTH - 1, e.startOffset().toMillis() * WIDTH / totalMs);
            int to = (int) Math.max(from + 1, Math.min(WIDTH, Math.ceilDiv(e.endOffset().toMillis() * WIDTH, totalMs)));
            var bar = " ".repeat(from) + (e.error().isPresent() ? "▒" : "█").repeat(to - from) + " ".repeat(WIDTH - to);
            var label = switch (e.kind()) {
                case "model" -> "model ";
                case "compaction" -> "compact ";
                default -> "tool  ";
            } + e.name();
            out.append(String.format("  %4d  %-28s |%s|  %6s", e.step(), clip(label, 28), bar, ms(e.duration())));
            if (e.kind().equals("model")) {
                out.append("  in ").append(e.usage().inputTokens() + e.usage().cacheReadInputTokens()
                        + e.usage().cacheCreationInputTokens()).append(" out ").append(e.usage().outputTokens());
                if (e.usage().cacheReadInputTokens() > 0) {
                    out.append(" (cache read ").append(e.usage().cacheReadInputTokens()).append(')');
                }
                out.append("  ").append(e.cost().display(6));
                if (e.cacheHit()) {
                    out.append("  response cache hit");
                }
            } else if (e.kind().equals("compaction")) {
                out.append("  ").append(e.detail()).append("  ").append(e.cost().display(6));
            } else {
                out.append("  ").append(e.detail());
            }
            if (!e.route().isEmpty()) {
                out.append("  routed by ").append(e.route());
            }
            e.failovers().forEach(f -> out.append("  fell back from ").append(f.endpoint()).append(" (")
                    .append(f.code()).append(')'));
            e.error().ifPresent(err -> out.append("  error ").append(err.code()));
            if (!e.node().isEmpty()) {
                out.append("  on ").append(e.node());
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }

    static String ms(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + "ms" : String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }
}
