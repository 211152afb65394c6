package dev.mainstay.costcontrol;

import dev.mainstay.model.CallContext;
import dev.mainstay.model.Message;
import dev.mainstay.model.ModelRequest;
import dev.mainstay.model.Role;
import dev.mainstay.model.TokenEstimator;
import dev.mainstay.model.ToolUseBlock;
import java.util.Objects;

/**
 * One rule of model routing: a condition on a model call and the model a call meeting it is sent to. Pure values;
 * {@link #matches} looks only at the request and the call's context. {@link #condition()} is the rule as written in
 * {@code MAINSTAY_ROUTING} without its model (e.g. {@code input_tokens>20000}); the journal records it.
 */
public sealed interface RoutingRule {
    /** The model a matching call is sent to. */
    String model();

    /** The condition as written in the configuration, e.g. {@code tool=web_search}. */
    String condition();

    /** Whether this call meets the condition. */
    boolean matches(ModelRequest request, CallContext context);

    /**
     * Calls whose estimated input ({@link TokenEstimator#estimateInput}) is more than {@code tokens}.
     *
     * @param tokens the threshold, non-negative; a call of exactly this many tokens does not match
     */
    record InputTokensOver(long tokens, String model) implements RoutingRule {
        public InputTokensOver {
            if (tokens < 0) {
                throw new IllegalArgumentException("tokens must not be negative, but was " + tokens);
            }
            RoutingRules.requireModel(model);
        }

        @Override
        public String condition() {
            return "input_tokens>" + tokens;
        }

        @Override
        public boolean matches(ModelRequest request, CallContext context) {
            return TokenEstimator.estimateInput(request) > tokens;
        }
    }

    /**
     * Calls that follow a step which used {@code tool}: the last assistant message of the conversation asked for it
     * (so this call carries its result).
     */
    record AfterTool(String tool, String model) implements RoutingRule {
        public AfterTool {
            Objects.requireNonNull(tool, "tool");
            if (tool.isBlank()) {
                throw new IllegalArgumentException("a tool rule needs a tool name");
            }
            RoutingRules.requireModel(model);
        }

        @Override
        public String condition() {
            return "tool=" + tool;
        }

        @Override
        public boolean matches(ModelRequest request, CallContext context) {
            var messages = request.messages();
            for (int i = messages.size() - 1; i >= 0; i--) {
                Message message = messages.get(i);
                if (message.role() == Role.ASSISTANT) {
                    return message.content().stream()
                            .anyMatch(block -> block instanceof ToolUseBlock use && use.name().equals(tool));
                }
            }
            return false;
        }
    }

    /** Calls of the runs of one tenant ({@link CallContext#tenantId()}). */
    record ForTenant(String tenant, String model) implements RoutingRule {
        public ForTenant {
            Objects.requireNonNull(tenant, "tenant");
            if (tenant.isBlank()) {
                throw new IllegalArgumentException("a tenant rule needs a tenant id");
            }
            RoutingRules.requireModel(model);
        }

        @Override
        public String condition() {
            return "tenant=" + tenant;
        }

        @Override
        public boolean matches(ModelRequest request, CallContext context) {
            return context.tenantId().equals(tenant);
        }
    }
}
