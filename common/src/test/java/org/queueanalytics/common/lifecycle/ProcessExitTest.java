package org.queueanalytics.common.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ProcessExitTest {
    private final List<Integer> exits = new CopyOnWriteArrayList<>();
    private final List<Integer> halts = new CopyOnWriteArrayList<>();
    private final ProcessExit handler = new ProcessExit(exits::add, halts::add);

    @Test
    void theFirstFatalErrorExitsWithStatusOneAndLaterOnesAreIgnored() {
        handler.fatal("consumer ingest loop", new OutOfMemoryError("Java heap space"));
        handler.fatal("thread clickhouse-writer", new IllegalStateException("the same failure, seen again"));

        await().atMost(Duration.ofSeconds(5)).until(() -> !exits.isEmpty());
        assertThat(exits).containsExactly(1);
        assertThat(halts).isEmpty();
        assertThat(handler.fired()).isTrue();
    }

    @Test
    void anUncaughtExceptionOnAnyThreadReachesTheInstalledHandler() throws Exception {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        List<String> seen = new CopyOnWriteArrayList<>();
        try {
            FatalErrorHandler.installAsDefault((component, error) -> seen.add(component + ": " + error.getMessage()));
            Thread t = new Thread(() -> {
                throw new IllegalStateException("boom");
            }, "some-worker");
            t.start();
            t.join(5000);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
        assertThat(seen).containsExactly("thread some-worker: boom");
    }
}
