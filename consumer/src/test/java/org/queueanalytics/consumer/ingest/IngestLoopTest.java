package org.queueanalytics.consumer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.config.BatchSettings;
import org.queueanalytics.common.config.RetrySettings;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.RecordJson;
import org.queueanalytics.consumer.clickhouse.ClickHouseException;
import org.queueanalytics.consumer.clickhouse.DataClickHouseException;
import org.queueanalytics.consumer.clickhouse.TransientClickHouseException;

/** The poll loop's bookkeeping, with Kafka's own MockConsumer/MockProducer and a recording sink. */
class IngestLoopTest {
    private static final String TOPIC = "t";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final MockProducer<byte[], byte[]> dlqProducer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final RecordingSink sink = new RecordingSink();
    private final IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
    private IngestLoop loop;
    private Thread thread;

    /** A ClickHouse stand-in: records what it stored; can be told to fail. */
    static final class RecordingSink implements RowSink {
        final List<QueueIntervalRecord> stored = new CopyOnWriteArrayList<>();
        final AtomicBoolean down = new AtomicBoolean();
        final AtomicInteger calls = new AtomicInteger();
        volatile String rejectQueue;

        @Override
        public void insert(List<QueueIntervalRecord> rows) throws ClickHouseException {
            calls.incrementAndGet();
            if (down.get()) {
                throw new TransientClickHouseException("connection refused", -1, 0, null);
            }
            if (rejectQueue != null && rows.stream().anyMatch(r -> r.queueId().equals(rejectQueue))) {
                throw new DataClickHouseException("Code: 53, type mismatch", 53, 500, null);
            }
            stored.addAll(rows);
        }
    }

    private void startLoop(BatchSettings batch) {
        BatchWriter writer = new BatchWriter(sink, new DeadLetterPublisher(dlqProducer, "t.dlq", Duration.ofSeconds(5)),
                new RetrySettings(1, Duration.ofMillis(5), Duration.ofMillis(20)), metrics);
        RecordDecoder decoder = new RecordDecoder(r -> r.offered() < 0 ? Optional.of("offered: negative") : Optional.empty());
        loop = new IngestLoop(consumer, List.of(TOPIC), decoder, writer, metrics, Clock.systemUTC(), () -> batch,
                Duration.ofMillis(50), IngestLoop.StartPosition.COMMITTED, c -> false);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0, P1));
            consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        });
        thread = new Thread(loop, "loop-under-test");
        thread.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (loop != null) {
            loop.stop();
            thread.join(10_000);
        }
    }

    private void add(TopicPartition tp, long offset, QueueIntervalRecord r) {
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(TOPIC, tp.partition(), offset, r.queueId().getBytes(), RecordJson.toBytes(r))));
    }

    private static QueueIntervalRecord row(int i) {
        return ConsumerPipelineIT.record(i, "Q" + i);
    }

    private Map<TopicPartition, OffsetAndMetadata> committed() {
        return consumer.committed(Set.of(P0, P1));
    }

    @Test
    void commitsLastOffsetPlusOneOnlyAfterTheSinkStoredTheRows() {
        startLoop(new BatchSettings(10, 1 << 20, Duration.ofMillis(10)));
        for (int i = 0; i < 5; i++) {
            add(P0, i, row(i));
            add(P1, i, row(100 + i));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.stored.size() == 10);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(committed().get(P0).offset()).isEqualTo(5);
            assertThat(committed().get(P1).offset()).isEqualTo(5);
        });
    }

    @Test
    void commitsNothingWhileClickHouseIsDownAndStoresEverythingOnceItIsBack() throws Exception {
        sink.down.set(true);
        startLoop(new BatchSettings(10, 1 << 20, Duration.ofMillis(10)));
        for (int i = 0; i < 30; i++) {
            add(P0, i, row(i));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.calls.get() >= 6);
        assertThat(committed()).isEmpty();
        assertThat(loop.readiness().ready()).isFalse();
        assertThat(loop.readiness().reason()).contains("write round");

        sink.down.set(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.stored.size() == 30);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(committed().get(P0).offset()).isEqualTo(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> loop.readiness().ready());
    }

    @Test
    void pausesEveryPartitionWhileTheNextBatchIsFullAndTheLastOneIsStillBeingWritten() {
        sink.down.set(true);
        startLoop(new BatchSettings(5, 1 << 20, Duration.ofMillis(10)));
        for (int i = 0; i < 20; i++) {
            add(P0, i, row(i));
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(consumer.paused()).containsExactlyInAnyOrder(P0, P1));

        sink.down.set(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.stored.size() == 20);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(consumer.paused()).isEmpty());
    }

    @Test
    void isolatesRowsClickHouseRejectsAndDeadLettersThemWithTheInvalidOnes() {
        sink.rejectQueue = "queue-7";
        startLoop(new BatchSettings(100, 1 << 20, Duration.ofMillis(10)));
        for (int i = 0; i < 40; i++) {
            add(P0, i, row(i));
        }
        QueueIntervalRecord negative = new QueueIntervalRecord(1, "queue-x", "n", "voice", row(0).intervalStart(), row(0).intervalEnd(),
                "PT30M", row(0).fetchedAt(), -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        add(P0, 40, negative);

        await().atMost(Duration.ofSeconds(10)).until(() -> dlqProducer.history().size() == 2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(committed().get(P0).offset()).isEqualTo(41));
        assertThat(sink.stored).hasSize(39).noneMatch(r -> r.queueId().equals("queue-7"));
        List<String> reasons = new ArrayList<>();
        dlqProducer.history().forEach(r -> reasons.add(new String(r.headers().lastHeader(DeadLetterPublisher.REASON).value())));
        assertThat(reasons).containsExactlyInAnyOrder("clickhouse-rejected", "invalid-record");
    }

    @Test
    void dropsTheUnwrittenRecordsOfARevokedPartitionWithoutCommittingThem() {
        sink.down.set(true);
        startLoop(new BatchSettings(1000, 1 << 20, Duration.ofMillis(10)));
        for (int i = 0; i < 10; i++) {
            add(P1, i, row(i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.calls.get() >= 4);

        consumer.schedulePollTask(() -> consumer.rebalance(List.of(P0)));
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.assignment().equals(Set.of(P0)));
        sink.down.set(false);
        add(P0, 0, row(50));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(committed()).containsOnlyKeys(P0));
        assertThat(sink.stored).containsExactly(row(50));
    }
}
