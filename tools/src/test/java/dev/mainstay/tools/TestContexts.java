package dev.mainstay.tools;

import dev.mainstay.testing.FakeClock;
import dev.mainstay.time.Cancellation;
import dev.mainstay.time.Deadline;
import dev.mainstay.tool.ToolContext;
import java.time.Clock;
import java.time.Duration;

/** Tool contexts for tests. */
public final class TestContexts {
    private static final java.util.concurrent.atomic.AtomicLong CALLS = new java.util.concurrent.atomic.AtomicLong();

    private TestContexts() {}

    /** A fresh idempotency key, as a distinct tool_use id would be. */
    public static String nextKey() {
        return "toolu_test_" + CALLS.incrementAndGet();
    }

    /** A context for {@code user} of {@code tenant} whose call has the idempotency key {@code key}. */
    public static ToolContext withKey(String tenant, String user, String key) {
        return new ToolContext("run_1", tenant, user, 1, Deadline.none(new FakeClock()), Cancellation.NEVER, key);
    }

    /** A context for {@code user} of {@code tenant} with no deadline to speak of and no cancellation. */
    public static ToolContext forUser(String tenant, String user) {
        return withKey(tenant, user, nextKey());
    }

    public static ToolContext any() {
        return forUser("tenant_a", "user_a");
    }

    /** A context whose deadline runs out {@code timeout} from now on the real clock (for timeouts against servers). */
    public static ToolContext withRealDeadline(Duration timeout, Cancellation cancellation) {
        return new ToolContext("run_1", "tenant_a", "user_a", 1, Deadline.after(timeout, Clock.systemUTC()),
                cancellation, nextKey());
    }
}
