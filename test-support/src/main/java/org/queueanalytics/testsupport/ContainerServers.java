package org.queueanalytics.testsupport;

import java.net.URI;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.clickhouse.ClickHouseContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Kafka and ClickHouse from Testcontainers, for machines with a Docker engine. The containers
 * live for the whole test JVM (Testcontainers' Ryuk removes them afterwards); the ClickHouse
 * container can be stopped and restarted for outage tests.
 */
final class ContainerServers {
    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    static final String CLICKHOUSE_IMAGE = "clickhouse/clickhouse-server:25.3.14.14"; // the compose file's pin

    private ContainerServers() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    static RealServers start() {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
        ClickHouseContainer clickhouse = new ClickHouseContainer(CLICKHOUSE_IMAGE);
        kafka.start();
        clickhouse.start();
        URI url = URI.create("http://" + clickhouse.getHost() + ":" + clickhouse.getMappedPort(8123));
        ServerControl control = new ServerControl() {
            @Override
            public void stop() {
                clickhouse.getDockerClient().pauseContainerCmd(clickhouse.getContainerId()).exec();
            }

            @Override
            public void start() {
                clickhouse.getDockerClient().unpauseContainerCmd(clickhouse.getContainerId()).exec();
            }
        };
        return new RealServersExtension.Endpoints(kafka.getBootstrapServers(), url, clickhouse.getUsername(),
                clickhouse.getPassword(), control, "testcontainers");
    }
}
