package dev.mainstay.chaos;

import dev.mainstay.event.ModelCallFailed;
import dev.mainstay.event.ModelCallFinished;
import dev.mainstay.event.RunEvent;
import dev.mainstay.event.RunFinished;
import dev.mainstay.event.RunListener;
import dev.mainstay.event.TextDelta;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notices runs whose model call failed after it had already streamed text to the caller: the one failure the
 * retry layer refuses to retry by design (a retry would show the text twice), and that a run recovers from by being
 * resumed from its journal. Thread-safe and non-blocking, as a {@link RunListener} must be.
 */
final class DeliveryFailures implements RunListener {
    /** {@code runId#step} of steps that streamed text and have not finished yet. */
    private final Set<String> streaming = ConcurrentHashMap.newKeySet();
    private final Set<String> failedAfterDelivery = ConcurrentHashMap.newKeySet();

    @Override
    public void onEvent(RunEvent event) {
        switch (event) {
            case TextDelta e -> streaming.add(e.runId() + "#" + e.step());
            case ModelCallFailed e -> {
                if (streaming.remove(e.runId() + "#" + e.step())) {
                    failedAfterDelivery.add(e.runId());
                }
            }
            case ModelCallFinished e -> streaming.remove(e.runId() + "#" + e.step());
            case RunFinished e -> streaming.removeIf(key -> key.startsWith(e.runId() + "#"));
            default -> {
                // other events say nothing about delivery
            }
        }
    }

    /** Whether {@code runId}'s last attempt failed a step after streaming text; forgets it (ask once per attempt). */
    boolean takeFailedAfterDelivery(String runId) {
        return failedAfterDelivery.remove(runId);
    }
}
