package dev.mainstay.policy;

import dev.mainstay.tool.ToolInterceptor;
import dev.mainstay.tool.ToolResult;

/**
 * The tool chain's POLICY link: asks the run's policy for a verdict on each call
 * ({@link PolicyContext#decide}), reports it to the run — which journals it and emits a {@code PolicyDecided}
 * event — and acts on it. An allowed call proceeds down the chain; a denied one gets an error result the model
 * sees, naming the rule, and the tool never runs; a call that needs approval does not run either, and the run pauses
 * as {@code awaiting_approval} once its other calls are done. Stateless and thread-safe: the configuration is each
 * agent's {@link AgentPolicy}, per tool through its {@link ToolRule}s.
 */
public final class PolicyInterceptor implements ToolInterceptor {
    @Override
    public ToolResult intercept(Chain chain) throws Exception {
        var policy = chain.context().policy();
        var verdict = policy.decide(chain.spec(), chain.call());
        policy.report(verdict);
        var tool = chain.spec().name();
        return switch (verdict) {
            case Verdict.Allow allow -> chain.proceed();
            case Verdict.Deny deny -> ToolResult.degraded(tool + " was not run: the run's security policy denied"
                    + " it (" + deny.rule() + "): " + deny.reason() + ". Do not retry it; tell the user what was"
                    + " blocked.");
            case Verdict.NeedsApproval approval -> ToolResult.degraded(tool + " is waiting for the user's approval ("
                    + approval.rule() + "): " + approval.reason() + ".");
        };
    }
}
