package org.queueanalytics.consumer.ingest;

/**
 * The stages one {@link IngestLoop} drives, wired to each other by {@link IngestLoopBuilder}: the
 * batch being filled, the batch being written, the offsets waiting for a commit, the lag metrics,
 * the rebalance listener, the wait after a Kafka error, and the status they all report to.
 *
 * @param <R> the record type of the rows the batch holds (the loop itself never looks at them)
 */
record IngestStages<R>(BatchAssembler<R> batch, WriteScheduler<R> writes, OffsetCommitter commits, LagProbe lag,
                       RebalanceHandler rebalance, KafkaRetry kafkaRetry, LoopStatus status) {
    /** Hands the filled batch to the writer (which must be idle). */
    void startWrite() {
        writes.start(batch.handOver());
    }
}
