package org.queueanalytics.consumer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.queueanalytics.common.config.BatchSettings;
import org.queueanalytics.common.config.RetrySettings;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.RecordJson;
import org.queueanalytics.consumer.clickhouse.ClickHouseErrorClassifier;
import org.queueanalytics.consumer.clickhouse.ClickHouseException;
import org.queueanalytics.consumer.clickhouse.HaltClickHouseException;
import org.queueanalytics.consumer.clickhouse.InsertResult;
import org.queueanalytics.consumer.clickhouse.TransientClickHouseException;
import org.queueanalytics.consumer.clickhouse.testing.Records;

/** The writer's decisions for each action of the error policy, with a scripted ClickHouse and a recording sleeper. */
class BatchWriterTest {
    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final ClickHouseErrorClassifier POLICY = new ClickHouseErrorClassifier();

    private final MockProducer<byte[], byte[]> dlq = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final ScriptedClickHouse clickHouse = new ScriptedClickHouse();
    private final IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
    private final BatchWriter<QueueIntervalRecord> writer = new BatchWriter<>(clickHouse, RowEncoder.intervals(), new DeadLetterPublisher(dlq, "t.dlq", Duration.ofSeconds(5)),
            originals(), new RetrySettings(3, Duration.ofSeconds(1), Duration.ofSeconds(10)), metrics, sleeps::add);

    /** Answers each INSERT with the first matching scripted failure, else stores the rows. */
    static final class ScriptedClickHouse implements RowSink<QueueIntervalRecord> {
        final List<QueueIntervalRecord> stored = new CopyOnWriteArrayList<>();
        final List<Integer> calls = new CopyOnWriteArrayList<>();
        volatile int failuresLeft;
        volatile ClickHouseException failure;
        volatile Predicate<List<QueueIntervalRecord>> failsWhen = rows -> true;

        void failWith(ClickHouseException e, int times, Predicate<List<QueueIntervalRecord>> when) {
            failure = e;
            failuresLeft = times;
            failsWhen = when;
        }

        @Override
        public InsertResult insert(List<QueueIntervalRecord> rows) throws ClickHouseException {
            calls.add(rows.size());
            if (failuresLeft > 0 && failsWhen.test(rows)) {
                failuresLeft--;
                throw failure;
            }
            stored.addAll(rows);
            return new InsertResult(rows.size(), 1, 100L * rows.size(), 25L * rows.size());
        }
    }

    private static SourceRecords originals() {
        return new SourceRecords() {
            @Override
            public Optional<ConsumerRecord<byte[], byte[]>> read(TopicPartition partition, long offset) {
                return Optional.of(new ConsumerRecord<>(partition.topic(), partition.partition(), offset,
                        "k".getBytes(StandardCharsets.UTF_8), RecordJson.toBytes(Records.example())));
            }

            @Override
            public void close() {
            }
        };
    }

    private static PendingBatch<QueueIntervalRecord> batchOf(int rows) {
        PendingBatch<QueueIntervalRecord> batch = new PendingBatch<>(new BatchSettings(1000, 1 << 20, Duration.ofSeconds(1)), Instant.EPOCH);
        for (int i = 0; i < rows; i++) {
            QueueIntervalRecord row = Records.record("queue-" + i, "Q " + i, "voice", Records.START, Records.FETCHED);
            batch.addRow(new DecodedRow<>(row, P0, i, 100));
        }
        return batch;
    }

    private static ClickHouseException answer(int status, String body) {
        return POLICY.classify("INSERT", status, Optional.empty(), body);
    }

    private static String code(int code) {
        return "Code: " + code + ", e.displayText() = DB::Exception: x, e.what() = DB::Exception\n";
    }

    @Test
    void anUnknownErrorIsRetriedWithTheSameRowsAndNothingGoesToTheDeadLetterQueue() throws Exception {
        clickHouse.failWith(answer(500, code(40)), 2, rows -> true);

        BatchWriter.Written written = writer.write(batchOf(8));

        assertThat(written).isEqualTo(new BatchWriter.Written(8, 0));
        assertThat(clickHouse.calls).containsExactly(8, 8, 8);
        assertThat(sleeps).hasSize(2);
        assertThat(dlq.history()).isEmpty();
        assertThat(clickHouse.stored).hasSize(8);
    }

