package org.queueanalytics.testsupport;

import java.net.URI;

/**
 * The real Kafka broker and ClickHouse server an integration test talks to. Inject it into a
 * test method or constructor with {@code @ExtendWith(RealServersExtension.class)}.
 */
public interface RealServers {
    /** Kafka bootstrap servers, e.g. {@code 127.0.0.1:39092}. */
    String kafkaBootstrapServers();

    /** ClickHouse HTTP base URL, e.g. {@code http://127.0.0.1:38123}. */
    URI clickHouseUrl();

    /** ClickHouse user ({@code default} unless {@code CLICKHOUSE_USER} says otherwise). */
    String clickHouseUsername();

    /** ClickHouse password (empty unless {@code CLICKHOUSE_PASSWORD} says otherwise). */
    String clickHousePassword();

    /**
     * Stops and restarts the ClickHouse server, for outage tests. Present only when the test
     * runner started the server itself ({@code scripts/test.sh} exports {@code CLICKHOUSE_CTL}
     * and {@code CLICKHOUSE_DIR}) — tests that need it fail loudly otherwise.
     */
    ServerControl clickHouseControl();

    /** Where the endpoints came from: "environment" or "testcontainers". */
    String source();
}
