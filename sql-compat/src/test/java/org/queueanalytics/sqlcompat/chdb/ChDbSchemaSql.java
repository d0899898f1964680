package org.queueanalytics.sqlcompat.chdb;

import java.util.Optional;
import org.queueanalytics.consumer.clickhouse.ClickHouseErrorClassifier;
import org.queueanalytics.consumer.clickhouse.ClickHouseException;
import org.queueanalytics.consumer.clickhouse.schema.SchemaSql;

/**
 * The consumer's {@code SchemaManager} seam on chDB: the same statements and queries, run in
 * process; a refused statement becomes the {@link ClickHouseException} the consumer's classifier
 * makes of the engine's {@code Code: N.} text.
 */
public final class ChDbSchemaSql implements SchemaSql {
    private final ChDb chdb;
    private final ClickHouseErrorClassifier classifier = new ClickHouseErrorClassifier();

    public ChDbSchemaSql(ChDb chdb) {
        this.chdb = chdb;
    }

    @Override
    public void execute(String sql) throws ClickHouseException {
        query(sql);
    }

    @Override
    public String query(String sql) throws ClickHouseException {
        try {
            return chdb.query(sql);
        } catch (ChDbException e) {
            // chDB has no HTTP status; 500 is what the HTTP interface answers for an engine error
            throw classifier.classify("chDB", 500, Optional.empty(), e.getMessage());
        }
    }
}
