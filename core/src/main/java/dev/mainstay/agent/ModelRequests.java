package dev.mainstay.agent;

import dev.mainstay.model.ModelRequest;
import dev.mainstay.policy.Spotlight;

/**
 * The model request of a run's next call: the agent's settings and the run's context — spotlighted when the agent
 * spotlights, with the boundary its journal fixed, so a resumed run sends exactly what the live run would have.
 */
final class ModelRequests {
    private ModelRequests() {}

    static ModelRequest next(RunState state) {
        var agent = state.agent;
        var system = agent.systemPrompt();
        var messages = state.messages;
        var boundary = state.security.boundary();
        if (agent.security().spotlight() && !boundary.isEmpty()) {
            messages = Spotlight.render(messages, RunSecurity.context(state), boundary);
            system = Spotlight.systemPrompt(system);
        }
        return new ModelRequest(agent.model(), system, messages, agent.tools().definitions(),
                agent.limits().maxOutputTokens(), agent.stream(), agent.cacheSystemPrompt(), agent.thinkingBudget());
    }
}
