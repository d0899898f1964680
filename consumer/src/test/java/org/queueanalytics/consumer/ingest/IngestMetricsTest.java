package org.queueanalytics.consumer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Two pipelines in one registry: the interval meters keep their names, the observations' have their own. */
class IngestMetricsTest {
    @Test
    void aSecondPipelinesMetersTakeItsPrefixAndLeaveTheIntervalNamesAlone() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        IngestMetrics intervals = new IngestMetrics(registry);
        IngestMetrics observations = new IngestMetrics(registry, "consumer_observation_");
        intervals.lag(Map.of(new TopicPartition("genesys.queue-intervals", 0), 5L));
        observations.lag(Map.of(new TopicPartition("genesys.queue-observations", 0), 7L));
        observations.consumed(3);

        var names = registry.getMeters().stream().map(Meter::getId).map(Meter.Id::getName).toList();
        assertThat(names).contains("consumer_records_consumed", "consumer_rows_inserted", "consumer_dlq_records",
                "consumer_insert_latency", "consumer_batch_rows", "consumer_compression_ratio", "consumer_lag_records",
                "consumer_observation_records_consumed", "consumer_observation_rows_inserted", "consumer_observation_dlq_records",
                "consumer_observation_insert_latency", "consumer_observation_batch_rows", "consumer_observation_compression_ratio",
                "consumer_observation_lag_records");
        assertThat(names.stream().filter(n -> n.startsWith("consumer_observation_")).count())
                .isEqualTo(names.stream().filter(n -> !n.startsWith("consumer_observation_")).count());
        assertThat(intervals.recordsConsumed()).isZero();
        assertThat(observations.recordsConsumed()).isEqualTo(3);
        assertThat(registry.get("consumer_lag_records").gauge().value()).isEqualTo(5);
        assertThat(registry.get("consumer_observation_lag_records").gauge().value()).isEqualTo(7);
    }
}
