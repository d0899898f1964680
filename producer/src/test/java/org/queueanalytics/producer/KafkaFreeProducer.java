package org.queueanalytics.producer;

import java.time.Clock;
import java.util.List;
import org.queueanalytics.common.config.PipelineConfig;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.producer.publish.RecordSink;
import org.queueanalytics.producer.sharding.Shard;
import org.queueanalytics.producer.time.StopSignal;

/**
 * For test tools outside this package (the request-count report): the production service — real
 * Genesys client, planner, budget, retries — whose records are counted ({@link ProducerStatus#recordsPublished()})
 * and dropped, with checkpoints in memory. No Kafka broker needed.
 */
public final class KafkaFreeProducer {
    private KafkaFreeProducer() {
    }

    public static ProducerService create(PipelineConfig config, Clock clock) {
        StopSignal stop = new StopSignal();
        RecordSink discard = new RecordSink() {
            @Override
            public void publishAll(List<QueueIntervalRecord> records) {
                // counted by the service; nothing to keep
            }

            @Override
            public void close() {
            }
        };
        return ProducerWiring.forConfig(config).clock(clock).shard(Shard.ALL).stop(stop)
                .kafka(() -> new KafkaOutputs(discard, new InMemoryCheckpointStore())).service();
    }
}
