package org.queueanalytics.consumer.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.cli.ExitCodes;
import org.queueanalytics.consumer.ConsumerMain;
import org.queueanalytics.consumer.audit.AuditIT;
import org.queueanalytics.consumer.ingest.DeadLetterPublisher;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;
import org.queueanalytics.testsupport.TestConfig;
import picocli.CommandLine;

/** {@code consumer dlq-replay} against a real Kafka broker. */
@ExtendWith(RealServersExtension.class)
class DlqReplayIT {

    private static ProducerRecord<byte[], byte[]> letter(TestConfig cfg, String key, String value, String reason, long offset) {
        RecordHeaders h = new RecordHeaders();
        h.add("trace", utf8("t-" + key));
        h.add(DeadLetterPublisher.REASON, utf8(reason));
        h.add(DeadLetterPublisher.ERROR_CODE, utf8("-1"));
        h.add(DeadLetterPublisher.ERROR_MESSAGE, utf8("why"));
        h.add(DeadLetterPublisher.ORIGINAL_TOPIC, utf8(cfg.topic()));
        h.add(DeadLetterPublisher.ORIGINAL_PARTITION, utf8("0"));
        h.add(DeadLetterPublisher.ORIGINAL_OFFSET, utf8(Long.toString(offset)));
        return new ProducerRecord<>(cfg.dlqTopic(), null, utf8(key), utf8(value), h);
    }

    @Test
    void aDryRunPublishesNothingAndAReplayPublishesEachFilteredLetterOnceWithItsKeyAndValue(RealServers servers, @TempDir Path dir)
            throws Exception {
        TestConfig cfg = new TestConfig(servers);
        Path file = cfg.write(dir);
        createTopic(servers, cfg.topic());
        createTopic(servers, cfg.dlqTopic());
        List<ProducerRecord<byte[], byte[]>> letters = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String reason = i % 3 == 0 ? "clickhouse-rejected" : "invalid-record";
            letters.add(letter(cfg, "queue-" + i, "{\"n\":" + i + "}", reason, i));
        }
        produceAcked(servers, letters);

        Result dry = run(file, "--dry-run");
        assertThat(dry.exit).as(dry.out).isZero();
        assertThat(dry.out).contains("dry run").contains("would publish 30").contains("clickhouse-rejected          10")
                .contains("invalid-record               20");
        assertThat(read(servers, cfg.topic())).as("a dry run publishes nothing").isEmpty();

        Result filtered = run(file, "--reason", "clickhouse-rejected");
        assertThat(filtered.exit).as(filtered.out).isZero();
        assertThat(filtered.out).contains("published 10");
        List<ConsumerRecord<byte[], byte[]>> first = read(servers, cfg.topic());
        assertThat(first).hasSize(10);
        for (ConsumerRecord<byte[], byte[]> r : first) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            int i = Integer.parseInt(key.substring("queue-".length()));
            assertThat(i % 3).isZero();
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":" + i + "}");
            assertThat(r.headers().lastHeader("trace").value()).isEqualTo(utf8("t-" + key));
            assertThat(r.headers().lastHeader(DeadLetterPublisher.REASON)).as("dlq.* headers are removed").isNull();
        }

        Result again = run(file, "--reason", "clickhouse-rejected");
        assertThat(again.out).contains("published 0");
        assertThat(read(servers, cfg.topic())).as("a second run publishes nothing").hasSize(10);

        Result rest = run(file);
        assertThat(rest.out).contains("published 20").contains("10 already re-published");
        assertThat(read(servers, cfg.topic())).hasSize(30);
        assertThat(run(file).out).contains("published 0");
        assertThat(read(servers, cfg.topic())).hasSize(30);

        produceAcked(servers, List.of(letter(cfg, "queue-new", "{}", "invalid-json", 99)));
        Result late = run(file, "--dry-run");
        assertThat(late.out).contains("would publish 1").contains("[queue-new]");
        assertThat(run(file, "--reason", "invalid-json").out).contains("published 1");
        assertThat(run(file).out).as("the letter a filtered run re-published is not re-published unfiltered").contains("published 0");
        assertThat(read(servers, cfg.topic())).hasSize(31);
    }

    record Result(int exit, String out) {
    }

    static Result run(Path file, String... extra) {
        List<String> args = new ArrayList<>(List.of("dlq-replay", "--config", file.toString()));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        CommandLine cl = ExitCodes.commandLine(new ConsumerMain());
        cl.setOut(new PrintWriter(out, true));
        return new Result(cl.execute(args.toArray(String[]::new)), out.toString());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void createTopic(RealServers servers, String topic) throws Exception {
        AuditIT.createTopic(servers, topic);
    }

    private static void produceAcked(RealServers servers, List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        AuditIT.produce(servers, records);
    }

    /** Every record of the topic (group-less, up to its end offsets). */
    static List<ConsumerRecord<byte[], byte[]>> read(RealServers servers, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
