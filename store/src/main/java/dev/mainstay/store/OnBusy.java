package dev.mainstay.store;

/** What to do with a run sent to a conversation that has a run queued or running. */
public enum OnBusy {
    /** Queue it: it starts after the runs before it, never interleaved with them. */
    ENQUEUE,
    /** Refuse it. */
    REJECT
}
