package dev.mainstay.server.internal.worker;

import dev.mainstay.journal.FencedOutException;
import dev.mainstay.journal.JournalException;
import dev.mainstay.store.StoreException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * What a throwable escaping a run's execution says about the run — the one place a worker decides whether a failure
 * is the infrastructure's, and passes, or a bug, and would recur on every resume. The whole cause chain counts: a
 * tool turn reports a failure on a tool call's thread as an {@link IllegalStateException} whose cause is the failure.
 */
enum RunFailure {
    /**
     * The JVM itself is failing: an {@link OutOfMemoryError} or another {@link VirtualMachineError}, but not a
     * {@link StackOverflowError}, which unwinds. Nothing more is attempted for the run; its lease lapses.
     */
    FATAL,
    /**
     * Broken infrastructure or a lost run: the store or the journal failed, the lease was lost, or the execution was
     * interrupted. The run is left to its lease, and a later claim resumes it from its journal.
     */
    INFRASTRUCTURE,
    /**
     * Anything else: a bug in Mainstay, or in a model client, interceptor or tool it was configured with. Resuming
     * the run would replay it into the same bug, lease after lease, so the run is failed.
     */
    BUG;

    /** Causes looked at, at most: a chain longer than this is a bug of its own. */
    private static final int MAX_DEPTH = 32;

    static RunFailure of(Throwable thrown) {
        var result = BUG;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (var t = thrown; t != null && seen.size() < MAX_DEPTH && seen.add(t); t = t.getCause()) {
            if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
                return FATAL;
            }
            if (t instanceof StoreException || t instanceof JournalException || t instanceof FencedOutException
                    || t instanceof InterruptedException) {
                result = INFRASTRUCTURE;
            }
        }
        return result;
    }

    /**
     * The throwable's class as the run's error may tell it — its simple name, and its root cause's when that is
     * another class — never its message, which may hold a secret.
     */
    static String describe(Throwable thrown) {
        var root = thrown;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(root);
        while (root.getCause() != null && seen.size() < MAX_DEPTH && seen.add(root.getCause())) {
            root = root.getCause();
        }
        var name = name(thrown);
        return root.getClass() == thrown.getClass() ? name : name + ", caused by " + name(root);
    }

    private static String name(Throwable t) {
        var simple = t.getClass().getSimpleName();
        return simple.isEmpty() ? t.getClass().getName() : simple;
    }
}
