package dev.mainstay.model;

/**
 * One production concern around a model call (budget, cache, fallback, breaker, retry, deadline, telemetry…), in the
 * style of OkHttp's interceptors: it may inspect or change the request, call {@link Chain#proceed} zero or more
 * times, and inspect or replace the outcome. A policy that will not let the call through returns
 * {@link ModelOutcome.Refused} instead of calling on; a provider failure arrives as a {@link ModelException}.
 *
 * <p>Interceptors are thread-safe: one instance serves every run. State kept per endpoint (a breaker, a retry
 * budget) is looked up by {@link CallContext#endpoint()}.
 */
@FunctionalInterface
public interface ModelInterceptor {
    ModelOutcome intercept(Chain chain);

    /** The rest of the chain as seen from one interceptor. */
    interface Chain {
        ModelRequest request();

        CallContext context();

        /** Calls the next interceptor, or the endpoint's provider when this is the last one. */
        ModelOutcome proceed(ModelRequest request, CallContext context);

        default ModelOutcome proceed(ModelRequest request) {
            return proceed(request, context());
        }
    }
}
