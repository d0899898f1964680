package org.queueanalytics.consumer.clickhouse.schema;

import java.util.Objects;

/** One column of the target table: its name and its ClickHouse type as written in CREATE TABLE. */
public record Column(String name, String type) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
