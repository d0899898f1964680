package org.queueanalytics.consumer.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures every assigned partition's lag (log end offset minus committed offset, i.e. records not
 * yet stored in ClickHouse) for the metrics, every {@link #REFRESH}, on the poll thread. Bounded
 * metadata requests ({@link #QUERY_TIMEOUT} each); a failure keeps the previous values —
 * observability never disturbs ingestion.
 */
final class LagProbe {
    /** Logs as the ingest loop, as before the stages were split out of it (same log lines, same logger). */
    private static final Logger LOG = LoggerFactory.getLogger(IngestLoop.class);
    static final Duration REFRESH = Duration.ofSeconds(5);
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

    private final Consumer<byte[], byte[]> consumer;
    private final Clock clock;
    private final IngestMetrics metrics;
    private Instant nextAt = Instant.MIN;

    LagProbe(Consumer<byte[], byte[]> consumer, Clock clock, IngestMetrics metrics) {
        this.consumer = consumer;
        this.clock = clock;
        this.metrics = metrics;
    }

    void refreshIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextAt)) {
            return;
        }
        nextAt = now.plus(REFRESH);
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            metrics.lag(Map.of());
            return;
        }
        try {
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, QUERY_TIMEOUT);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned, QUERY_TIMEOUT);
            List<TopicPartition> neverCommitted = assigned.stream().filter(tp -> committed.get(tp) == null).toList();
            Map<TopicPartition, Long> beginning = neverCommitted.isEmpty() ? Map.of()
                    : consumer.beginningOffsets(neverCommitted, QUERY_TIMEOUT);
            Map<TopicPartition, Long> lag = new HashMap<>();
            for (TopicPartition tp : assigned) {
                Long endOffset = end.get(tp);
                OffsetAndMetadata done = committed.get(tp);
                Long from = done != null ? Long.valueOf(done.offset()) : beginning.get(tp);
                if (endOffset != null && from != null) {
                    lag.put(tp, Math.max(0, endOffset - from));
                }
            }
            metrics.lag(lag);
        } catch (KafkaException e) {
            LOG.debug("consumer lag not measured this time: {}", e.toString());
        }
    }
}
