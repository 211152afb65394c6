package dev.mainstay.journal;

import dev.mainstay.run.RunLimits;
import dev.mainstay.run.RunRequest;
import java.time.Instant;
import java.util.Objects;

/**
 * A run began: what it was asked, by whom, with which agent and model, and by when it must end. A resumed run keeps
 * this deadline rather than starting a new one.
 *
 * @param deadline the absolute instant by which the run must end
 */
public record RunOpened(RunRequest request, String agent, String model, RunLimits limits, Instant deadline,
        Instant at) implements JournalEntry {
    public RunOpened {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(at, "at");
    }
}
