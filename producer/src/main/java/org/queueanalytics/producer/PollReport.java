package org.queueanalytics.producer;

import java.time.Instant;

/**
 * What one run (a live cycle, a fixed range or a backfill) did.
 *
 * @param windows     windows fetched, published and checkpointed
 * @param records     records acknowledged by Kafka
 * @param queues      queues polled
 * @param polledUntil the checkpoint after the run (null when there was nothing to poll)
 */
public record PollReport(int windows, long records, int queues, Instant polledUntil) {
}
