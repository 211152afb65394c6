package dev.mainstay.tool;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The tool-call chain: interceptors in named {@link Slot}s, outermost first, in front of the tool itself. The
 * composition root lists them once, in slot order; the builder refuses any other order.
 *
 * <p>What the chain does not hold, because the loop does it for every call whatever the chain says: the call's
 * deadline ({@code min(tool timeout, run deadline)}, enforced by the loop's wait, see
 * {@link ToolExecution}) and the journal (the intent before a side-effecting call, the outcome after). Immutable and
 * thread-safe.
 */
public final class ToolChain {
    /** The concerns of a tool call, in the order a call passes them. */
    public enum Slot {
        /** Decide whether this call may run at all (taint, approvals, permissions). */
        POLICY,
        /** Check the input against the tool's schema. */
        VALIDATION,
        /** Answer for a tool whose backend keeps failing. */
        BREAKER,
        /** Cap the calls of one tool running at once. */
        BULKHEAD
    }

    private record Link(Slot slot, ToolInterceptor interceptor) {}

    private static final ToolChain EMPTY = new ToolChain(List.of());

    private final List<Link> links;

    private ToolChain(List<Link> links) {
        this.links = List.copyOf(links);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A chain with no interceptors: the tool runs as asked. */
    public static ToolChain empty() {
        return EMPTY;
    }

    public List<Slot> slots() {
        return links.stream().map(Link::slot).toList();
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
            if (index >= links.size()) {
                return Objects.requireNonNull(tool.execute(nextCall.input(), nextContext), "tool returned null");
            }
            var link = links.get(index);
            var next = new RealChain(index + 1, tool, nextCall, nextContext);
            return Objects.requireNonNull(link.interceptor().intercept(next),
                    () -> "the " + link.slot() + " link returned null");
        }
    }

    /** Collects the links in slot order. Not thread-safe; build once at start-up. */
    public static final class Builder {
        private final List<Link> links = new ArrayList<>();

        private Builder() {}

        /**
         * Puts {@code interceptor} in {@code slot}. Slots are given in {@link Slot} order.
         *
         * @throws IllegalStateException when {@code slot} comes before a slot already given
         */
        public Builder add(Slot slot, ToolInterceptor interceptor) {
            Objects.requireNonNull(slot, "slot");
            Objects.requireNonNull(interceptor, "interceptor");
            if (!links.isEmpty() && links.getLast().slot().compareTo(slot) > 0) {
                throw new IllegalStateException("the " + slot + " slot comes before " + links.getLast().slot()
                        + ": list the tool chain in the order " + List.of(Slot.values()));
            }
            links.add(new Link(slot, interceptor));
            return this;
        }

        public ToolChain build() {
            return new ToolChain(links);
        }
    }
}
