package dev.mainstay.telemetry;

import dev.mainstay.model.ContentBlock;
import dev.mainstay.model.ModelInterceptor;
import dev.mainstay.model.ModelOutcome;
import dev.mainstay.model.TextBlock;
import dev.mainstay.model.ToolResultBlock;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs what goes to the model and what comes back, for debugging a misbehaving agent — only when
 * {@code MAINSTAY_LOG_CONTENT=true}, and always through a {@link ContentRedactor}. One line per attempt for the
 * newest message sent (the task, or the tool results the model is about to read) and one for the answer's text, on
 * the logger {@code mainstay.content} at INFO. Never installed otherwise: with content logging off, no prompt,
 * answer or tool result reaches a log line.
 */
public final class ContentLogInterceptor implements ModelInterceptor {
    private static final Logger log = LoggerFactory.getLogger("mainstay.content");

    private final ContentRedactor redactor;

    public ContentLogInterceptor(ContentRedactor redactor) {
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    @Override
    public ModelOutcome intercept(Chain chain) {
        var request = chain.request();
        if (log.isInfoEnabled()) {
            log.info("model request model={} message={}", request.model(),
                    safe(text(request.messages().getLast().content())));
        }
        var outcome = chain.proceed(request, chain.context());
        if (outcome instanceof ModelOutcome.Answered answered && log.isInfoEnabled()) {
            log.info("model response model={} stop_reason={} text={}", answered.response().model(),
                    answered.response().stopReason().value(), safe(answered.response().text()));
        }
        return outcome;
    }

    private String safe(String text) {
        try {
            return redactor.redact(text);
        } catch (RuntimeException e) {
            return ContentRedactor.WITHHOLD.redact(text); // a failing redactor must not let content through
        }
    }

    private static String text(List<ContentBlock> blocks) {
        var out = new StringBuilder();
        for (var block : blocks) {
            switch (block) {
                case TextBlock t -> out.append(t.text());
                case ToolResultBlock r -> out.append("[tool_result ").append(r.toolUseId()).append("] ")
                        .append(r.content());
                default -> {
                    // thinking, tool_use inputs and raw blocks: not logged
                }
            }
            out.append('\n');
        }
        return out.toString().strip();
    }
}
