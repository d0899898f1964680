package org.queueanalytics.consumer.clickhouse.schema;

import org.queueanalytics.consumer.clickhouse.ClickHouseClient;
import org.queueanalytics.consumer.clickhouse.ClickHouseException;

/**
 * What {@link SchemaManager} needs of ClickHouse: run a statement, run a query and read its text.
 * The consumer's is its {@link ClickHouseClient}; the sql-compat tests run the same schema
 * statements and queries on an in-process ClickHouse through this seam.
 */
public interface SchemaSql {
    /** Runs a statement that returns nothing (DDL). */
    void execute(String sql) throws ClickHouseException, InterruptedException;

    /** Runs a query and returns the answer's text (TabSeparated unless the query names a FORMAT). */
    String query(String sql) throws ClickHouseException, InterruptedException;

    /** The consumer's client as a {@link SchemaSql}. */
    static SchemaSql of(ClickHouseClient client) {
        return new SchemaSql() {
            @Override
            public void execute(String sql) throws ClickHouseException, InterruptedException {
                client.execute(sql);
            }

            @Override
            public String query(String sql) throws ClickHouseException, InterruptedException {
                return client.query(sql);
            }
        };
    }
}
