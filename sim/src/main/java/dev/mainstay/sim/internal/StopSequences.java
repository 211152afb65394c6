package dev.mainstay.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.TextBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code stop_sequences}: read as the API validates them, and applied as a model would stop on one. The reply's
 * text, block by block after any thinking, is searched for the earliest occurrence of any sequence (on a tie, the
 * one listed first); the text stops just before it and nothing after it is said — later text and tool_use blocks
 * are dropped. Thinking is never searched.
 */
final class StopSequences {
    private StopSequences() {}

    /** The reply up to the first stop sequence, and the sequence it stopped at ({@code null} when none matched). */
    record Cut(List<ContentBlock> content, String matched) {
        Cut {
            content = List.copyOf(content);
        }

        boolean stopped() {
            return matched != null;
        }
    }

    /** @throws ApiError 400 for a malformed list or a sequence that is empty or only whitespace */
    static List<String> parse(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiError.invalidRequest("stop_sequences: Input should be a valid list");
        }
        var sequences = new ArrayList<String>(node.size());
        for (int i = 0; i < node.size(); i++) {
            var item = node.get(i);
            if (!item.isTextual()) {
                throw ApiError.invalidRequest("stop_sequences." + i + ": Input should be a valid string");
            }
            if (item.textValue().isBlank()) {
                throw ApiError.invalidRequest("stop_sequences: each stop sequence must contain non-whitespace");
            }
            sequences.add(item.textValue());
        }
        return sequences;
    }

    static Cut apply(List<ContentBlock> content, List<String> sequences) {
        if (sequences.isEmpty()) {
            return new Cut(content, null);
        }
        var kept = new ArrayList<ContentBlock>(content.size());
        for (var block : content) {
            if (block instanceof TextBlock text) {
                var match = earliest(text.text(), sequences);
                if (match != null) {
                    var before = text.text().substring(0, match.at());
                    if (!before.isEmpty()) {
                        kept.add(new TextBlock(before));
                    }
                    return new Cut(kept, match.sequence());
                }
            }
            kept.add(block);
        }
        return new Cut(content, null);
    }

    private record Match(int at, String sequence) {}

    private static Match earliest(String text, List<String> sequences) {
        Match best = null;
        for (var sequence : sequences) {
            int at = text.indexOf(sequence);
            if (at >= 0 && (best == null || at < best.at())) {
                best = new Match(at, sequence);
            }
        }
        return best;
    }
}
