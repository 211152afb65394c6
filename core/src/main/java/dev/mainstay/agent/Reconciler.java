package dev.mainstay.agent;

import dev.mainstay.journal.StepError;
import dev.mainstay.journal.ToolStep;
import dev.mainstay.model.ToolUseBlock;
import dev.mainstay.tool.Reconciliation;
import dev.mainstay.tool.Tool;
import dev.mainstay.tool.ToolContext;
import dev.mainstay.tool.ToolResult;
import java.util.Optional;

/**
 * Settles a side-effecting call whose intent was journaled but whose outcome was not: asks the tool
 * ({@link Tool#reconcile}) and never runs the call on a guess. A tool that cannot tell, or fails to, leaves the
 * outcome unknown, and the model is told so in plain words.
 */
final class Reconciler {
    private Reconciler() {}

    /** The settled outcome, or empty when the tool says the effect did not happen and the call may run now. */
    static Optional<ToolInvocation.Outcome> reconcile(Tool tool, ToolUseBlock use, ToolContext context) {
        Reconciliation answer;
        try {
            answer = tool.reconcile(use.input(), context);
        } catch (Exception e) {
            answer = couldNotAsk(tool, e);
        } catch (Error e) {
            if (!ToolInvocation.isToolFailure(e)) {
                throw e;
            }
            answer = couldNotAsk(tool, e);
        }
        return switch (answer) {
            case Reconciliation.Done done -> Optional.of(new ToolInvocation.Outcome(done.result(), Optional.empty(),
                    ToolStep.Resolution.RECONCILED));
            case Reconciliation.NotDone ignored -> Optional.empty();
            case Reconciliation.Unknown unknown -> {
                var result = ToolResult.error("The outcome of this " + use.name() + " call is unknown: the run was"
                        + " interrupted while it ran and " + unknown.reason() + ". It may or may not have taken"
                        + " effect; it was not run again. Tell the user, and check before repeating it.");
                yield Optional.of(new ToolInvocation.Outcome(result,
                        Optional.of(new StepError("outcome_unknown", unknown.reason())), ToolStep.Resolution.UNKNOWN));
            }
        };
    }

    private static Reconciliation couldNotAsk(Tool tool, Throwable thrown) {
        return new Reconciliation.Unknown(tool.spec().name() + " could not be asked ("
                + thrown.getClass().getSimpleName() + ")");
    }
}
