package dev.mainstay.sim.internal;

import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.StopReason;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.TokenEstimator;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies {@code max_tokens} like a real model: a reply longer than the limit is cut where the limit runs out —
 * text mid-way, a tool_use block that does not fit entirely is dropped — and stops with {@code max_tokens}.
 */
public final class OutputLimiter {
    private OutputLimiter() {}

    public record Limited(List<ContentBlock> content, StopReason stopReason) {}

    public static Limited limit(List<ContentBlock> content, StopReason stopReason, int maxTokens) {
        if (TokenEstimator.estimateBlocks(content) <= maxTokens) {
            return new Limited(content, stopReason);
        }
        var kept = new ArrayList<ContentBlock>();
        long left = maxTokens;
        for (var block : content) {
            long cost = TokenEstimator.estimateBlock(block);
            if (cost <= left) {
                kept.add(block);
                left -= cost;
                continue;
            }
            if (block instanceof TextBlock text && left > 0) {
                var cut = prefixOfCodePoints(text.text(), left * TokenEstimator.CHARS_PER_TOKEN);
                if (!cut.isEmpty()) {
                    kept.add(new TextBlock(cut));
                }
            }
            break;
        }
        return new Limited(kept, StopReason.MAX_TOKENS);
    }

    private static String prefixOfCodePoints(String text, long codePoints) {
        int available = text.codePointCount(0, text.length());
        if (codePoints >= available) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, (int) codePoints));
    }
}
