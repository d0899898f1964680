package org.queueanalytics.producer.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.queueanalytics.testsupport.MutableClock;

/** Records every wait and advances the test clock by it instead of sleeping. Thread-safe. */
public final class RecordingSleeper implements Sleeper {
    private final MutableClock clock;
    private final List<Duration> waits = new ArrayList<>();

    public RecordingSleeper(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return;
        }
        waits.add(duration);
        clock.advance(duration);
    }

    /** The non-zero waits so far, in order. */
    public synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }

    public synchronized Duration total() {
        return waits.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
