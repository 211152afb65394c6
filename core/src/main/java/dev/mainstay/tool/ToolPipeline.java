package dev.mainstay.tool;

import java.util.List;
import java.util.Objects;

/** Runs a fixed list of tool interceptors, outermost first, in front of the tool itself. */
public final class ToolPipeline {
    private final List<ToolInterceptor> interceptors;

    public ToolPipeline(List<ToolInterceptor> interceptors) {
        this.interceptors = List.copyOf(interceptors);
    }

    public List<ToolInterceptor> interceptors() {
        return interceptors;
    }

    public ToolResult execute(Tool tool, ToolCall call, ToolContext context) throws Exception {
        return new RealChain(0, tool, call, context).proceed(call, context);
    }

    private final class RealChain implements ToolInterceptor.Chain {
        private final int index;
        private final Tool tool;
        private final ToolCall call;
        private final ToolContext context;

        RealChain(int index, Tool tool, ToolCall call, ToolContext context) {
            this.index = index;
            this.tool = tool;
            this.call = call;
            this.context = context;
        }

        @Override
        public ToolSpec spec() {
            return tool.spec();
        }

        @Override
        public ToolCall call() {
            return call;
        }

        @Override
        public ToolContext context() {
            return context;
        }

        @Override
        public ToolResult proceed(ToolCall nextCall, ToolContext nextContext) throws Exception {
            if (index >= interceptors.size()) {
                return Objects.requireNonNull(tool.execute(nextCall.input(), nextContext), "tool returned null");
            }
            var next = new RealChain(index + 1, tool, nextCall, nextContext);
            return Objects.requireNonNull(interceptors.get(index).intercept(next), "interceptor returned null");
        }
    }
}
