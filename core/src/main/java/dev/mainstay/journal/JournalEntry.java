package dev.mainstay.journal;

import java.time.Duration;
import java.time.Instant;

/**
 * One completed step of a run, appended to its journal. The journal is the source of truth: resuming a run
 * replays it, the run timeline and cost are read from it. Entries are immutable; {@link #seq()} orders them
 * within a run from 1.
 */
public sealed interface JournalEntry permits ModelStep, ToolStep {
    /** The current shape of persisted entries; bump it when a field changes and keep a fixture of the old one. */
    int SCHEMA_VERSION = 1;

    String runId();

    int seq();

    /** The loop step (one model call and the tool calls it asked for share a step number). */
    int step();

    Instant startedAt();

    Duration duration();
}
