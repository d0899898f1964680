package org.queueanalytics.producer;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.queueanalytics.common.config.ConfigException;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.producer.sharding.Shard;
import org.queueanalytics.testsupport.MutableClock;
import org.queueanalytics.producer.time.RecordingSleeper;
import org.queueanalytics.producer.time.Sleeper;
import org.queueanalytics.producer.time.StopSignal;
import org.queueanalytics.testsupport.TestConfig;

/**
 * Virtual time for integration tests: one {@link MutableClock} for the emulator and the producer,
 * and producer waits (request budget, Retry-After, backoff, the interval between cycles) that move
 * it instead of sleeping. A 60-second Retry-After then costs nothing, and token expiry, the
 * emulator's rate-limit window and "now" follow one time on both sides. Everything else — HTTP,
 * Kafka — is real.
 */
final class VirtualTime {
    final MutableClock clock;
    final RecordingSleeper waits;

    VirtualTime(String isoInstant) {
        this.clock = new MutableClock(Instant.parse(isoInstant));
        this.waits = new RecordingSleeper(clock);
    }

    /** The production wiring (real Genesys client, real Kafka outputs) on this virtual time. */
    ProducerService producer(PipelineConfig config) {
        StopSignal stop = new StopSignal();
        Sleeper sleeper = duration -> {
            if (stop.isStopped()) {
                throw new InterruptedException("the producer is shutting down");
            }
            waits.sleep(duration);
        };
        return ProducerWiring.forConfig(config).clock(clock).shard(Shard.ALL).stop(stop).waits(sleeper).service();
    }

    /** Writes the test configuration to {@code dir} and loads it as the services do (no environment overrides). */
    static PipelineConfig load(TestConfig config, Path dir) {
        return load(config.write(dir));
    }

    static PipelineConfig load(Path file) {
        try {
            return new ConfigLoader(Map.of()).load(file);
        } catch (ConfigException e) {
            throw new AssertionError(e.errors().toString(), e);
        }
    }
}