    @Test
    void whileRetryingTheWriterIsNotReadyAndWhenTheAttemptsRunOutNothingIsStoredOrDeadLettered() {
        clickHouse.failWith(answer(500, "<html>500 Internal Server Error</html>"), Integer.MAX_VALUE, rows -> true);

        assertThatThrownBy(() -> writer.write(batchOf(8))).isInstanceOf(TransientClickHouseException.class);

        assertThat(clickHouse.calls).containsExactly(8, 8, 8, 8);
        assertThat(sleeps).hasSize(3).allSatisfy(d -> assertThat(d).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(10)));
        assertThat(dlq.history()).isEmpty();
        assertThat(writer.readiness().ready()).isFalse();
        assertThat(writer.readiness().reason()).contains("retrying the same rows", "HTTP 500");
    }

    @Test
    void theWriterIsReadyAgainOnceClickHouseAcceptsTheRows() throws Exception {
        clickHouse.failWith(answer(502, "<html>Bad Gateway</html>"), 1, rows -> true);

        writer.write(batchOf(2));

        assertThat(writer.readiness().ready()).isTrue();
    }

    @Test
    void aDataErrorSplitsTheBatchAtOnceWithoutWaitingAndDeadLettersOnlyTheBadRow() throws Exception {
        clickHouse.failWith(answer(400, code(41)), Integer.MAX_VALUE,
                rows -> rows.stream().anyMatch(r -> r.queueId().equals("queue-5")));

        BatchWriter.Written written = writer.write(batchOf(8));

        assertThat(written).isEqualTo(new BatchWriter.Written(7, 1));
        assertThat(sleeps).isEmpty();
        assertThat(clickHouse.calls).containsExactly(8, 4, 4, 2, 1, 1, 2);
        assertThat(dlq.history()).singleElement().satisfies(r -> {
            assertThat(new String(r.headers().lastHeader("dlq.error.code").value(), StandardCharsets.UTF_8)).isEqualTo("41");
            assertThat(new String(r.headers().lastHeader("dlq.original.offset").value(), StandardCharsets.UTF_8)).isEqualTo("5");
        });
        assertThat(clickHouse.stored).extracting(QueueIntervalRecord::queueId).doesNotContain("queue-5").hasSize(7);
    }

    @Test
    void aRetryAnswerWhileIsolatingRetriesThatHalfAndNeverSplitsIt() throws Exception {
        List<String> script = new ArrayList<>(List.of("data", "retry"));
        RowSink<QueueIntervalRecord> sink = rows -> {
            clickHouse.calls.add(rows.size());
            String next = script.isEmpty() ? "ok" : script.remove(0);
            if (next.equals("retry")) {
                throw answer(500, code(243)); // NOT_ENOUGH_SPACE while isolating: the same single row is sent again
            }
            if (next.equals("data") || rows.get(0).queueId().equals("queue-0")) {
                throw answer(400, code(53));
            }
            clickHouse.stored.addAll(rows);
            return new InsertResult(rows.size(), 1, 0, 0);
        };
        BatchWriter<QueueIntervalRecord> isolating = new BatchWriter<>(sink, RowEncoder.intervals(), new DeadLetterPublisher(dlq, "t.dlq", Duration.ofSeconds(5)), originals(),
                new RetrySettings(3, Duration.ofSeconds(1), Duration.ofSeconds(10)), metrics, sleeps::add);

        BatchWriter.Written written = isolating.write(batchOf(2));

        assertThat(clickHouse.calls).containsExactly(2, 1, 1, 1);
        assertThat(sleeps).hasSize(1);
        assertThat(written).isEqualTo(new BatchWriter.Written(1, 1));
    }

    @Test
    void aHaltAnswerStopsTheWriteAtOnceWithoutRetryOrDeadLetter() {
        clickHouse.failWith(answer(500, code(516)), Integer.MAX_VALUE, rows -> true);

        assertThatThrownBy(() -> writer.write(batchOf(8))).isInstanceOf(HaltClickHouseException.class);

        assertThat(clickHouse.calls).containsExactly(8);
        assertThat(sleeps).isEmpty();
        assertThat(dlq.history()).isEmpty();
    }
}
