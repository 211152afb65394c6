package dev.mainstay.model;

import java.util.Objects;

/**
 * One place a model call can go: a model on a provider. The chain's last link sends a call to the endpoint named
 * by {@link CallContext#endpoint()}; per-endpoint policies (breakers, retry budgets, concurrency limits) keep their
 * state under the same name.
 *
 * @param name a stable name for events, metrics and breakers, e.g. {@code anthropic:claude-sonnet-4-5}
 * @param model the model id sent to the provider; empty means "the model the request names"
 * @param client the provider client
 */
public record ModelEndpoint(String name, String model, ModelClient client) {
    public ModelEndpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(client, "client");
        if (name.isBlank()) {
            throw new IllegalArgumentException("endpoint name must not be blank");
        }
    }

    /** The model to send {@code request} with on this endpoint. */
    public String modelFor(ModelRequest request) {
        return model.isEmpty() ? request.model() : model;
    }
}
