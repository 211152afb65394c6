package dev.mainstay.journal;

/**
 * An append was refused because the run was claimed under a newer lease epoch than the writer's: this worker lost
 * the run and must stop working on it. Nothing was written.
 */
public final class FencedOutException extends RuntimeException {
    private final Fence fence;
    private final long currentEpoch;

    public FencedOutException(Fence fence, long currentEpoch) {
        super("run " + fence.runId() + " is held under lease epoch " + currentEpoch + "; this worker's epoch "
                + fence.epoch() + " is stale", null, false, false);
        this.fence = fence;
        this.currentEpoch = currentEpoch;
    }

    public Fence fence() {
        return fence;
    }

    public long currentEpoch() {
        return currentEpoch;
    }
}
