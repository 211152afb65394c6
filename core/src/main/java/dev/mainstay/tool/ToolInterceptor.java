package dev.mainstay.tool;

/**
 * One production concern around a tool call (policy, schema validation, breaker, bulkhead), with the same
 * shape as a model interceptor. Thread-safe: one instance serves every run.
 */
@FunctionalInterface
public interface ToolInterceptor {
    ToolResult intercept(Chain chain) throws Exception;

    /** The rest of the chain as seen from one interceptor. */
    interface Chain {
        ToolSpec spec();

        ToolCall call();

        ToolContext context();

        /** Calls the next interceptor, or the tool itself when this is the last one. */
        ToolResult proceed(ToolCall call, ToolContext context) throws Exception;

        default ToolResult proceed() throws Exception {
            return proceed(call(), context());
        }
    }
}
