package org.queueanalytics.consumer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.config.ConfigLoader;
import org.queueanalytics.common.config.KafkaSettings;
import org.queueanalytics.consumer.ConsumerService;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;
import org.queueanalytics.testsupport.TestConfig;

/**
 * Reading originals back from a real broker, as the writer does for a row ClickHouse rejected
 * (batches keep decoded rows only): exact key, value and headers; "gone" after retention; a bounded
 * wait, never another record, when the offset does not exist yet.
 */
@ExtendWith(RealServersExtension.class)
class SourceRecordsIT {
    @Test
    void readsTheExactRecordBackAndReportsOnesRetentionRemoved(RealServers servers, @TempDir Path dir) throws Exception {
        TestConfig cfg = new TestConfig(servers);
        KafkaSettings kafka = new ConfigLoader(Map.of()).load(cfg.write(dir)).kafka();
        List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(cfg.topic(), i % 3, utf8("key-" + i), utf8("{\"n\": " + i + "}"));
            r.headers().add(new RecordHeader("n", utf8(Integer.toString(i))));
            sent.add(r);
        }
        ConsumerPipelineIT.produce(servers, cfg.topic(), sent);
        TopicPartition p1 = new TopicPartition(cfg.topic(), 1);

        try (KafkaSourceRecords sources = new KafkaSourceRecords(
                () -> new KafkaConsumer<>(ConsumerService.sourceReaderProperties(kafka)), Duration.ofSeconds(3))) {
            // partition 1 holds i = 1, 4, 7, … in order: offset k is i = 3k + 1
            for (long offset : new long[] {57, 0, 99, 13}) {
                ConsumerRecord<byte[], byte[]> r = sources.read(p1, offset).orElseThrow();
                long i = 3 * offset + 1;
                assertThat(r.offset()).isEqualTo(offset);
                assertThat(r.key()).isEqualTo(utf8("key-" + i));
                assertThat(r.value()).isEqualTo(utf8("{\"n\": " + i + "}"));
                assertThat(r.headers().lastHeader("n").value()).isEqualTo(utf8(Long.toString(i)));
            }

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers()))) {
                admin.deleteRecords(Map.of(p1, RecordsToDelete.beforeOffset(50))).all().get(); // what retention does
            }
            assertThat(sources.read(p1, 10)).isEqualTo(Optional.empty());
            assertThat(sources.read(p1, 50).orElseThrow().key()).isEqualTo(utf8("key-151"));

            assertThatThrownBy(() -> sources.read(p1, 100)).isInstanceOf(TimeoutException.class)
                    .hasMessageContaining(p1 + "@100");
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
