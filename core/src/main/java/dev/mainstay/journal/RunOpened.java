package dev.mainstay.journal;

import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunRequest;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A run began: what it was asked, by whom, with which agent and model, and by when it must end. A resumed run keeps
 * this deadline rather than starting a new one.
 *
 * @param deadline the absolute instant by which the run must end
 * @param compaction how the request's history was compacted before the first model call, empty when it was not;
 *     {@code request} keeps the full history (journal version 6 and later)
 */
public record RunOpened(RunRequest request, String agent, String model, RunLimits limits, Instant deadline,
        Instant at, Optional<Compaction> compaction) implements JournalEntry {
    public RunOpened {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(compaction, "compaction");
    }

    /** An opening whose history was not compacted. */
    public RunOpened(RunRequest request, String agent, String model, RunLimits limits, Instant deadline, Instant at) {
        this(request, agent, model, limits, deadline, at, Optional.empty());
    }

    /** The messages the run starts from: the history, compacted when it was, then the task. */
    public java.util.List<dev.mainstay.model.Message> startingMessages() {
        var history = compaction.map(c -> c.apply(request.history())).orElse(request.history());
        var messages = new java.util.ArrayList<dev.mainstay.model.Message>(history.size() + 1);
        messages.addAll(history);
        messages.add(dev.mainstay.model.Message.user(request.task()));
        return messages;
    }
}
