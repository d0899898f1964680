package org.queueanalytics.emulator.faults;

import java.time.Duration;

/** What the fault injector decided for one API request. */
public sealed interface Fault permits Fault.Proceed, Fault.Fail, Fault.Drop, Fault.Broken {

    /** The delay to apply before answering (or dropping). */
    Duration delay();

    /** Answer normally, after {@code delay}. */
    record Proceed(Duration delay) implements Fault {
    }

    /** Answer {@code status} with a Genesys error body, after {@code delay}. */
    record Fail(int status, Duration delay) implements Fault {
    }

    /** Close the connection without any answer, after {@code delay}. */
    record Drop(Duration delay) implements Fault {
    }

    /** Answer 200 with {@code answer}'s body instead of the endpoint's data, after {@code delay}. */
    record Broken(BrokenAnswer answer, Duration delay) implements Fault {
    }
}
