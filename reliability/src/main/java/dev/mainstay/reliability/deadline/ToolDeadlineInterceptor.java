package dev.mainstay.reliability.deadline;

import dev.mainstay.reliability.event.ReliabilityEvent.CallRejected;
import dev.mainstay.reliability.event.ReliabilityEvent.ToolTimedOut;
import dev.mainstay.reliability.event.ReliabilityListener;
import dev.mainstay.time.Durations;
import dev.mainstay.tool.ToolInterceptor;
import dev.mainstay.tool.ToolResult;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bounds a tool call by {@code min(the tool's ToolSpec#timeout(), what is left of the run's deadline)}. The rest of
 * the chain runs on its own virtual thread with that shortened deadline in its context; when the time is up the
 * thread is interrupted and the model gets {@code ToolResult.error("<tool> timed out after <n>ms")}. A call whose run
 * deadline has already passed is not started. Cancelling the run interrupts the tool too.
 *
 * <p>This interceptor waits in real time (a timed {@code Future.get}): a tool that ignores interrupts keeps its
 * virtual thread until it returns, but the run does not wait for it. Thread-locals of the calling thread are not
 * visible to the tool's thread. Thread-safe.
 */
public final class ToolDeadlineInterceptor implements ToolInterceptor {
    private static final String TIMED_OUT = " timed out after ";

    private final ReliabilityListener listener;

    public ToolDeadlineInterceptor(ReliabilityListener listener) {
        this.listener = ReliabilityListener.safe(listener);
    }

    @Override
    public ToolResult intercept(Chain chain) throws Exception {
        var tool = chain.spec().name();
        var context = chain.context();
        if (context.deadline().isExpired()) {
            listener.onEvent(new CallRejected("deadline", "deadline_expired"));
            return ToolResult.error(tool + " was not run: the run's deadline has passed");
        }
        var deadline = context.deadline().shorten(chain.spec().timeout());
        var budget = deadline.remaining();
        var call = chain.call();
        var task = new FutureTask<>(() -> chain.proceed(call, context.withDeadline(deadline)));
        Thread.ofVirtual().name("mainstay-tool-" + tool).start(task);
        var registration = context.cancellation().onCancel(() -> task.cancel(true));
        try {
            return task.get(budget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            listener.onEvent(new ToolTimedOut(tool, budget));
            return timedOut(tool, budget);
        } catch (CancellationException e) {
            return ToolResult.error(tool + " was cancelled");
        } catch (ExecutionException e) {
            throw rethrowable(e.getCause());
        } catch (InterruptedException e) {
            task.cancel(true);
            throw e;
        } finally {
            registration.close();
        }
    }

    /** The result this interceptor returns when {@code tool} ran out of time. */
    public static ToolResult timedOut(String tool, Duration after) {
        return ToolResult.error(tool + TIMED_OUT + Durations.format(after));
    }

    /** Whether {@code result} is a {@link #timedOut} result of {@code tool}; breakers count these as failures. */
    public static boolean isTimeout(String tool, ToolResult result) {
        return result.isError() && !result.degraded() && result.content().startsWith(tool + TIMED_OUT);
    }

    private static Exception rethrowable(Throwable cause) {
        if (cause instanceof Error error) {
            throw error;
        }
        return (Exception) cause;
    }
}
