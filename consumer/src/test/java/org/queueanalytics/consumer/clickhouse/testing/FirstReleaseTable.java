package org.queueanalytics.consumer.clickhouse.testing;

/**
 * The table as the project's first release created it (service levels {@code Float64}, none of
 * the metrics added since), for the tests that prove the in-place migration on every server.
 */
public final class FirstReleaseTable {
    /** The first release's DDL, verbatim but for the table name ({@code %s}). */
    public static final String DDL = """
            CREATE TABLE %s
            (
                event_time DateTime, queue_id String, queue_name String, media_type String,
                interval_start DateTime, interval_end DateTime, granularity String,
                offered Int32, answered Int32, abandoned Int32, service_level_pct Float64,
                short_abandoned Int32, flow_outs Int32, over_sla Int32, sl_numerator Int32, sl_denominator Int32,
                sl_target Float64, answer_time_ms UInt64, wait_time_ms UInt64, talk_time_ms UInt64, hold_time_ms UInt64,
                acw_time_ms UInt64, handle_time_ms UInt64, handle_count Int32, transferred Int32,
                fetched_at UInt64
            )
            ENGINE = ReplacingMergeTree(fetched_at)
            PARTITION BY (toYYYYMMDD(event_time), queue_id)
            ORDER BY (event_time, queue_id, media_type, interval_start)""";

    /** Its columns, in its order: the column list of an INSERT the first release wrote. */
    public static final String COLUMNS = "event_time, queue_id, queue_name, media_type, interval_start, "
            + "interval_end, granularity, offered, answered, abandoned, service_level_pct, short_abandoned, flow_outs, "
            + "over_sla, sl_numerator, sl_denominator, sl_target, answer_time_ms, wait_time_ms, talk_time_ms, hold_time_ms, "
            + "acw_time_ms, handle_time_ms, handle_count, transferred, fetched_at";

    private FirstReleaseTable() {
    }
}
