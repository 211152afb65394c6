package dev.mainstay.journal;

import dev.mainstay.cost.BilledAttempt;
import dev.mainstay.cost.Cost;
import dev.mainstay.model.Message;
import dev.mainstay.model.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a run's conversation history was compacted before its first model call, journaled with the run's opening
 * ({@link RunOpened#compaction()}): history messages {@code [from, to)} were replaced by {@code replacement}. The
 * opening keeps the full history too, so the original is never lost; the fold applies the compaction to it, so a
 * resumed run sends exactly what the live run sent.
 *
 * @param policy how the messages were compacted
 * @param from index of the first history message replaced
 * @param to index after the last history message replaced; {@code from < to}
 * @param replacement what stands in for the replaced messages: nothing when they were dropped, a summary exchange
 *     (a user message holding the summary, the assistant's acknowledgement) when they were summarised
 * @param tokensBefore the estimated tokens of the history and the task before compaction
 *     ({@link dev.mainstay.model.TokenEstimator})
 * @param tokensAfter the same estimate after compaction
 * @param model the model that wrote the summary; empty when nothing was summarised
 * @param usage the tokens the summary call was billed; zero when nothing was summarised
 * @param cost what {@code usage} cost
 * @param billed the summary call's billed attempts (one ledger entry each); empty when nothing was summarised
 */
public record Compaction(Policy policy, int from, int to, List<Message> replacement, long tokensBefore,
        long tokensAfter, String model, Usage usage, Cost cost, List<BilledAttempt> billed) {
    /** How older turns are compacted. */
    public enum Policy {
        /** Drop the oldest turns, whole (a tool_use is never separated from its tool_result). */
        TRUNCATE,
        /** Replace the oldest turns with a summary a (cheap) model writes. */
        SUMMARISE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Policy fromWire(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    public Compaction {
        Objects.requireNonNull(policy, "policy");
        replacement = List.copyOf(replacement);
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(cost, "cost");
        billed = List.copyOf(billed);
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("a compaction replaces messages [from, to) with 0 <= from < to, but was ["
                    + from + ", " + to + ")");
        }
    }

    /** A truncation: messages {@code [from, to)} dropped, nothing billed. */
    public static Compaction truncated(int from, int to, long tokensBefore, long tokensAfter) {
        return new Compaction(Policy.TRUNCATE, from, to, List.of(), tokensBefore, tokensAfter, "", Usage.ZERO,
                Cost.ZERO, List.of());
    }

    /**
     * {@code history} with this compaction applied.
     *
     * @throws IllegalArgumentException when {@code history} is shorter than {@code to}
     */
    public List<Message> apply(List<Message> history) {
        if (history.size() < to) {
            throw new IllegalArgumentException("a compaction of messages [" + from + ", " + to + ") needs a history "
                    + "of at least " + to + " messages, but it has " + history.size());
        }
        var compacted = new ArrayList<Message>(history.size() - (to - from) + replacement.size());
        compacted.addAll(history.subList(0, from));
        compacted.addAll(replacement);
        compacted.addAll(history.subList(to, history.size()));
        return compacted;
    }
}
