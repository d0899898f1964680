package org.queueanalytics.testsupport;

/**
 * The README's "latest per queue" query of the live-state table (README "Live queue state"), for the
 * tests that run it on ClickHouse 18.16 and 26.7. Only the rows of each queue's newest snapshot count
 * (a metric Genesys left out of it is 0, not its older value); {@code FINAL} keeps a replayed snapshot once.
 *
 * <p>The oldest wait is {@code min(if(metric = 'oLongestWaiting', calculated_value, NULL))}, not
 * {@code minIf(calculated_value, metric = 'oLongestWaiting')}: on ClickHouse 18.16 the latter answers 0
 * instead of NULL when nobody waits but another metric of the queue (oLongestInteracting) has a value.
 */
public final class LiveStateQueries {
    private LiveStateQueries() {
    }

    /**
     * Per queue: waiting conversations (all media types), agents on queue (all routing statuses), the
     * longest wait in seconds (NULL: nobody waits) and the snapshot's time, over the snapshots of the
     * two minutes before {@code now}.
     *
     * @param table the qualified table, e.g. {@code analytics.queue_observations}
     * @param now   a ClickHouse DateTime expression: {@code now()} in the README, a fixed time in tests
     */
    public static String latestPerQueue(String table, String now) {
        return """
                SELECT queue_id,
                       sumIf(count, metric = 'oWaiting')       AS waiting,
                       sumIf(count, metric = 'oOnQueueUsers')  AS agents_on_queue,
                       (max(observed_at_ms) - min(if(metric = 'oLongestWaiting', calculated_value, NULL))) / 1000 AS longest_wait_s,
                       max(observed_at)                        AS as_of
                FROM %1$s FINAL
                WHERE observed_at >= %2$s - 120
                  AND (queue_id, observed_at_ms) IN (SELECT queue_id, max(observed_at_ms) FROM %1$s
                                                     WHERE observed_at >= %2$s - 120 GROUP BY queue_id)
                GROUP BY queue_id
                ORDER BY queue_id""".formatted(table, now);
    }
}
