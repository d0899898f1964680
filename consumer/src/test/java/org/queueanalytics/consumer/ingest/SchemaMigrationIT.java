package org.queueanalytics.consumer.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.queueanalytics.consumer.ingest.ConsumerPipelineIT.bytes;
import static org.queueanalytics.consumer.ingest.ConsumerPipelineIT.client;
import static org.queueanalytics.consumer.ingest.ConsumerPipelineIT.count;
import static org.queueanalytics.consumer.ingest.ConsumerPipelineIT.produce;
import static org.queueanalytics.consumer.ingest.ConsumerPipelineIT.start;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.RecordJson;
import org.queueanalytics.consumer.ConsumerService;
import org.queueanalytics.consumer.clickhouse.ClickHouseClient;
import org.queueanalytics.consumer.clickhouse.testing.FirstReleaseTable;
import org.queueanalytics.consumer.clickhouse.testing.StoredRows;
import org.queueanalytics.testsupport.RealServers;
import org.queueanalytics.testsupport.RealServersExtension;
import org.queueanalytics.testsupport.TestConfig;

/**
 * Upgrading over an existing table: a table the first release created (service level
 * {@code Float64}, none of the later metrics), with rows in it, then the current consumer. The
 * consumer migrates the table in place; the old rows keep every value; new records — with a
 * NULL service level, every later metric, or in the first release's JSON — are stored complete.
 */
@ExtendWith(RealServersExtension.class)
class SchemaMigrationIT {
    /** The DDL of the first release, verbatim but for the table name. */
    private static final Instant T0 = Instant.parse("2025-01-27T07:00:00Z");

