package org.queueanalytics.producer;

import java.time.Clock;
import java.util.Objects;
import org.queueanalytics.producer.sharding.ShardOwnership;
import org.queueanalytics.producer.time.Sleeper;
import org.queueanalytics.producer.time.StopSignal;

/**
 * What one poll loop runs under: its time, the shards it polls, how it waits and stops, and who
 * observes its requests and cycles. Built by {@link ProducerWiring}; shared by
 * {@link ProducerService}, {@link CycleRunner} and {@link WindowPoller}.
 *
 * @param clock    the time every stage reads (tests pass a clock they move)
 * @param shards   the shards each cycle polls (the service never closes it: its creator does)
 * @param stop     ended by {@link ProducerService#close()}; every wait ends with it
 * @param waits    every wait of the loop and the Genesys client (the interval between cycles,
 *                 request budget, Retry-After, backoff); it must throw {@link InterruptedException}
 *                 once {@code stop} is stopped, as {@link StopSignal} itself does
 * @param observer receives the requests and cycles (the metrics)
 */
record PollingContext(Clock clock, ShardOwnership shards, StopSignal stop, Sleeper waits, ProducerObserver observer) {
    PollingContext {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(shards, "shards");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(waits, "waits");
        Objects.requireNonNull(observer, "observer");
    }
}
