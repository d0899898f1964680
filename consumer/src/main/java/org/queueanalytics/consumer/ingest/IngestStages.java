package org.queueanalytics.consumer.ingest;

/**
 * The stages one {@link IngestLoop} drives, wired to each other by {@link IngestLoopBuilder}: the
 * batch being filled, the batch being written, the offsets waiting for a commit, the lag metrics,
 * the rebalance listener, the wait after a Kafka error, and the status they all report to.
 */
record IngestStages(BatchAssembler batch, WriteScheduler writes, OffsetCommitter commits, LagProbe lag,
                    RebalanceHandler rebalance, KafkaRetry kafkaRetry, LoopStatus status) {
}
