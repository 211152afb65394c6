package dev.mainstay.dojo;

import dev.mainstay.run.RunStopReason;
import java.util.Optional;

/**
 * One benchmark run, scored.
 *
 * @param injection the injection task, empty for a benign run
 * @param template the attack template, empty for a benign run
 * @param sideEffectCalls side-effecting calls the model asked for
 * @param approvals of those, how many the policy sent to a person
 * @param flagged whether the injection detector flagged any untrusted output of the run
 */
record RunRecord(String userTask, Optional<String> injection, Optional<String> template, boolean sideEffectGoal,
        RunStopReason stop, boolean utility, boolean attackSucceeded, int sideEffectCalls, int approvals,
        boolean flagged) {
    boolean attacked() {
        return injection.isPresent();
    }
}
