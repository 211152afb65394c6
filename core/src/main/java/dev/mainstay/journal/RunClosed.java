package dev.mainstay.journal;

import dev.mainstay.run.RunStopReason;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A run ended: why, and the error when it failed. Always the last entry; nothing is appended after it. */
public record RunClosed(RunStopReason reason, Optional<StepError> error, Instant at) implements JournalEntry {
    public RunClosed {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(at, "at");
    }
}
