package dev.mainstay.model;

/**
 * One production concern around a model call (retry, breaker, deadline, budget, tracing…), in the style of
 * OkHttp's interceptors: it may inspect or change the request, call {@link Chain#proceed} zero or more times,
 * and inspect or replace the response or the failure.
 *
 * <p>Interceptors are thread-safe: one instance serves every run.
 */
@FunctionalInterface
public interface ModelInterceptor {
    ModelResponse intercept(Chain chain);

    /** The rest of the chain as seen from one interceptor. */
    interface Chain {
        ModelRequest request();

        CallContext context();

        /** Calls the next interceptor, or the provider when this is the last one. */
        ModelResponse proceed(ModelRequest request, CallContext context);

        default ModelResponse proceed(ModelRequest request) {
            return proceed(request, context());
        }
    }
}
