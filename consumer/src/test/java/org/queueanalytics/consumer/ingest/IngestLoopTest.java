package org.queueanalytics.consumer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.config.BatchSettings;
import org.queueanalytics.common.config.RetrySettings;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.RecordJson;
import org.queueanalytics.consumer.clickhouse.ClickHouseException;
import org.queueanalytics.consumer.clickhouse.DataClickHouseException;
import org.queueanalytics.consumer.clickhouse.HaltClickHouseException;
import org.queueanalytics.consumer.clickhouse.InsertResult;
import org.queueanalytics.consumer.clickhouse.TransientClickHouseException;

/** The poll loop's bookkeeping, with Kafka's own MockConsumer/MockProducer and a recording sink. */
class IngestLoopTest {
    private static final String TOPIC = "t";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private final RedeliveringMockConsumer consumer = new RedeliveringMockConsumer();
    private final SwitchableDlq dlqProducer = new SwitchableDlq();
    private final RecordingSink sink = new RecordingSink();
    private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();
    private final IngestMetrics metrics = new IngestMetrics(meterRegistry);
    private final List<Throwable> fatalErrors = new CopyOnWriteArrayList<>();
    private final org.queueanalytics.common.lifecycle.FatalErrorHandler fatal = (component, error) -> fatalErrors.add(error);
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    /** Records each wait and takes it: the 50 ms between two write rounds stay real, as they were before the round pause was injected. */
    private final Sleeper realPause = d -> {
        pauses.add(d);
        Thread.sleep(d.toMillis());
    };
    private IngestLoop loop;
    private Thread thread;

    /**
     * MockConsumer forgets the records it delivered; Kafka keeps them, so a consumer that seeks back
     * (the loop does, for records that fit in no batch) reads them again. This one does too.
     */
    static final class RedeliveringMockConsumer extends MockConsumer<byte[], byte[]> {
        private final List<ConsumerRecord<byte[], byte[]>> log = new ArrayList<>();

        RedeliveringMockConsumer() {
            super("earliest");
        }

        @Override
        public synchronized void addRecord(ConsumerRecord<byte[], byte[]> record) {
            log.add(record);
            super.addRecord(record);
        }

        /** Reads records back from this consumer's log, like {@link KafkaSourceRecords} reads them from Kafka; {@link #forget} drops one. */
        SourceRecords sources() {
            return new SourceRecords() {
                @Override
                public Optional<ConsumerRecord<byte[], byte[]>> read(TopicPartition partition, long offset) {
                    synchronized (RedeliveringMockConsumer.this) {
                        return log.stream().filter(r -> r.topic().equals(partition.topic()) && r.partition() == partition.partition()
                                && r.offset() == offset).findFirst();
                    }
                }

                @Override
                public void close() {
                }
            };
        }

        /** While set, {@code commitSync} throws it (as Kafka's does while the coordinator is unreachable). */
        final AtomicReference<RuntimeException> commitFailure = new AtomicReference<>();
        final AtomicInteger failedCommits = new AtomicInteger();
        final AtomicInteger commits = new AtomicInteger();

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
            RuntimeException failure = commitFailure.get();
            if (failure != null) {
                failedCommits.incrementAndGet();
                throw failure;
            }
            super.commitSync(offsets, timeout);
            commits.incrementAndGet();
        }

        /** What retention does to a record. */
        synchronized void forget(TopicPartition partition, long offset) {
            log.removeIf(r -> r.topic().equals(partition.topic()) && r.partition() == partition.partition() && r.offset() == offset);
        }

