package dev.mainstay.model;

/**
 * Calls a model. The one call shape every provider and every interceptor chain presents.
 *
 * <p>Implementations are thread-safe and are called from virtual threads. A call blocks until the complete
 * response is available; a streaming call also feeds {@link CallContext#observer()} while it runs. A call must
 * not outlive {@link CallContext#deadline()} and must abort promptly when {@link CallContext#cancellation()} fires.
 *
 * @throws ModelException when the call fails; never another runtime exception for an expected provider failure
 */
@FunctionalInterface
public interface ModelClient {
    ModelResponse call(ModelRequest request, CallContext context);

    /** A name for metrics, breakers and the journal, e.g. {@code anthropic:claude-sonnet-4-5}. */
    default String name() {
        return getClass().getSimpleName();
    }
}
