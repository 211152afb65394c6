package dev.mainstay.reliability.fallback;

import dev.mainstay.model.ModelClient;
import java.util.Objects;

/**
 * One place a model call can go: a model on a provider, behind its own reliability pipeline.
 *
 * @param name a stable name for events, metrics and breakers, e.g. {@code anthropic:claude-sonnet-4-5}
 * @param model the model id sent to the provider
 * @param client the endpoint's pipeline (breaker, retry, concurrency limit, deadline) in front of the provider
 */
public record ModelEndpoint(String name, String model, ModelClient client) {
    public ModelEndpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(client, "client");
        if (name.isBlank()) {
            throw new IllegalArgumentException("endpoint name must not be blank");
        }
        if (model.isBlank()) {
            throw new IllegalArgumentException("endpoint model must not be blank, for endpoint " + name);
        }
    }
}