    @Test
    @SuppressWarnings("try") // a resource that only has to be open (running, bound) while the body runs
    void migratesTheFirstReleasesTableInPlaceKeepingItsRowsAndStoresNewRecordsComplete(RealServers servers,
                                                                                       @TempDir Path dir) throws Exception {
        TestConfig cfg = new TestConfig(servers).batch("{\"max_rows\":100,\"linger_ms\":100}");
        ClickHouseClient ch = client(servers, cfg, dir);
        String table = cfg.database() + "." + cfg.table();
        ch.execute("CREATE DATABASE IF NOT EXISTS " + cfg.database());
        ch.execute(FirstReleaseTable.DDL.formatted(table));
        // What the first release stored: a real service level, and a false 0 % where Genesys sent none.
        ch.execute("INSERT INTO " + table + " (" + FirstReleaseTable.COLUMNS + ") VALUES "
                + "('2025-01-27 07:00:00','q-old','Old queue','voice','2025-01-27 07:00:00','2025-01-27 07:30:00','PT30M',"
                + "42,38,3,78.05,1,1,6,32,41,0.8,456000,820200,7560000,151584,560000,8271584,35,2,1737961200000),"
                + "('2025-01-27 07:30:00','q-old','Old queue','voice','2025-01-27 07:30:00','2025-01-27 08:00:00','PT30M',"
                + "0,0,0,0,0,0,0,0,0,0,0,0,900000,0,30000,930000,1,0,1737963000000)");
        QueueIntervalRecord oldRow = QueueIntervalRecord.builder().queueId("q-old").queueName("Old queue").mediaType("voice")
                .intervalStart(T0).intervalEnd(T0.plus(Duration.ofMinutes(30))).granularity("PT30M")
                .fetchedAt(Instant.ofEpochMilli(1737961200000L)).offered(42).answered(38).abandoned(3).serviceLevelPct(78.05)
                .shortAbandoned(1).flowOuts(1).overSla(6).slNumerator(32).slDenominator(41).slTarget(0.8)
                .answerTimeMs(456000).waitTimeMs(820200).talkTimeMs(7560000).holdTimeMs(151584).acwTimeMs(560000)
                .handleTimeMs(8271584).handleCount(35).transferred(2).build();
        QueueIntervalRecord oldFalseZero = QueueIntervalRecord.builder().queueId("q-old").queueName("Old queue")
                .mediaType("voice").intervalStart(T0.plus(Duration.ofMinutes(30))).intervalEnd(T0.plus(Duration.ofHours(1)))
                .granularity("PT30M").fetchedAt(Instant.ofEpochMilli(1737963000000L)).serviceLevelPct(0.0).slTarget(0.0)
                .talkTimeMs(900000).acwTimeMs(30000).handleTimeMs(930000).handleCount(1).build();

        QueueIntervalRecord onlyEndsOfLongCalls = QueueIntervalRecord.builder().queueId("q-new").queueName("New queue")
                .mediaType("voice").intervalStart(T0.plus(Duration.ofHours(2))).intervalEnd(T0.plus(Duration.ofMinutes(150)))
                .granularity("PT30M").fetchedAt(Instant.parse("2025-01-27T09:35:00.123Z"))
                .talkTimeMs(7_200_000).talkCount(1).acwTimeMs(60_000).acwCount(1).handleTimeMs(7_260_000).handleCount(1)
                .build(); // no offer, no answer: service level NULL
        QueueIntervalRecord everyMetric = onlyEndsOfLongCalls.toBuilder().intervalStart(T0.plus(Duration.ofMinutes(150)))
                .intervalEnd(T0.plus(Duration.ofHours(3))).offered(5).answered(9).abandoned(1).serviceLevelPct(70.0)
                .slNumerator(7).slDenominator(10).slTarget(0.8).overSla(2).abandonTimeMs(41_000).maxWaitTimeMs(95_000)
                .alertTimeMs(30_000).alertCount(10).notRespondingTimeMs(12_000).notRespondingCount(1).connected(9)
                .acdTimeMs(200_000).acdCount(9).consults(2).consultTransferred(1).blindTransferred(1).outbound(3)
                .errors(1).voicemailTimeMs(50_000).voicemailCount(1).serviceTarget(0.8).build();
        String firstReleaseJson = new String(RecordJson.toBytes(everyMetric.toBuilder().queueId("q-json")
                .queueName("From an old producer").build()), StandardCharsets.UTF_8)
                .replaceAll(",\"abandon_time_ms\".*}$", "}"); // the first release's record had none of the later fields
        List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();
        for (QueueIntervalRecord r : List.of(onlyEndsOfLongCalls, everyMetric)) {
            sent.add(new ProducerRecord<>(cfg.topic(), bytes(r.queueId()), RecordJson.toBytes(r)));
        }
        sent.add(new ProducerRecord<>(cfg.topic(), bytes("q-json"), bytes(firstReleaseJson)));
        produce(servers, cfg.topic(), sent);

        try (ConsumerService ignored = start(cfg, dir)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> count(ch, cfg) == 5);
        }

        assertThat(ch.query("SELECT name, type FROM system.columns WHERE database = '" + cfg.database() + "' AND table = '"
                + cfg.table() + "' AND name IN ('service_level_pct', 'sl_target', 'connected', 'service_target') FORMAT TSV"))
                .isEqualTo("service_level_pct\tNullable(Float64)\nsl_target\tNullable(Float64)\nconnected\tInt32\n"
                        + "service_target\tNullable(Float64)\n");
        // the first release's rows: every value kept (a false 0 % stays what it was: see README), later metrics 0
        assertThat(StoredRows.read(ch, table, "WHERE queue_id = 'q-old'")).containsExactlyInAnyOrder(oldRow, oldFalseZero);
        List<QueueIntervalRecord> fresh = new ArrayList<>(StoredRows.read(ch, table, "WHERE queue_id = 'q-new'"));
        fresh.sort(Comparator.comparing(QueueIntervalRecord::intervalStart));
        assertThat(fresh).as("new records, every field").containsExactly(onlyEndsOfLongCalls, everyMetric);
        assertThat(fresh.get(0).serviceLevelPct()).isNull();
        QueueIntervalRecord fromOldProducer = RecordJson.fromBytes(bytes(firstReleaseJson));
        assertThat(StoredRows.read(ch, table, "WHERE queue_id = 'q-json'")).containsExactly(fromOldProducer);
        assertThat(fromOldProducer.connected()).isZero();
        assertThat(fromOldProducer.serviceLevelPct()).isEqualTo(70.0);
    }
}