        @Override
        public synchronized void seek(TopicPartition partition, long offset) {
            super.seek(partition, offset);
            // a record re-added while still undelivered is skipped by poll(): its offset is below the position by then
            log.stream().filter(r -> r.topic().equals(partition.topic()) && r.partition() == partition.partition() && r.offset() >= offset)
                    .toList().forEach(super::addRecord);
        }
    }

    /** The DLQ producer; while {@code down}, every send fails as a DLQ topic refusing the record does. */
    static final class SwitchableDlq extends MockProducer<byte[], byte[]> {
        final AtomicBoolean down = new AtomicBoolean();
        final AtomicInteger refused = new AtomicInteger();

        SwitchableDlq() {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            if (down.get()) {
                refused.incrementAndGet();
                return CompletableFuture.failedFuture(new RecordTooLargeException("the record is larger than max.message.bytes of t.dlq"));
            }
            return super.send(record, callback);
        }
    }

    /** A ClickHouse stand-in: records what it stored; can be told to fail. */
    static final class RecordingSink implements RowSink<QueueIntervalRecord> {
        final List<QueueIntervalRecord> stored = new CopyOnWriteArrayList<>();
        final AtomicBoolean down = new AtomicBoolean();
        final AtomicInteger calls = new AtomicInteger();
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        volatile String rejectQueue;
        volatile ClickHouseException halt;
        volatile Error crash;

        @Override
        public InsertResult insert(List<QueueIntervalRecord> rows) throws ClickHouseException {
            calls.incrementAndGet();
            batchSizes.add(rows.size());
            if (halt != null) {
                throw halt;
            }
            if (crash != null) {
                throw crash;
            }
            if (down.get()) {
                throw new TransientClickHouseException("connection refused", -1, 0, null);
            }
            if (rejectQueue != null && rows.stream().anyMatch(r -> r.queueId().equals(rejectQueue))) {
                throw new DataClickHouseException("Code: 53, type mismatch", 53, 500, null);
            }
            stored.addAll(rows);
            return new InsertResult(rows.size(), 1, 1000L * rows.size(), 250L * rows.size());
        }
    }

    private void startLoop(BatchSettings batch) {
        startLoop(() -> batch);
    }

    /** {@code batch} is read at every batch start, as the service reads the reloadable configuration. */
    private void startLoop(Supplier<BatchSettings> batch) {
        BatchWriter<QueueIntervalRecord> writer = new BatchWriter<>(sink, RowEncoder.intervals(), new DeadLetterPublisher(dlqProducer, "t.dlq", Duration.ofSeconds(5)),
                consumer.sources(), new RetrySettings(1, Duration.ofMillis(5), Duration.ofMillis(20)), metrics);
        RecordDecoder decoder = new RecordDecoder(r -> r.offered() < 0 ? Optional.of("offered: negative") : Optional.empty());
        loop = IngestLoop.builder().consumer(consumer, List.of(TOPIC)).decoder(decoder).writer(writer, Duration.ofMillis(50))
                .metrics(metrics).clock(Clock.systemUTC()).batchSettings(batch).startPosition(StartPosition.COMMITTED)
                .stopWhenIdle(c -> false).onFatal(fatal).sleeper(realPause).build();
        consumer.updateEndOffsets(Map.of(P0, 0L, P1, 0L));
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

    /** The committed offset of {@code tp}, or -1 while none is. */
    private long committedOffset(TopicPartition tp) {
        OffsetAndMetadata offset = committed().get(tp);
        return offset == null ? -1 : offset.offset();
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
    void aCommitTimingOutMakesTheLoopNotReadyAndIsRetriedUntilTheOffsetsAreCommitted() {
        consumer.commitFailure.set(new TimeoutException("Timeout of 30000ms expired before successfully committing offsets"));
        startLoop(new BatchSettings(10, 1 << 20, Duration.ofMillis(10)));
        for (int i = 0; i < 10; i++) {
            add(P0, i, row(i));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.failedCommits.get() >= 3);
        assertThat(sink.stored).hasSize(10);
        assertThat(committed()).isEmpty();
        assertThat(loop.readiness().ready()).isFalse();
        assertThat(loop.readiness().reason()).contains("offset commit failed").contains("TimeoutException");
        assertThat(loop.liveness().alive()).as("a retriable error does not end the loop").isTrue();
        assertThat(metrics.commitFailures()).isGreaterThanOrEqualTo(3);

        consumer.commitFailure.set(null);
        await().atMost(Duration.ofSeconds(10)).until(() -> committedOffset(P0) == 10);
        await().atMost(Duration.ofSeconds(10)).until(() -> loop.readiness().ready());
        assertThat(sink.stored).as("the rows are not inserted again for a commit").hasSize(10);
        assertThat(fatalErrors).isEmpty();
    }

    @Test
    void anErrorInTheWriterEndsTheLoopAndIsReportedToTheFatalHandlerOnceWithoutACommit() {
        sink.crash = new OutOfMemoryError("Java heap space");
        startLoop(new BatchSettings(10, 1 << 20, Duration.ofMillis(10)));
        for (int i = 0; i < 10; i++) {
            add(P0, i, row(i));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> !loop.liveness().alive());
        assertThat(fatalErrors).hasSize(1).first().isSameAs(sink.crash);
        assertThat(loop.failure()).containsSame(sink.crash);
        assertThat(loop.readiness().ready()).isFalse();
        assertThat(loop.liveness().reason()).contains("OutOfMemoryError");
        assertThat(consumer.commits.get()).isZero();
    }

    @Test
    void anUnexpectedKafkaErrorEndsTheLoopAndIsReportedToTheFatalHandlerOnce() {
        consumer.commitFailure.set(new org.apache.kafka.common.errors.GroupAuthorizationException("not authorized to commit"));
        startLoop(new BatchSettings(10, 1 << 20, Duration.ofMillis(10)));
        for (int i = 0; i < 10; i++) {
            add(P0, i, row(i));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> !loop.liveness().alive());
        assertThat(fatalErrors).hasSize(1).first().isInstanceOf(org.apache.kafka.common.errors.GroupAuthorizationException.class);
        assertThat(consumer.commits.get()).isZero();
    }

    @Test
    void aFailingDlqMakesTheLoopNotReadyRetriesOnlyTheDeadLettersAndCommitsOnceTheyAreIn() {
        dlqProducer.down.set(true);
        startLoop(new BatchSettings(100, 1 << 20, Duration.ofMillis(10)));
        for (int i = 0; i < 20; i++) {
            add(P0, i, row(i));
        }
        QueueIntervalRecord negative = QueueIntervalRecord.builder().queueId("queue-x").queueName("n").mediaType("voice")
                .intervalStart(row(0).intervalStart()).intervalEnd(row(0).intervalEnd()).granularity("PT30M")
                .fetchedAt(row(0).fetchedAt()).offered(-1).serviceLevelPct(0.0).slTarget(0.0).build();
        add(P0, 20, negative);

        await().atMost(Duration.ofSeconds(10)).until(() -> dlqProducer.refused.get() >= 2);
        int insertsSoFar = sink.calls.get();
        int refusedSoFar = dlqProducer.refused.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> dlqProducer.refused.get() >= refusedSoFar + 3);
        assertThat(sink.calls.get()).as("the good rows are inserted once, not every round").isEqualTo(insertsSoFar);
        assertThat(sink.stored).hasSize(20);
        // batches before the poison record may be committed (linger can cut the 21 records into batches); never past it
        assertThat(committed().values()).as("no commit past a record the DLQ has not taken")
                .allSatisfy(offset -> assertThat(offset.offset()).isLessThanOrEqualTo(20));
        assertThat(loop.readiness().ready()).isFalse();
        assertThat(loop.readiness().reason()).contains("dead-lettering").contains("max.message.bytes");
        assertThat(metrics.deadLetterFailures()).isGreaterThanOrEqualTo(3);

        dlqProducer.down.set(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> committedOffset(P0) == 21);
        assertThat(dlqProducer.history()).hasSize(1);
        assertThat(header(dlqProducer.history().get(0), DeadLetterPublisher.ORIGINAL_OFFSET)).isEqualTo("20");
        assertThat(sink.stored).as("each row stored once").hasSize(20);
        await().atMost(Duration.ofSeconds(10)).until(() -> loop.readiness().ready());
        assertThat(fatalErrors).isEmpty();
    }

    @Test
    void stopsWithoutReportingAFailureWhenAskedTo() throws Exception {
        startLoop(new BatchSettings(10, 1 << 20, Duration.ofMillis(10)));
        add(P0, 0, row(0));
        await().atMost(Duration.ofSeconds(10)).until(() -> committedOffset(P0) == 1);

        loop.stop();
        thread.join(10_000);

        assertThat(loop.liveness().alive()).isFalse();
        assertThat(loop.failure()).isEmpty();
        assertThat(fatalErrors).isEmpty();
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
        // The rejected row's original: a field this consumer does not know, and a header — the DLQ must get these bytes, not a re-encoding.
        byte[] original = withUnknownField(RecordJson.toBytes(row(7)));
        for (int i = 0; i < 40; i++) {
            if (i == 7) {
                consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 7, 0L, TimestampType.CREATE_TIME,
                        7, original.length, "queue-7".getBytes(StandardCharsets.UTF_8), original,
                        new RecordHeaders(List.of(new RecordHeader("trace", new byte[] {1, 2}))), Optional.empty())));
            } else {
                add(P0, i, row(i));
            }
        }
        QueueIntervalRecord negative = QueueIntervalRecord.builder().queueId("queue-x").queueName("n").mediaType("voice")
                .intervalStart(row(0).intervalStart()).intervalEnd(row(0).intervalEnd()).granularity("PT30M")
                .fetchedAt(row(0).fetchedAt()).offered(-1).serviceLevelPct(0.0).slTarget(0.0).build();
        add(P0, 40, negative);

        await().atMost(Duration.ofSeconds(10)).until(() -> dlqProducer.history().size() == 2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(committed().get(P0).offset()).isEqualTo(41));
        assertThat(sink.stored).hasSize(39).noneMatch(r -> r.queueId().equals("queue-7"));
        List<String> reasons = new ArrayList<>();
        dlqProducer.history().forEach(r -> reasons.add(header(r, DeadLetterPublisher.REASON)));
        assertThat(reasons).containsExactlyInAnyOrder("clickhouse-rejected", "invalid-record");
        ProducerRecord<byte[], byte[]> rejected = dlqProducer.history().stream()
                .filter(r -> header(r, DeadLetterPublisher.REASON).equals("clickhouse-rejected")).findFirst().orElseThrow();
        assertThat(rejected.value()).isEqualTo(original);
        assertThat(rejected.key()).isEqualTo("queue-7".getBytes(StandardCharsets.UTF_8));
        assertThat(rejected.headers().lastHeader("trace").value()).containsExactly(1, 2);
        assertThat(header(rejected, DeadLetterPublisher.ORIGINAL_OFFSET)).isEqualTo("7");
        assertThat(header(rejected, DeadLetterPublisher.ERROR_MESSAGE)).contains("type mismatch").doesNotContain("re-encoded");
    }

    @Test
    void deadLettersARejectedRowReEncodedWhenKafkaNoLongerHasItsOriginal() {
        sink.rejectQueue = "queue-3";
        sink.down.set(true);
        startLoop(new BatchSettings(100, 1 << 20, Duration.ofMillis(10)));
        for (int i = 0; i < 5; i++) {
            add(P0, i, row(i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.calls.get() >= 1);
        consumer.forget(P0, 3); // retention removed it while ClickHouse was down
        sink.down.set(false);

        await().atMost(Duration.ofSeconds(10)).until(() -> dlqProducer.history().size() == 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(committed().get(P0).offset()).isEqualTo(5));
        ProducerRecord<byte[], byte[]> letter = dlqProducer.history().get(0);
        assertThat(letter.value()).isEqualTo(RecordJson.toBytes(row(3)));
        assertThat(letter.key()).isEqualTo("queue-3".getBytes(StandardCharsets.UTF_8));
        assertThat(header(letter, DeadLetterPublisher.ORIGINAL_OFFSET)).isEqualTo("3");
        assertThat(header(letter, DeadLetterPublisher.ERROR_MESSAGE)).contains("no longer in Kafka", "re-encoded");
        assertThat(sink.stored).hasSize(4);
    }

    private static byte[] withUnknownField(byte[] json) {
        String s = new String(json, StandardCharsets.UTF_8);
        return ("{\"added_by_a_newer_producer\": [1, 2],  " + s.substring(1)).getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
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

    @Test
    void neverPutsMoreThanMaxRowsInABatchAndLeavesWhatDoesNotFitInKafka() {
        startLoop(new BatchSettings(10, 1 << 20, Duration.ofMillis(200)));
        consumer.schedulePollTask(() -> {
            for (int i = 0; i < 25; i++) {
                consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, i, row(i).queueId().getBytes(), RecordJson.toBytes(row(i))));
            }
        });

        // one poll returns all 25: one batch goes to the writer, one fills up, the last 5 are read again later
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(committed().get(P0)).isNotNull()
                .extracting(OffsetAndMetadata::offset).isEqualTo(25L));
        assertThat(sink.batchSizes).containsExactly(10, 10, 5);
        assertThat(sink.stored).hasSize(25);
        assertThat(metrics.recordsConsumed()).as("records read twice are counted once").isEqualTo(25);
    }

    @Test
    void aBatchTakesTheBatchSettingsInForceWhenItsFirstRecordArrives() {
        AtomicReference<BatchSettings> settings = new AtomicReference<>(new BatchSettings(10, 1 << 20, Duration.ofMinutes(10)));
        startLoop(settings::get);
        for (int i = 0; i < 10; i++) {
            add(P0, i, row(i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.stored.size() == 10);

        settings.set(new BatchSettings(4, 1 << 20, Duration.ofMinutes(10))); // what a reload of batch.max_rows does
        for (int i = 10; i < 22; i++) {
            add(P0, i, row(i));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.stored.size() == 22);
        assertThat(sink.batchSizes).containsExactly(10, 4, 4, 4);
    }

    @Test
    void reportsTheLagOfEveryAssignedPartitionAndTheCompressionOfWhatWasInserted() {
        startLoop(new BatchSettings(5, 1 << 20, Duration.ofMillis(10)));
        for (int i = 0; i < 5; i++) {
            add(P0, i, row(i));
        }
        consumer.updateEndOffsets(Map.of(P0, 5L, P1, 7L)); // P1: 7 records nobody has read yet

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(metrics.lagByPartition()).containsExactlyInAnyOrderEntriesOf(Map.of("t-0", 0L, "t-1", 7L)));
        assertThat(meterRegistry.get("consumer_lag_records").tag("partition", "1").gauge().value()).isEqualTo(7.0);
        assertThat(meterRegistry.get("consumer_compression_ratio").gauge().value()).isEqualTo(4.0);
        assertThat(meterRegistry.get("consumer_insert_wire_bytes").counter().count()).isEqualTo(1250.0);
    }

    @Test
    void aHaltAnswerEndsTheLoopAsFatalAndCommitsNothing() throws Exception {
        sink.halt = new HaltClickHouseException("INSERT failed: HTTP 516, ClickHouse code 516: Authentication failed", 516, 500, null);
        startLoop(new BatchSettings(10, 1 << 20, Duration.ofMillis(10)));
        for (int i = 0; i < 5; i++) {
            add(P0, i, row(i));
        }

        thread.join(10_000);

        assertThat(thread.isAlive()).isFalse();
        assertThat(fatalErrors).singleElement().isInstanceOf(HaltClickHouseException.class)
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE).hasMessageContaining("code 516");
        assertThat(sink.calls.get()).isEqualTo(1);
        assertThat(sink.stored).isEmpty();
        assertThat(dlqProducer.history()).isEmpty(); // and no commit: the loop commits only after a write that returned
    }
}
