package org.queueanalytics.consumer.clickhouse.schema;

import java.util.Map;
import java.util.Objects;

/**
 * An existing table as {@code system.columns} and {@code system.tables} describe it.
 *
 * @param columns    name → type, in table order
 * @param engine     e.g. {@code ReplacingMergeTree}
 * @param engineFull the engine with its arguments and clauses, e.g.
 *                   {@code ReplacingMergeTree(fetched_at) PARTITION BY … ORDER BY (…) SETTINGS …}
 * @param sortingKey e.g. {@code event_time, queue_id, media_type, interval_start}
 */
record TableShape(Map<String, String> columns, String engine, String engineFull, String sortingKey) {
    TableShape {
        columns = Map.copyOf(columns);
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(engineFull, "engineFull");
        Objects.requireNonNull(sortingKey, "sortingKey");
    }
}
