package dev.mainstay.dojo;

import dev.mainstay.policy.AgentPolicy;
import dev.mainstay.policy.PolicyInterceptor;
import dev.mainstay.runtime.ReferenceAgent;
import dev.mainstay.runtime.config.SecurityConfig;
import dev.mainstay.tool.SchemaValidationInterceptor;
import dev.mainstay.tool.ToolChain;
import java.util.Locale;

/**
 * Which layers of the defence are on: the reference agent's own security settings ({@link ReferenceAgent#security}),
 * with the policy link in the tool chain's POLICY slot when the policy is on.
 */
public enum Configuration {
    UNDEFENDED(false, false),
    POLICY(true, false),
    SPOTLIGHTING(false, true),
    DEFENDED(true, true);

    private final boolean policy;
    private final boolean spotlight;

    Configuration(boolean policy, boolean spotlight) {
        this.policy = policy;
        this.spotlight = spotlight;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    AgentPolicy security() {
        var d = SecurityConfig.DEFAULTS;
        return ReferenceAgent.security(new SecurityConfig(policy, spotlight, d.unplanned(), d.onDeny(),
                d.blockSuspectedInjections(), d.redaction()));
    }

    ToolChain chain() {
        var chain = ToolChain.builder();
        if (policy) {
            chain.add(ToolChain.Slot.POLICY, new PolicyInterceptor());
        }
        return chain.add(ToolChain.Slot.VALIDATION, new SchemaValidationInterceptor()).build();
    }
}
