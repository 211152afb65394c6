package dev.mainstay.journal;

/**
 * One entry of a run's journal. The journal is the source of truth: resuming a run folds it back into state, the
 * timeline, the audit trail and cost are read from it. Entries are immutable values; the journal gives each a
 * sequence number ({@link Recorded}). Persisted through {@link JournalCodec}, versioned by
 * {@link JournalCodec#VERSION}.
 *
 * <ul>
 *   <li>{@link RunOpened} — the request, the agent and the absolute deadline; always first.
 *   <li>{@link ModelStep} — a model call: the response, or the error.
 *   <li>{@link ToolIntent} — a side-effecting tool call is about to run (journaled before it runs).
 *   <li>{@link ToolStep} — a tool call's outcome, the result the model was given.
 *   <li>{@link RunClosed} — the run ended; always last.
 *   <li>{@link PolicyEntry} — security: the plan fixed at the opening ({@link PlanFixed}), a policy verdict on a
 *       call ({@link PolicyDecision}), a person's decision on a call awaiting approval ({@link ApprovalDecided}).
 * </ul>
 */
public sealed interface JournalEntry permits RunOpened, ModelStep, ToolIntent, ToolStep, RunClosed, PolicyEntry {}
