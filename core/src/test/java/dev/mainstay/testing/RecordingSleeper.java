package dev.mainstay.testing;

import dev.mainstay.time.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sleeper that records each requested sleep and advances a {@link FakeClock} instead of waiting. */
public final class RecordingSleeper implements Sleeper {
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final FakeClock clock;

    public RecordingSleeper(FakeClock clock) {
        this.clock = clock;
    }

    public RecordingSleeper() {
        this(null);
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        if (clock != null) {
            clock.advance(duration);
        }
    }

    public List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
