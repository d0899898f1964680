package org.queueanalytics.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.queueanalytics.common.record.QueueIntervalRecord;
import org.queueanalytics.common.record.RecordJson;
import org.queueanalytics.consumer.clickhouse.schema.QueueAnalyticsTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Baseline (c): the consumer everybody writes first. Kafka consumer with default settings
 * ({@code max.poll.records} 500), and for every poll one {@code INSERT … VALUES} built with a
 * {@link StringBuilder}, posted as plain uncompressed HTTP, then {@code commitSync()}. No
 * batching across polls, no compression, no partition-aware splitting. Correct (escapes strings,
 * commits after the insert) — just naive. Stops after {@code --max-records} or
 * {@code --max-seconds}, whichever comes first, and prints {@code key=value} lines.
 */
@Command(name = "NaiveConsumer", mixinStandardHelpOptions = true,
        description = "Baseline: one uncompressed INSERT per Kafka poll.")
public final class NaiveConsumer implements Callable<Integer> {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Option(names = "--bootstrap", required = true)
    String bootstrap;
    @Option(names = "--topic", required = true)
    String topic;
    @Option(names = "--group", required = true)
    String group;
    @Option(names = "--url", required = true, description = "ClickHouse HTTP URL, e.g. http://127.0.0.1:8123")
    URI url;
    @Option(names = "--table", required = true, description = "database.table")
    String table;
    @Option(names = "--max-records", defaultValue = "2000000")
    long maxRecords;
    @Option(names = "--max-seconds", defaultValue = "60")
    long maxSeconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new NaiveConsumer()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        JvmStats stats = new JvmStats();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI endpoint = URI.create(url + (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : "")
                + "?log_queries=1&query=" + URLEncoder.encode("INSERT INTO " + table + " " + QueueAnalyticsTable.columnList()
                + " VALUES", StandardCharsets.UTF_8));
        long rows = 0;
        long inserts = 0;
        long bodyBytes = 0;
        long started = System.nanoTime();
        long deadline = started + Duration.ofSeconds(maxSeconds).toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            while (rows < maxRecords && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                stats.sample();
                if (records.isEmpty()) {
                    continue;
                }
                StringBuilder sql = new StringBuilder();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (sql.length() > 0) {
                        sql.append(',');
                    }
                    appendRow(sql, RecordJson.fromBytes(record.value()));
                }
                byte[] body = sql.toString().getBytes(StandardCharsets.UTF_8);
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofMinutes(2))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("ClickHouse answered " + response.statusCode() + ": " + response.body());
                }
                consumer.commitSync();
                rows += records.count();
                inserts++;
                bodyBytes += body.length;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("naive_rows=%d%nnaive_inserts=%d%nnaive_body_bytes=%d%nnaive_seconds=%.3f%n", rows, inserts,
                bodyBytes, seconds);
        System.out.printf("naive_cpu_seconds=%.3f%nnaive_peak_heap_bytes=%d%n", stats.cpuNanosSinceStart() / 1e9,
                stats.peakHeapUsed());
        return 0;
    }

    private static void appendRow(StringBuilder sql, QueueIntervalRecord r) {
        String start = DATE_TIME.format(r.intervalStart());
        sql.append("('").append(start).append("',")
                .append(quote(r.queueId())).append(',')
                .append(quote(r.queueName())).append(',')
                .append(quote(r.mediaType())).append(",'")
                .append(start).append("','")
                .append(DATE_TIME.format(r.intervalEnd())).append("',")
                .append(quote(r.granularity())).append(',')
                .append(r.offered()).append(',').append(r.answered()).append(',').append(r.abandoned()).append(',')
                .append(sqlNumber(r.serviceLevelPct())).append(',')
                .append(r.shortAbandoned()).append(',').append(r.flowOuts()).append(',').append(r.overSla()).append(',')
                .append(r.slNumerator()).append(',').append(r.slDenominator()).append(',')
                .append(sqlNumber(r.slTarget())).append(',')
                .append(r.answerTimeMs()).append(',').append(r.waitTimeMs()).append(',').append(r.talkTimeMs()).append(',')
                .append(r.holdTimeMs()).append(',').append(r.acwTimeMs()).append(',').append(r.handleTimeMs()).append(',')
                .append(r.handleCount()).append(',').append(r.transferred()).append(',')
                .append(r.abandonTimeMs()).append(',').append(r.maxWaitTimeMs()).append(',').append(r.talkCount()).append(',')
                .append(r.holdCount()).append(',').append(r.acwCount()).append(',').append(r.alertTimeMs()).append(',')
                .append(r.alertCount()).append(',').append(r.notRespondingTimeMs()).append(',')
                .append(r.notRespondingCount()).append(',').append(r.connected()).append(',').append(r.acdTimeMs()).append(',')
                .append(r.acdCount()).append(',').append(r.consults()).append(',').append(r.consultTransferred()).append(',')
                .append(r.blindTransferred()).append(',').append(r.outbound()).append(',').append(r.errors()).append(',')
                .append(r.voicemailTimeMs()).append(',').append(r.voicemailCount()).append(',')
                .append(sqlNumber(r.serviceTarget())).append(',')
                .append(r.fetchedAt().toEpochMilli()).append(')');
    }

    private static String sqlNumber(Double value) {
        return value == null ? "NULL" : value.toString();
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
